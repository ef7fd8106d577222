package com.deskpost.audit.query;

import com.deskpost.audit.store.AuditLog;
import com.deskpost.audit.chain.ChainHash;
import com.deskpost.audit.chain.ChainHead;
import com.deskpost.platform.id.DraftIds;
import com.deskpost.platform.pseudonym.Pseudonyms;
import java.util.Optional;

/**
 * Recomputes one audit chain from stored columns, one row at a time in position order, and names the
 * first row that does not check out. A row is sound when its prev_hash is the previous row's hash
 * (the first row's is the hash verification starts from: the genesis hash, a checkpoint's or the
 * archived head's), its hash is {@link ChainHash#of} of its chain, position and columns (its processing
 * activity, lawful basis and purpose too, when it has them),
 * and its personal fields match the digests the hash covers: a recipient equal to its digest's
 * pre-image or to the erasure pseudonym made from that digest, a detail equal to its digest's
 * pre-image or removed by erasure. Digests are keyed ({@link Pseudonyms#digest}); rows written before
 * keyed digests carry the unkeyed SHA-256 and, once erased, the unkeyed pseudonym of its first 16 hex
 * digits. Either reading is fixed by the digest the hash covers, so accepting both lets no edit through.
 *
 * <p>A jump in seq alone is no tampering: PostgreSQL sequences skip values when an insert rolls
 * back or the server restarts; positions are gapless. A removed row shows as the next row's prev_hash
 * not matching; when the position jumps there too, the reason says so.
 */
final class ChainVerifier {

    private static final int LEGACY_PSEUDONYM_DIGITS = 16;

    static final String REMOVED_FROM_START =
            "prev_hash of the first row is not the genesis hash: rows were removed from the start";

    private final Pseudonyms pseudonyms;
    private final String firstLinkBroken;
    private String expectedPrev;
    private Long previousPosition;
    private long rows;

    /** Verifies a chain from its start. */
    ChainVerifier(Pseudonyms pseudonyms) {
        this(pseudonyms, ChainHead.GENESIS, REMOVED_FROM_START);
    }

    /**
     * Verifies a chain from {@code start}: the first row read must link to its hash, or it is broken
     * for {@code firstLinkBroken}.
     */
    ChainVerifier(Pseudonyms pseudonyms, ChainHead start, String firstLinkBroken) {
        this.pseudonyms = pseudonyms;
        this.expectedPrev = start.hash();
        this.firstLinkBroken = firstLinkBroken;
    }

    /** @return why the row breaks the chain, or empty when it checks out */
    Optional<String> check(StoredRow row) {
        rows++;
        Optional<String> broken = linkBroken(row).or(() -> contentBroken(row));
        expectedPrev = row.hash();
        previousPosition = row.chainPosition();
        return broken;
    }

    long rows() {
        return rows;
    }

    private Optional<String> linkBroken(StoredRow row) {
        if (row.prevHash().equals(expectedPrev)) {
            return Optional.empty();
        }
        if (previousPosition == null) {
            return Optional.of(firstLinkBroken);
        }
        if (row.chainPosition() != previousPosition + 1) {
            return Optional.of("gap in chain position: position jumps from " + previousPosition + " to "
                    + row.chainPosition() + " and prev_hash does not match the previous row, so rows between them"
                    + " were removed");
        }
        return Optional.of("prev_hash does not match the previous row");
    }

    private Optional<String> contentBroken(StoredRow row) {
        String recomputed = ChainHash.of(row.chainId(), row.chainPosition(), row.prevHash(), row.fields(),
                row.processing());
        if (!recomputed.equals(row.hash())) {
            return Optional.of("hash does not match the row's content");
        }
        if (!recipientMatchesDigest(row.recipient(), row.recipientDigest())) {
            return Optional.of("recipient does not match its digest");
        }
        // A detail may be absent while its digest stays: that is what erasure leaves.
        if (row.detail() != null && !pseudonyms.digest(row.detail()).equals(row.detailDigest())
                && !AuditLog.legacyDigest(row.detail()).equals(row.detailDigest())) {
            return Optional.of("detail does not match its digest");
        }
        return Optional.empty();
    }

    private boolean recipientMatchesDigest(String recipient, String digest) {
        if (recipient == null || digest == null) {
            return recipient == null && digest == null;
        }
        return digest.equals(pseudonyms.digest(DraftIds.normaliseEmail(recipient)))
                || digest.length() == 64 && recipient.equals(Pseudonyms.ofDigest(digest))
                || digest.equals(AuditLog.legacyDigest(recipient))
                || digest.length() > LEGACY_PSEUDONYM_DIGITS
                        && recipient.equals(Pseudonyms.PREFIX + digest.substring(0, LEGACY_PSEUDONYM_DIGITS));
    }
}
