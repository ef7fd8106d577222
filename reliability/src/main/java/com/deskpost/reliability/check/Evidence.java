package com.deskpost.reliability.check;

import com.deskpost.events.AuditEvent;
import com.deskpost.events.AuditType;
import com.deskpost.events.EmailDraft;
import com.deskpost.events.OutboundEmail;
import com.deskpost.platform.id.DraftIds;
import com.deskpost.platform.serde.AvroSerdes;
import com.deskpost.platform.topic.Lane;
import com.deskpost.platform.topic.Topics;
import com.deskpost.reliability.harness.ProcessStack;
import com.deskpost.schemas.serde.SchemaRegistryClient;
import com.deskpost.testsupport.Postgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * What the system itself says happened, read where it keeps it: released mail on the outbound topics,
 * the audit trail on {@code mail.audit} and in delivery's PostgreSQL, the ledger, oversight's queue.
 */
public final class Evidence {

    /** One mail a release calls for: a draft's primary recipient or its staff copy. */
    public record Mail(String messageId, String draftId, String recipient, boolean copy) {
    }

    private final ProcessStack stack;
    private final AvroSerdes serdes;

    public Evidence(ProcessStack stack) {
        this.stack = stack;
        this.serdes = new AvroSerdes(new SchemaRegistryClient(stack.registryUrl()));
    }

    /** The outbound topics of every lane. */
    public static Set<String> outboundTopics() {
        Set<String> topics = new HashSet<>();
        Arrays.stream(Lane.values()).forEach(lane -> topics.add(lane.outbound().name()));
        return topics;
    }

    /** Every mail the released drafts call for, by Message-ID (without angle brackets). */
    public Map<String, Mail> releasedMail() {
        return releasedMail(Instant.EPOCH);
    }

    /** Every mail the drafts released at or after {@code since} (the outbound record's time) call for. */
    public Map<String, Mail> releasedMail(Instant since) {
        Map<String, Mail> mail = new HashMap<>();
        TopicReader.readAll(stack.bootstrapServers(), outboundTopics(), record -> {
            if (record.timestamp() < since.toEpochMilli()) {
                return;
            }
            OutboundEmail outbound = serdes.deserialize(Topics.MAIL_OUTBOUND, record.value());
            EmailDraft draft = outbound.getDraft();
            String domain = draft.getLocationId().toLowerCase() + ".deskpost.example";
            String primary = draft.getDraftId() + "@" + domain;
            mail.put(primary, new Mail(primary, draft.getDraftId(), DraftIds.normaliseEmail(draft.getRecipient().getEmail()),
                    false));
            String copyTo = outbound.getRelease().getCopyTo();
            if (copyTo != null) {
                String copy = draft.getDraftId() + ".copy@" + domain;
                mail.put(copy, new Mail(copy, draft.getDraftId(), DraftIds.normaliseEmail(copyTo), true));
            }
        });
        return mail;
    }

    /** When each of the drafts was first released to mail.outbound (its record's timestamp), by draft id. */
    public Map<String, Instant> releaseTimes(Set<String> draftIds) {
        Map<String, Instant> released = new HashMap<>();
        TopicReader.readAll(stack.bootstrapServers(), outboundTopics(), record -> {
            String draftId = serdes.deserialize(Topics.MAIL_OUTBOUND, record.value()).getDraft().getDraftId();
            if (draftIds.contains(draftId)) {
                released.merge(draftId, Instant.ofEpochMilli(record.timestamp()), (a, b) -> a.isBefore(b) ? a : b);
            }
        });
        return released;
    }

    /** Each outbound record (lanes and, when asked, their delay topics) decoded, in no particular order. */
    public long eachOutbound(Set<String> topics, Consumer<OutboundEmail> each) {
        return TopicReader.readAll(stack.bootstrapServers(), topics,
                record -> each.accept(serdes.deserialize(Topics.MAIL_OUTBOUND, record.value())));
    }

