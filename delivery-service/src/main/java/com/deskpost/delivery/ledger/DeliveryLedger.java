package com.deskpost.delivery.ledger;

import com.deskpost.delivery.sending.DeliveryProperties;
import com.deskpost.events.EmailDraft;
import com.deskpost.platform.audit.Secrets;
import java.sql.Timestamp;
import java.time.Instant;
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

    private final JdbcTemplate jdbc;
    private final boolean enabled;

    public DeliveryLedger(JdbcTemplate jdbc, DeliveryProperties properties) {
        this.jdbc = jdbc;
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

    /** Records an accepted send; a concurrent identical record is a no-op, never an error. */
    public void recordSent(EmailDraft draft, String recipient, Kind kind, String messageId, Instant sentAt) {
        if (!enabled) {
            return;
        }
        insert(draft.getDraftId(), recipient, kind, messageId, sentAt,
                Secrets.mask(draft.getSubject(), draft.getSecrets()), draft.getLocationId(),
                draft.getThread().getThreadKey());
    }

    public void recordAlert(String alertId, String staff, String messageId, String locationId, Instant sentAt) {
        insert(alertId, staff, Kind.ALERT, messageId, sentAt, null, locationId, null);
    }

    private void insert(String draftId, String recipient, Kind kind, String messageId, Instant sentAt, String subject,
            String locationId, String threadKey) {
        jdbc.update("""
                insert into delivery_ledger (draft_id, recipient, kind, message_id, sent_at, subject, location_id, thread_key)
                values (?, ?, ?, ?, ?, ?, ?, ?) on conflict (draft_id, recipient) do nothing
                """, draftId, recipient, kind.name(), messageId, Timestamp.from(sentAt), subject, locationId, threadKey);
    }
}
