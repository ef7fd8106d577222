package com.deskpost.audit.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.deskpost.audit.store.AuditLog;
import com.deskpost.audit.testdata.AuditDatabase;
import com.deskpost.audit.chain.ChainHash;
import com.deskpost.audit.chain.ChainHead;
import com.deskpost.platform.pseudonym.Pseudonyms;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The chain rules on rows built in memory, hashed as the audit store hashes them. */
class ChainVerifierTest {

    private static final Pseudonyms PSEUDONYMS = AuditDatabase.PSEUDONYMS;
    private static final AuditLog LOG = new AuditLog(null, null, null, PSEUDONYMS, AuditDatabase.PROCESSING);

    @Test
    void aChainOfSoundRowsChecksOut() {
        // Given
        List<StoredRow> rows = chain(3);
        ChainVerifier verifier = new ChainVerifier(PSEUDONYMS);

        // When / Then
        for (StoredRow row : rows) {
            assertThat(verifier.check(row)).isEmpty();
        }
        assertThat(verifier.rows()).isEqualTo(3);
    }

    @Test
    void aRowWithChangedContentIsBroken() {
        // Given
        List<StoredRow> rows = chain(2);
        StoredRow edited = with(rows.get(1), "SUPPRESSED", rows.get(1).recipient(), rows.get(1).detail());
        ChainVerifier verifier = new ChainVerifier(PSEUDONYMS);
        verifier.check(rows.get(0));

        // When
        Optional<String> broken = verifier.check(edited);

        // Then
        assertThat(broken).contains("hash does not match the row's content");
    }

    @Test
    void aMissingRowBreaksTheLinkOfTheNext() {
        // Given
        List<StoredRow> rows = chain(3);
        ChainVerifier verifier = new ChainVerifier(PSEUDONYMS);
        verifier.check(rows.get(0));

        // When the middle row is skipped
        Optional<String> broken = verifier.check(rows.get(2));

        // Then
        assertThat(broken).contains("gap in chain position: position jumps from 1 to 3 and prev_hash does not match the"
                + " previous row, so rows between them were removed");
    }

    @Test
    void aGapInSeqAloneIsNoTampering() {
        // Given a sequence value skipped by a rolled-back insert: the chain links straight across it
        List<StoredRow> rows = chain(2);
        StoredRow second = rows.get(1);
        StoredRow renumbered = new StoredRow(7, second.chainId(), second.chainPosition(), second.auditId(), second.draftId(), second.type(),
                second.occurredAtMillis(), second.actor(), second.recipient(), second.recipientDigest(),
                second.locationId(), second.threadKey(), second.correlationId(), second.messageId(), second.detail(),
                second.detailDigest(), second.attributes(), second.prevHash(), second.hash());
        ChainVerifier verifier = new ChainVerifier(PSEUDONYMS);
        verifier.check(rows.get(0));

        // When / Then
        assertThat(verifier.check(renumbered)).isEmpty();
    }

    @Test
    void aPseudonymisedRowChecksOutAndAnyOtherReplacementDoesNot() {
        // Given
        StoredRow row = chain(1).get(0);

        // When / Then
        assertThat(new ChainVerifier(PSEUDONYMS).check(with(row, row.type(), PSEUDONYMS.of(row.recipient()), null)))
                .isEmpty();
        assertThat(new ChainVerifier(PSEUDONYMS).check(with(row, row.type(), "erased:ffffffffffffffff", null)))
                .contains("recipient does not match its digest");
        assertThat(new ChainVerifier(PSEUDONYMS).check(with(row, row.type(), "erased:" + "f".repeat(32), null)))
                .contains("recipient does not match its digest");
        assertThat(new ChainVerifier(PSEUDONYMS).check(with(row, row.type(), null, row.detail())))
                .contains("recipient does not match its digest");
        assertThat(new ChainVerifier(PSEUDONYMS).check(with(row, row.type(), row.recipient(), "Bounced")))
                .contains("detail does not match its digest");
    }

