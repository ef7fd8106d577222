package com.deskpost.delivery.contacts;

import com.deskpost.delivery.archive.SentArchive;
import com.deskpost.delivery.feedback.FeedbackHistory;
import com.deskpost.events.ConsentAction;
import com.deskpost.platform.consent.ConsentTag;
import com.deskpost.platform.pseudonym.Pseudonyms;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * GDPR art. 17 erasure of one address, in one transaction: the address is tagged {@code erased},
 * which suppresses every future mail to it (the consent store keeps that tag under the pseudonym and
 * drops the address's other tags, so the suppression itself does not hold the address); its ledger rows
 * get a pseudonym in place of the address and lose the subject that could name the person; the sent-mail archive
 * drops the content of every message to them (and of its staff copies) and keeps the hashes the audit rows name.
 * The erasure goes out on mail.consent under the keyed pseudonym ({@link Pseudonyms}), never the address,
 * so other services drop what they hold for the person by pseudonymising what they hold to match:
 * audit-service its audit rows, oversight its held drafts. Those follow asynchronously, once they read
 * the announcement. The address itself lives only in this request: nothing stored or published names it.
 */
@Service
class Erasure {

    private static final Logger log = LoggerFactory.getLogger(Erasure.class);
    static final String PSEUDONYMISE_LEDGER =
            "update delivery_ledger set recipient = ?, subject = null where recipient = ?";

    private final ConsentRecorder consent;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final Pseudonyms pseudonyms;
    private final FeedbackHistory feedback;
    private final SentArchive archive;

    Erasure(ConsentRecorder consent, JdbcTemplate jdbc, TransactionTemplate transactions, Pseudonyms pseudonyms,
            FeedbackHistory feedback, SentArchive archive) {
        this.feedback = feedback;
        this.archive = archive;
        this.consent = consent;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.pseudonyms = pseudonyms;
    }

    /** Erases a normalised address; erasing it again finds nothing left to pseudonymise. */
    ErasureReport erase(String email, String requestedBy) {
        ErasureReport report = transactions.execute(status -> {
            String pseudonym = pseudonyms.of(email);
            // The store drops the address's consent tags and their history with it, keeping only this erasure.
            consent.stageErasure(email, ConsentRecorder.change(pseudonym, ConsentTag.ERASED, ConsentAction.ADDED,
                    "erasure", "api-client:" + requestedBy, "api:" + requestedBy));
            int ledger = jdbc.update(PSEUDONYMISE_LEDGER, pseudonym, email);
            // Its bounce and complaint history names the address: it goes (the suppression is the erased tag now).
            feedback.forget(email);
            int archived = archive.erase(email, pseudonym);
            log.info("Erasure of {}: content of {} archived messages dropped, their hashes kept", pseudonym, archived);
            return ErasureReport.of(pseudonym, ledger);
        });
        log.info("Erased {} at the request of API client {}: {} ledger rows pseudonymised; announced for the audit"
                + " trail and the approval queue", report.pseudonym(), requestedBy, report.ledgerRowsPseudonymised());
        return report;
    }
}
