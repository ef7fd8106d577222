package com.deskpost.delivery.ledger;

import com.deskpost.platform.api.Page;
import com.deskpost.platform.api.Paging;
import com.deskpost.platform.api.TimeRange;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * check_inbox: what the SMTP server accepted, newest first, from the delivery ledger. The ledger
 * is the record to ask because a row exists exactly when the relay said 250; an audit SENT event
 * can lag it by the publish to mail.audit.
 */
@Repository
class SentMessages {

    /** check_inbox's rows in a time range; {@link #sql} adds the optional filters, the cursor and the order. */
    static final String SELECT = """
            select draft_id, recipient, kind, message_id, sent_at, subject, location_id, thread_key
              from delivery_ledger where sent_at >= ? and sent_at < ?""";

    private final JdbcTemplate jdbc;

    SentMessages(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * @param recipient normalised address, or null for every recipient
     * @param subjectContains case-insensitive substring of the subject, or null
     */
    Page<SentMessage> find(String recipient, TimeRange range, String subjectContains, String cursor, int limit) {
        List<Object> args = new ArrayList<>(List.of(range.fromBound(), range.toBound()));
        if (recipient != null) {
            args.add(recipient);
        }
        if (subjectContains != null) {
            args.add(subjectContains);
        }
        var after = Paging.after(cursor, 3);
        after.ifPresent(key -> args.addAll(List.of(Timestamp.from(key.instant(0)), key.text(1), key.text(2))));
        args.add(limit + 1);
        List<SentMessage> rows = jdbc.query(sql(recipient != null, subjectContains != null, after.isPresent()),
                SentMessages::row, args.toArray());
        return Page.of(rows, limit,
                last -> Paging.cursor(last.sentAt().toString(), last.draftId(), last.recipient()));
    }

    /**
     * The query for these filters; its arguments in order: from, to, [recipient], [subject], [sent_at, draft_id,
     * recipient of the cursor], limit. Newest first, served by delivery_ledger_sent (or _recipient) in that order.
     */
    static String sql(boolean byRecipient, boolean bySubject, boolean afterCursor) {
        StringBuilder sql = new StringBuilder(SELECT);
        if (byRecipient) {
            sql.append(" and recipient = ?");
        }
        if (bySubject) {
            // strpos, not LIKE: a subject search for "50%_off" must not treat % and _ as wildcards.
            sql.append(" and strpos(lower(subject), lower(?)) > 0");
        }
        if (afterCursor) {
            sql.append(" and (sent_at, draft_id, recipient) < (?, ?, ?)");
        }
        return sql.append(" order by sent_at desc, draft_id desc, recipient desc limit ?").toString();
    }

    private static SentMessage row(ResultSet rs, int n) throws SQLException {
        return new SentMessage(rs.getString("draft_id"), rs.getString("recipient"), rs.getString("kind"),
                rs.getString("message_id"), rs.getObject("sent_at", OffsetDateTime.class).toInstant(),
                rs.getString("subject"), rs.getString("location_id"), rs.getString("thread_key"));
    }
}