    @Test
    void aRowWrittenBeforeKeyedDigestsChecksOutInClearAndUnderItsUnkeyedPseudonym() {
        // Given a row as the audit store wrote it before keyed digests: unkeyed SHA-256 of the fields as given
        StoredRow row = chain(1).get(0);
        StoredRow legacy = sealed(new StoredRow(1, ChainHash.LEGACY_CHAIN, 1, row.auditId(), row.draftId(), row.type(), row.occurredAtMillis(),
                row.actor(), "Member1@Example.com", AuditLog.legacyDigest("Member1@Example.com"), row.locationId(),
                row.threadKey(), row.correlationId(), row.messageId(), "Accepted", AuditLog.legacyDigest("Accepted"),
                row.attributes(), AuditLog.GENESIS, null));
        String unkeyedPseudonym = "erased:" + legacy.recipientDigest().substring(0, 16);

        // When / Then it verifies as stored, and once erased the way erasure pseudonymises such rows
        assertThat(new ChainVerifier(PSEUDONYMS).check(legacy)).isEmpty();
        assertThat(new ChainVerifier(PSEUDONYMS).check(with(legacy, legacy.type(), unkeyedPseudonym, null))).isEmpty();
        // but not under another address, nor under the keyed pseudonym its digest cannot vouch for
        assertThat(new ChainVerifier(PSEUDONYMS).check(with(legacy, legacy.type(), "member2@example.com", null)))
                .contains("recipient does not match its digest");
        assertThat(new ChainVerifier(PSEUDONYMS).check(
                with(legacy, legacy.type(), PSEUDONYMS.of("member1@example.com"), null)))
                .contains("recipient does not match its digest");
    }

    @Test
    void aRowsLawfulBasisAndPurposeAreCoveredAndARowStoredBeforeThemStillChecksOut() {
        // Given a row stored before records of processing, and one after it stored under an activity
        StoredRow old = chain(1).get(0);
        ChainHash.Processing recorded = new ChainHash.Processing("event:booking_created", "CONTRACT", "Bookings");
        StoredRow stamped = sealed(withProcessing(new StoredRow(2, "mail.audit-0", 2, "audit-2", "draft-2", "SENT",
                1_740_992_400_002L, "delivery-service", "member2@example.com", LOG.recipientDigest("member2@example.com"),
                "LDN-1", "booking:B-2", "corr-2", "<draft-2@example.com>", "Accepted", LOG.digest("Accepted"), "{}",
                old.hash(), null), recorded));
        ChainVerifier verifier = new ChainVerifier(PSEUDONYMS);

        // When / Then both check out
        assertThat(verifier.check(old)).isEmpty();
        assertThat(verifier.check(stamped)).isEmpty();
        // and a basis rewritten, the columns removed, or columns added to the old row do not
        for (StoredRow forged : List.of(
                withProcessing(stamped, new ChainHash.Processing("event:booking_created", "LEGITIMATE_INTERESTS",
                        "Bookings")),
                withProcessing(stamped, null),
                withProcessing(old, recorded))) {
            ChainVerifier fresh = new ChainVerifier(PSEUDONYMS, new ChainHead(forged.chainPosition() - 1,
                    forged.prevHash()), "first link");
            assertThat(fresh.check(forged)).as("%s", forged.processing())
                    .contains("hash does not match the row's content");
        }
    }

    private static StoredRow withProcessing(StoredRow row, ChainHash.Processing processing) {
        return new StoredRow(row.seq(), row.chainId(), row.chainPosition(), row.auditId(), row.draftId(), row.type(),
                row.occurredAtMillis(), row.actor(), row.recipient(), row.recipientDigest(), row.locationId(),
                row.threadKey(), row.correlationId(), row.messageId(), row.detail(), row.detailDigest(),
                row.attributes(), row.prevHash(), row.hash(), processing);
    }

    /** Rows as AuditLog would store them in chain mail.audit-0: member{n}@example.com, SENT, from the genesis hash. */
    private static List<StoredRow> chain(int length) {
        List<StoredRow> rows = new ArrayList<>();
        String prev = AuditLog.GENESIS;
        for (int n = 1; n <= length; n++) {
            StoredRow row = sealed(new StoredRow(n, "mail.audit-0", n, "audit-" + n, "draft-" + n, "SENT", 1_740_992_400_000L + n,
                    "delivery-service", "member" + n + "@example.com", LOG.recipientDigest("member" + n + "@example.com"),
                    "LDN-1", "booking:B-" + n, "corr-" + n, "<draft-" + n + "@example.com>", "Accepted",
                    LOG.digest("Accepted"), "{}", prev, null));
            rows.add(row);
            prev = row.hash();
        }
        return rows;
    }

    private static StoredRow sealed(StoredRow row) {
        String hash = ChainHash.of(row.chainId(), row.chainPosition(), row.prevHash(), row.fields(), row.processing());
        return withProcessing(with(row, row.type(), row.recipient(), row.detail(), hash), row.processing());
    }

    private static StoredRow with(StoredRow row, String type, String recipient, String detail) {
        return with(row, type, recipient, detail, row.hash());
    }

    private static StoredRow with(StoredRow row, String type, String recipient, String detail, String hash) {
        return new StoredRow(row.seq(), row.chainId(), row.chainPosition(), row.auditId(), row.draftId(), type, row.occurredAtMillis(), row.actor(),
                recipient, row.recipientDigest(), row.locationId(), row.threadKey(), row.correlationId(),
                row.messageId(), detail, row.detailDigest(), row.attributes(), row.prevHash(), hash);
    }
}
