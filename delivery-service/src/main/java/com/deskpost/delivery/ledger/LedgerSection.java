package com.deskpost.delivery.ledger;

import com.deskpost.delivery.subject.SubjectDataSource;
import java.time.Instant;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The subject access section {@code deliveryLedger}: every mail the SMTP server accepted for the person, oldest
 * first, under the address and, after an erasure, under the pseudonym (without the subject the erasure removed).
 * Staff copies and alerts went to staff, not to the person: they are the staff mailbox's rows.
 */
@Component
class LedgerSection implements SubjectDataSource {

    static final String OF_PERSON = """
            select draft_id, recipient, kind, message_id, sent_at, subject, location_id, thread_key, category, event_type
              from delivery_ledger where recipient in (?, ?) order by sent_at, draft_id""";

    /** One sent mail, as the ledger recorded it. */
    record Sent(String draftId, String recipient, String kind, String messageId, Instant sentAt, String subject,
            String locationId, String threadKey, String category, String eventType) {
    }

    private final JdbcTemplate jdbc;

    LedgerSection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public String section() {
        return "deliveryLedger";
    }

    @Override
    public Object collect(String address, String pseudonym) {
        return jdbc.query(OF_PERSON, (rs, n) -> new Sent(rs.getString("draft_id"), rs.getString("recipient"),
                rs.getString("kind"), rs.getString("message_id"), rs.getTimestamp("sent_at").toInstant(),
                rs.getString("subject"), rs.getString("location_id"), rs.getString("thread_key"),
                rs.getString("category"), rs.getString("event_type")), address, pseudonym);
    }
}
