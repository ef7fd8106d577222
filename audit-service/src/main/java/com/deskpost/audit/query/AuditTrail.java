package com.deskpost.audit.query;

import com.deskpost.platform.api.Page;
import com.deskpost.platform.api.Paging;
import com.deskpost.platform.api.TimeRange;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * get_thread and the audit query: audit rows of a thread, a draft, or a recipient in a time
 * range, in the order things happened (then in chain order, for events of the same instant).
 */
@Repository
class AuditTrail {

    private static final TypeReference<Map<String, String>> ATTRIBUTES = new TypeReference<>() {
    };
    private static final String COLUMNS = """
            select seq, audit_id, draft_id, type, occurred_at, actor, recipient, location_id, thread_key,
                   correlation_id, message_id, detail, attributes from audit_log""";

    private final JdbcTemplate jdbc;

    AuditTrail(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    Page<AuditEntry> ofThread(String threadKey, String cursor, int limit) {
        return find(" where thread_key = ?", List.of(threadKey), cursor, limit);
    }

    Page<AuditEntry> ofDraft(String draftId, String cursor, int limit) {
        return find(" where draft_id = ?", List.of(draftId), cursor, limit);
    }

    /** @param recipient normalised address, or null for every recipient */
    Page<AuditEntry> inRange(String recipient, TimeRange range, String cursor, int limit) {
        List<Object> args = new ArrayList<>(List.of(range.fromBound(), range.toBound()));
        String where = " where occurred_at >= ? and occurred_at < ?";
        if (recipient != null) {
            // Composers store the address as the directory spells it; delivery stores it normalised.
            where += " and lower(recipient) = ?";
            args.add(recipient);
        }
        return find(where, args, cursor, limit);
    }

    private Page<AuditEntry> find(String where, List<Object> filter, String cursor, int limit) {
        StringBuilder sql = new StringBuilder(COLUMNS).append(where);
        List<Object> args = new ArrayList<>(filter);
        Paging.after(cursor, 2).ifPresent(after -> {
            sql.append(" and (occurred_at, seq) > (?, ?)");
            args.add(Timestamp.from(after.instant(0)));
            args.add(after.number(1));
        });
        sql.append(" order by occurred_at, seq limit ?");
        args.add(limit + 1);
        List<AuditEntry> rows = jdbc.query(sql.toString(), AuditTrail::row, args.toArray());
        return Page.of(rows, limit, last -> Paging.cursor(last.occurredAt().toString(), Long.toString(last.seq())));
    }

    private static AuditEntry row(ResultSet rs, int n) throws SQLException {
        return new AuditEntry(rs.getLong("seq"), rs.getString("audit_id"), rs.getString("draft_id"),
                rs.getString("type"), rs.getObject("occurred_at", OffsetDateTime.class).toInstant(),
                rs.getString("actor"), rs.getString("recipient"), rs.getString("location_id"),
                rs.getString("thread_key"), rs.getString("correlation_id"), rs.getString("message_id"),
                rs.getString("detail"), JsonMapper.shared().readValue(rs.getString("attributes"), ATTRIBUTES));
    }
}
