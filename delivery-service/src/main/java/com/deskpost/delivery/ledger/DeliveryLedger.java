package com.deskpost.delivery.ledger;

import com.deskpost.delivery.sending.DeliveryProperties;
import com.deskpost.events.EmailDraft;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The one place that decides "already sent?": a row per (draft id, recipient) the SMTP server
 * accepted. The row is written right after the server's 250, in one transaction with its SENT /
 * COPY_SENT audit event (through the outbox), so the two exist together or not at all; README
 * states the duplicate window a crash before that commit leaves.
 */
@Repository
public class DeliveryLedger {

    /** The mail to the draft's recipient, the staff copy, or a staff alert about a refused mail. */
    public enum Kind { PRIMARY, COPY, ALERT }

    /** Retries of the transaction after the SMTP server accepted the mail: only the database being away. */
    private static final RetryTemplate AFTER_ACCEPTANCE = new RetryTemplate(RetryPolicy.builder()
            .includes(TransientDataAccessException.class, DataAccessResourceFailureException.class,
                    CannotGetJdbcConnectionException.class, CannotCreateTransactionException.class)
            .maxRetries(Long.MAX_VALUE).delay(Duration.ofMillis(200)).multiplier(2).maxDelay(Duration.ofSeconds(5))
            .timeout(Duration.ofSeconds(60)).build());

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final boolean enabled;

    public DeliveryLedger(JdbcTemplate jdbc, TransactionTemplate transactions, DeliveryProperties properties) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.enabled = properties.idempotencyLedger();
    }

    public boolean alreadySent(String draftId, String recipient) {
        if (!enabled) {
            return false;
        }
        Integer rows = jdbc.queryForObject(
                "select count(*) from delivery_ledger where draft_id = ? and recipient = ?",
                Integer.class, draftId, recipient);
        return rows != null && rows > 0;
    }

    /** Records an accepted send with nothing beside it; see {@link #recordSent(EmailDraft, String, Kind, String, Instant, Runnable)}. */
    public void recordSent(EmailDraft draft, String recipient, Kind kind, String messageId, Instant sentAt) {
        recordSent(draft, recipient, kind, messageId, sentAt, () -> { });
    }

    /**
     * Records an accepted send and, in the same transaction, {@code withRow}: what must exist exactly when
     * the row does (its audit event, through the outbox). A concurrent identical record, or a retry after a
     * commit whose answer was lost, finds the row and records nothing again, never an error. The subject
     * is the sealed draft's: a credential shows as its placeholder. With the ledger off only {@code withRow}
     * is written.
     */
    public void recordSent(EmailDraft draft, String recipient, Kind kind, String messageId, Instant sentAt,
            Runnable withRow) {
        afterAcceptance(() -> {
            if (!enabled || insert(draft.getDraftId(), recipient, kind, messageId, sentAt, draft.getSubject(),
                    draft.getLocationId(), draft.getThread().getThreadKey())) {
                withRow.run();
            }
        });
    }

    public void recordAlert(String alertId, String staff, String messageId, String locationId, Instant sentAt) {
        afterAcceptance(() -> insert(alertId, staff, Kind.ALERT, messageId, sentAt, null, locationId, null));
    }

    /**
     * The SMTP server has the mail: failing here would send it again on retry, so the whole transaction
     * outlasts a database restart or fail-over (about a minute) before giving up.
     */
    private void afterAcceptance(Runnable work) {
        AFTER_ACCEPTANCE.invoke(() -> transactions.executeWithoutResult(status -> work.run()));
    }

    /** True if this call wrote the row. */
    private boolean insert(String draftId, String recipient, Kind kind, String messageId, Instant sentAt,
            String subject, String locationId, String threadKey) {
        return jdbc.update("""
                insert into delivery_ledger (draft_id, recipient, kind, message_id, sent_at, subject, location_id, thread_key)
                values (?, ?, ?, ?, ?, ?, ?, ?) on conflict (draft_id, recipient) do nothing
                """, draftId, recipient, kind.name(), messageId, Timestamp.from(sentAt), subject, locationId,
                threadKey) > 0;
    }
}
