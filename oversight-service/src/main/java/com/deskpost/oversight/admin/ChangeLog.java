package com.deskpost.oversight.admin;

import com.deskpost.events.AuditEvent;
import com.deskpost.events.AuditType;
import com.deskpost.platform.id.DraftIds;
import com.deskpost.platform.outbox.Outbox;
import com.deskpost.platform.topic.Topics;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every runtime change of the policy, approvers and staff accounts is recorded in the transaction that makes it: a
 * {@code policy_changes} row (the admin page's history) and a {@code POLICY_CHANGED} audit event on mail.audit
 * through oversight's transactional outbox, so a change is never made unaudited nor audited unmade. The audit's
 * draft id is {@code policy:<change id>} (no draft is concerned); its actor the admin's member id; its attributes
 * what changed and the whole of it {@code before} and {@code after}, as JSON text. Never a password or its hash.
 */
@Component
public class ChangeLog {

    /** One change, as the admin page lists it. */
    public record Change(String changeId, Instant changedAt, String actor, String what, String detail, String before,
            String after) {
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcTemplate jdbc;
    private final Outbox outbox;
    private final Clock clock = Clock.systemUTC();

    public ChangeLog(JdbcTemplate jdbc, Outbox outbox) {
        this.jdbc = jdbc;
        this.outbox = outbox;
    }

    /** Inside the change's transaction. @param locationId the location concerned, or null */
    void record(String actor, String what, String detail, Object before, Object after, String locationId) {
        String changeId = UUID.randomUUID().toString();
        Instant now = clock.instant();
        String beforeJson = JSON.writeValueAsString(before);
        String afterJson = JSON.writeValueAsString(after);
        jdbc.update("""
                insert into policy_changes (change_id, changed_at, actor, what, detail, before_json, after_json)
                values (?::uuid, ?, ?, ?, ?, ?, ?)""", changeId, Timestamp.from(now), actor, what, detail, beforeJson,
                afterJson);
        String history = "policy:" + changeId;
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("change_id", changeId);
        attributes.put("changed", what);
        attributes.put("before", beforeJson);
        attributes.put("after", afterJson);
        outbox.add(Topics.MAIL_AUDIT, history, AuditEvent.newBuilder()
                .setAuditId(DraftIds.nameBased("audit", history, AuditType.POLICY_CHANGED.name()))
                .setDraftId(history).setType(AuditType.POLICY_CHANGED).setOccurredAt(now).setActor(actor)
                .setLocationId(locationId).setThreadKey("policy").setDetail(detail).setAttributes(attributes).build());
    }

    public List<Change> recent(int limit) {
        return jdbc.query("""
                select change_id, changed_at, actor, what, detail, before_json, after_json
                  from policy_changes order by changed_at desc limit ?""", (rs, row) -> new Change(
                rs.getString(1), rs.getTimestamp(2).toInstant(), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getString(7)), limit);
    }
}
