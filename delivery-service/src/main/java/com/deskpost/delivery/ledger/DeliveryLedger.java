package com.deskpost.delivery.ledger;

import com.deskpost.delivery.sending.DeliveryProperties;
import com.deskpost.events.EmailDraft;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The one place that decides "already sent?": a row per (draft id, recipient) the SMTP server
 * accepted. The row is written right after the server's 250 reply; README states the duplicate
 * window that leaves.
 */
@Repository
public class DeliveryLedger {

    /** The mail to the draft's recipient, the staff copy, or a staff alert about a refused mail. */
    public enum Kind { PRIMARY, COPY, ALERT }

    /** Retries of a ledger write after the SMTP server accepted the mail: only the database being away. */
    private static final RetryTemplate AFTER_ACCEPTANCE = new RetryTemplate(RetryPolicy.builder()
            .includes(TransientDataAccessException.class, DataAccessResourceFailureException.class,
                    CannotGetJdbcConnectionException.class)
            .maxRetries(Long.MAX_VALUE).delay(Duration.ofMillis(200)).multiplier(2).maxDelay(Duration.ofSeconds(5))
            .timeout(Duration.ofSeconds(60)).build());

    private final JdbcTemplate jdbc;
    private final boolean enabled;

    public DeliveryLedger(JdbcTemplate jdbc, DeliveryProperties properties) {
        this.jdbc = jdbc;
        this.enabled = properties.idempotencyLedger();
    }

    /**
     * What the ledger holds for (draft, recipient): the accepted send, and whether the audit store
     * has the audit event {@code sentAuditId} that records it, in one round trip. Empty when not sent
     * (or with the ledger off).
     */
    public Optional<Sent> sent(String draftId, String recipient, String sentAuditId) {
        if (!enabled) {
            return Optional.empty();
        }
        return jdbc.query("""
                select kind, message_id, sent_at,
                       exists (select 1 from audit_log where audit_id = ?) as audited
                  from delivery_ledger where draft_id = ? and recipient = ?""",
                (rs, row) -> new Sent(Kind.valueOf(rs.getString("kind")), rs.getString("message_id"),
                        rs.getTimestamp("sent_at").toInstant(), rs.getBoolean("audited")),
                sentAuditId, draftId, recipient).stream().findFirst();
    }

    /** An accepted send as the ledger recorded it; {@code audited}: its SENT / COPY_SENT event is stored. */
    public record Sent(Kind kind, String messageId, Instant sentAt, boolean audited) {
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

    /**
     * Records an accepted send; a concurrent identical record is a no-op, never an error. The subject is
     * the sealed draft's: a credential shows as its placeholder.
     */
    public void recordSent(EmailDraft draft, String recipient, Kind kind, String messageId, Instant sentAt) {
        if (!enabled) {
            return;
        }
        insert(draft.getDraftId(), recipient, kind, messageId, sentAt,
                draft.getSubject(), draft.getLocationId(),
                draft.getThread().getThreadKey());
    }

    public void recordAlert(String alertId, String staff, String messageId, String locationId, Instant sentAt) {
        insert(alertId, staff, Kind.ALERT, messageId, sentAt, null, locationId, null);
    }

    private void insert(String draftId, String recipient, Kind kind, String messageId, Instant sentAt, String subject,
            String locationId, String threadKey) {
        // The SMTP server has the mail: failing here would send it again on retry, so outlast a database
        // restart or fail-over (about a minute) before giving up.
        AFTER_ACCEPTANCE.invoke(() -> jdbc.update("""
                insert into delivery_ledger (draft_id, recipient, kind, message_id, sent_at, subject, location_id, thread_key)
                values (?, ?, ?, ?, ?, ?, ?, ?) on conflict (draft_id, recipient) do nothing
                """, draftId, recipient, kind.name(), messageId, Timestamp.from(sentAt), subject, locationId, threadKey));
    }
}