    /** Records on mail.audit by type, each record counted (stored rows are deduplicated by audit id). */
    public Map<String, Long> auditRecordsByType() {
        Map<String, Long> counts = new TreeMap<>();
        TopicReader.readAll(stack.bootstrapServers(), Set.of(Topics.MAIL_AUDIT.name()), record -> {
            AuditEvent event = serdes.deserialize(Topics.MAIL_AUDIT, record.value());
            counts.merge(event.getType().name(), 1L, Long::sum);
        });
        return counts;
    }

    /** (draft id, recipient) pairs delivery decided not to send: suppressed, stale, refused. */
    public Set<String> notSentPairs() {
        Set<String> pairs = new HashSet<>();
        query(stack.auditDatabase(), "select draft_id, recipient from audit_log where type in ('"
                + AuditType.SUPPRESSED + "','" + AuditType.SUPERSEDED + "','" + AuditType.FAILED + "')",
                rows -> pairs.add(rows.getString(1) + "|" + rows.getString(2)));
        return pairs;
    }

    /**
     * (draft id, recipient) pairs delivery rightly did not send: suppressed or superseded. Unlike
     * {@link #notSentPairs()}, a {@code FAILED} mail is not among them: where the relay's trouble must not cost
     * a mail, a failure is a loss.
     */
    public Set<String> skippedPairs() {
        Set<String> pairs = new HashSet<>();
        query(stack.auditDatabase(), "select draft_id, recipient from audit_log where type in ('"
                + AuditType.SUPPRESSED + "','" + AuditType.SUPERSEDED + "')",
                rows -> pairs.add(rows.getString(1) + "|" + rows.getString(2)));
        return pairs;
    }

    /** Message-IDs (without angle brackets) of the stored SENT and COPY_SENT audit rows, one entry per row. */
    public List<String> auditSentMessageIds() {
        List<String> ids = new ArrayList<>();
        query(stack.auditDatabase(), "select message_id from audit_log where type in ('SENT','COPY_SENT')",
                rows -> ids.add(strip(rows.getString(1))));
        return ids;
    }

    /** Stored audit rows of one type. */
    public long auditRows(String type) {
        long[] count = new long[1];
        query(stack.auditDatabase(), "select count(*) from audit_log where type = '" + type + "'",
                rows -> count[0] = rows.getLong(1));
        return count[0];
    }

    public long auditRows() {
        long[] count = new long[1];
        query(stack.auditDatabase(), "select count(*) from audit_log", rows -> count[0] = rows.getLong(1));
        return count[0];
    }

    /** (draft id, recipient) pairs the ledger says the SMTP server accepted. */
    public Set<String> ledgerPairs() {
        Set<String> pairs = new HashSet<>();
        query(stack.deliveryDatabase(), "select draft_id, recipient from delivery_ledger",
                rows -> pairs.add(rows.getString(1) + "|" + rows.getString(2)));
        return pairs;
    }

    public long ledgerRows() {
        long[] count = new long[1];
        query(stack.deliveryDatabase(), "select count(*) from delivery_ledger", rows -> count[0] = rows.getLong(1));
        return count[0];
    }

    /** Oversight's queue: draft id → status. */
    public Map<String, String> heldDrafts() {
        Map<String, String> held = new TreeMap<>();
        query(stack.oversightDatabase(), "select draft_id, status from held_drafts",
                rows -> held.put(rows.getString(1), rows.getString(2)));
        return held;
    }

    /** Oversight's queue: draft id → recipient. */
    public Map<String, String> heldRecipients() {
        Map<String, String> held = new TreeMap<>();
        query(stack.oversightDatabase(), "select draft_id, recipient from held_drafts",
                rows -> held.put(rows.getString(1), DraftIds.normaliseEmail(rows.getString(2))));
        return held;
    }

    static String strip(String messageId) {
        if (messageId == null) {
            return null;
        }
        String id = messageId.trim();
        return id.startsWith("<") && id.endsWith(">") ? id.substring(1, id.length() - 1) : id;
    }

    private interface RowConsumer {
        void accept(ResultSet rows) throws SQLException;
    }

    private static void query(Postgres.Database db, String sql, RowConsumer each) {
        try (Connection connection = DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password());
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                each.accept(rows);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Query failed on " + db.jdbcUrl() + ": " + sql, e);
        }
    }
}
