package com.deskpost.delivery.ledger;

import java.sql.Timestamp;
import java.time.Instant;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The one place that decides "already sent?": a row per (draft id, recipient) the SMTP server
 * accepted. The row is written right after the server's 250 reply; the README states the
 * duplicate window that leaves.
 */
@Repository
public class DeliveryLedger {

    /** Whether the row is for the mail to the draft's recipient or for the staff copy. */
    public enum Kind { PRIMARY, COPY }

    private final JdbcTemplate jdbc;

    public DeliveryLedger(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public boolean alreadySent(String draftId, String recipient) {
        Integer rows = jdbc.queryForObject(
                "select count(*) from delivery_ledger where draft_id = ? and recipient = ?",
                Integer.class, draftId, recipient);
        return rows != null && rows > 0;
    }

    /** Records an accepted send; a concurrent identical record is a no-op, never an error. */
    public void recordSent(String draftId, String recipient, Kind kind, String messageId, Instant sentAt) {
        jdbc.update("""
                insert into delivery_ledger (draft_id, recipient, kind, message_id, sent_at)
                values (?, ?, ?, ?, ?) on conflict (draft_id, recipient) do nothing
                """, draftId, recipient, kind.name(), messageId, Timestamp.from(sentAt));
    }
}
