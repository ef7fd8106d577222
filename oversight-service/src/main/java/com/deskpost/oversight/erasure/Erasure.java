package com.deskpost.oversight.erasure;

import com.deskpost.oversight.queue.HeldDraft;
import com.deskpost.oversight.queue.HeldDraft.Status;
import com.deskpost.oversight.queue.HoldQueue;
import com.deskpost.oversight.queue.Resolutions;
import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * GDPR art. 17 erasure of one address in oversight's database, in one transaction: the drafts still
 * held for it are dropped, never sent (audit {@code SUPPRESSED}, approval {@code CANCELLED}), then every
 * row that names the person loses it. Held drafts to the address, whatever their status, keep their
 * id, status, times, location, mode and rule (the queue's history) but carry the pseudonym instead of
 * the address and lose subject, preview, the draft itself and the approver's free-text reason; digest
 * entries get the pseudonym and lose the subject. Decided drafts and digest entries of other people
 * that mention the address lose their text too. This class is the one list of oversight's columns
 * that can name a recipient: a new one belongs here. The pseudonym is the keyed one
 * ({@link com.deskpost.platform.pseudonym.Pseudonyms}) of the normalised address, the same delivery
 * announces and stores, so a held draft and the audit rows of the same draft name the person the same
 * way. Rows erased before keyed pseudonyms keep the unkeyed pseudonym they were given.
 *
 * <p>Not scrubbed: outbox rows not yet relayed (the relay deletes them within a poll interval once
 * Kafka has them; a release among them still has to reach delivery, which suppresses it), and a
 * draft held after the erasure was processed (a composer raced the erasure; delivery suppresses it).
 */
@Service
class Erasure {

    static final String DROPPED = "Dropped while held: the recipient's address was erased (GDPR)";
    private static final Logger log = LoggerFactory.getLogger(Erasure.class);

    private final HoldQueue queue;
    private final Resolutions resolutions;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;

    Erasure(HoldQueue queue, Resolutions resolutions, JdbcTemplate jdbc, TransactionTemplate tx) {
        this.queue = queue;
        this.resolutions = resolutions;
        this.jdbc = jdbc;
        this.tx = tx;
    }

    /** Erases a normalised address; erasing it again finds nothing left to drop or scrub. */
    void erase(String address, String pseudonym) {
        Instant now = Clock.systemUTC().instant();
        int[] counts = tx.execute(status -> {
            int dropped = 0;
            for (HeldDraft held : queue.pendingTo(address)) {
                if (queue.resolve(held.draftId(), Status.CANCELLED, Resolutions.ACTOR, now, null, DROPPED)) {
                    resolutions.erased(held, pseudonym, DROPPED, now);
                    dropped++;
                }
            }
            return new int[] {dropped, scrubHeldDrafts(address, pseudonym), scrubDigestEntries(address, pseudonym)};
        });
        log.info("Erasure of {}: {} held drafts dropped, {} held-draft rows and {} digest entries scrubbed",
                pseudonym, counts[0], counts[1], counts[2]);
    }

    private int scrubHeldDrafts(String address, String pseudonym) {
        // Pending drafts are left alone: the ones to the address were just dropped, and another
        // person's pending draft must still be released as composed.
        int own = jdbc.update("update held_drafts set recipient = ?, subject = ?, preview_text = '', draft = ''::bytea,"
                + " decision_reason = case when decided_by = ? then decision_reason end"
                + " where lower(trim(recipient)) = ? and status <> 'PENDING'",
                pseudonym, HeldDraft.ERASED_SUBJECT, Resolutions.ACTOR, address);
        int mentions = jdbc.update("update held_drafts set subject = ?, preview_text = '', draft = ''::bytea"
                + " where status <> 'PENDING' and (strpos(lower(subject), ?) > 0"
                + " or strpos(lower(preview_text), ?) > 0 or strpos(lower(encode(draft, 'escape')), ?) > 0)",
                HeldDraft.ERASED_SUBJECT, address, address, address);
        int reasons = jdbc.update("update held_drafts set decision_reason = null"
                + " where strpos(lower(decision_reason), ?) > 0", address);
        return own + mentions + reasons;
    }

    private int scrubDigestEntries(String address, String pseudonym) {
        int own = jdbc.update("update digest_entries set recipient = ?, subject = ? where lower(trim(recipient)) = ?",
                pseudonym, HeldDraft.ERASED_SUBJECT, address);
        int mentions = jdbc.update("update digest_entries set subject = ? where strpos(lower(subject), ?) > 0",
                HeldDraft.ERASED_SUBJECT, address);
        return own + mentions;
    }
}
