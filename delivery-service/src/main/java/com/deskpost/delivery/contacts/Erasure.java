package com.deskpost.delivery.contacts;

import com.deskpost.delivery.audit.Pseudonym;
import com.deskpost.platform.consent.ConsentTag;
import com.deskpost.events.ConsentAction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * GDPR art. 17 erasure of one address, in one transaction: the address is tagged {@code erased},
 * which suppresses every future mail to it (the consent store keeps that tag under the pseudonym and
 * drops the address's other tags, so the suppression itself does not hold the address); its audit
 * rows and ledger rows get a pseudonym in place of the address, and lose the free text and subject
 * that could name the person. The audit chain still verifies: personal fields enter the hash only
 * through digest columns, which stay.
 * The erasure goes out on mail.consent, so other services can drop what they hold for the address.
 */
@Service
class Erasure {

    private static final Logger log = LoggerFactory.getLogger(Erasure.class);

    private final ConsentRecorder consent;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;

    Erasure(ConsentRecorder consent, JdbcTemplate jdbc, TransactionTemplate transactions) {
        this.consent = consent;
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    /** Erases a normalised address; erasing it again finds nothing left to pseudonymise. */
    ErasureReport erase(String email, String requestedBy) {
        ErasureReport report = transactions.execute(status -> {
            consent.stage(ConsentRecorder.change(email, ConsentTag.ERASED, ConsentAction.ADDED, "erasure",
                    "api-client:" + requestedBy));
            // Each row's own digest makes its pseudonym: a composer may have stored the address in another case.
            int audit = jdbc.update("update audit_log set recipient = ? || substr(recipient_digest, 1, ?), detail = null"
                    + " where lower(recipient) = ? and recipient_digest is not null",
                    Pseudonym.PREFIX, Pseudonym.DIGEST_CHARS, email);
            int mentions = jdbc.update("update audit_log set detail = null"
                    + " where detail is not null and strpos(lower(detail), ?) > 0", email);
            int ledger = jdbc.update("update delivery_ledger set recipient = ?, subject = null where recipient = ?",
                    Pseudonym.of(email), email);
            return ErasureReport.of(Pseudonym.of(email), audit + mentions, ledger);
        });
        consent.announce();
        log.info("Erased {} at the request of API client {}: {} audit rows and {} ledger rows pseudonymised",
                report.pseudonym(), requestedBy, report.auditRowsPseudonymised(), report.ledgerRowsPseudonymised());
        return report;
    }
}
