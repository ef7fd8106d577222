package com.deskpost.audit.erasure;

import com.deskpost.platform.pseudonym.Pseudonyms;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * GDPR art. 17 erasure of one person in the audit store, in one transaction, from the pseudonym
 * mail.consent announces (never the address): the person is recorded as erased, so later events about
 * them are stored under the pseudonym, and every row about them gets the pseudonym as recipient and
 * loses its detail. Their rows are the ones whose keyed recipient digest the pseudonym is the prefix of
 * ({@link Pseudonyms#ofDigest}). One of those still naming the address in clear tells the address,
 * which finds the rest: rows from before keyed digests (their unkeyed digest gets the unkeyed pseudonym,
 * erased: + 16 hex digits of it, which tells nothing the digest does not), and other people's rows whose
 * detail mentions the address, which lose their detail. When no row names the address in clear any
 * more, nothing of it is left to find.
 *
 * <p>The chain still verifies: personal fields enter the hash only through digest columns, which stay,
 * and the verifier accepts the pseudonym a digest fixes and a detail removed.
 */
@Service
class Erasure {

    private static final Logger log = LoggerFactory.getLogger(Erasure.class);
    private static final int PSEUDONYM_DIGITS = 32;

    private final ErasedRecipients erased;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;

    Erasure(ErasedRecipients erased, JdbcTemplate jdbc, TransactionTemplate tx) {
        this.erased = erased;
        this.jdbc = jdbc;
        this.tx = tx;
    }

    /**
     * @param pseudonym the keyed pseudonym of the erased address, as mail.consent carries it
     * @param address the address, when the announcement named it in clear (before keyed pseudonyms), else empty
     * @return audit rows that lost the person's address or a mention of it
     */
    int erase(String pseudonym, Optional<String> address, Instant erasedAt) {
        int rows = tx.execute(status -> {
            // Waits for appends that looked the person up before this erasure; later ones see it (ErasedRecipients).
            jdbc.execute("lock table audit_log in exclusive mode");
            erased.record(pseudonym, erasedAt);
            String digestPrefix = pseudonym.substring(Pseudonyms.PREFIX.length());
            Optional<String> clear = address.or(() -> addressIn(digestPrefix));
            int own = jdbc.update("update audit_log set recipient = ?, detail = null where length(recipient_digest) = 64"
                    + " and substr(recipient_digest, 1, ?) = ? and (recipient is distinct from ? or detail is not null)",
                    pseudonym, PSEUDONYM_DIGITS, digestPrefix, pseudonym);
            return own + clear.map(this::scrubByAddress).orElse(0);
        });
        log.info("Erasure of {}: {} audit rows pseudonymised or cleared of mentions", pseudonym, rows);
        return rows;
    }

    private Optional<String> addressIn(String digestPrefix) {
        List<String> named = jdbc.queryForList("select lower(trim(recipient)) from audit_log where length(recipient_digest)"
                + " = 64 and substr(recipient_digest, 1, ?) = ? and recipient not like 'erased:%' limit 1", String.class,
                PSEUDONYM_DIGITS, digestPrefix);
        return named.stream().findFirst();
    }

    private int scrubByAddress(String address) {
        // Rows from before keyed digests: the pseudonym their unkeyed digest fixes.
        int legacy = jdbc.update("update audit_log set recipient = ? || substr(recipient_digest, 1, 16), detail = null"
                + " where lower(trim(recipient)) = ? and recipient_digest is not null", Pseudonyms.PREFIX, address);
        int mentions = jdbc.update("update audit_log set detail = null"
                + " where detail is not null and strpos(lower(detail), ?) > 0", address);
        return legacy + mentions;
    }
}
