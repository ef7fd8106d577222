package com.deskpost.delivery.feedback;

import com.deskpost.events.FeedbackKind;
import com.deskpost.events.MailFeedback;
import com.deskpost.platform.retention.RetentionRule;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The {@code mail_feedback} table: each bounce or complaint applied, once per report. Recording a report is the
 * "already applied?" decision, in the transaction that applies it; the rows are also an address's history and
 * what its soft bounces are counted in.
 */
@Repository
public class FeedbackHistory {

    static final String SOFT_BOUNCES_SINCE = """
            select count(*) from mail_feedback where recipient = ? and kind = ? and received_at > ?""";
    static final String HISTORY = """
            select received_at, kind, status, source, reporter, draft_id from mail_feedback
             where recipient = ? order by received_at desc, feedback_id limit ?""";
    static final String FORGET = "delete from mail_feedback where recipient = ?";

    private final JdbcTemplate jdbc;

    FeedbackHistory(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Records a report about {@code recipient} (the address it is applied to) for {@code draftId}.
     *
     * @return false when the report was recorded before: a replay, to change nothing
     */
    boolean record(MailFeedback feedback, String recipient, String draftId) {
        return jdbc.update("""
                insert into mail_feedback (feedback_id, recipient, kind, status, source, reporter, draft_id, diagnostic,
                                           received_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict (feedback_id) do nothing
                """, feedback.getFeedbackId(), recipient, feedback.getKind().name(), feedback.getStatus(),
                feedback.getSource(), feedback.getReporter(), draftId, feedback.getDiagnostic(),
                Timestamp.from(feedback.getReceivedAt())) > 0;
    }

    /** Soft bounces of an address received in (since, latest]. */
    int softBouncesSince(String recipient, Instant since) {
        Integer count = jdbc.queryForObject(SOFT_BOUNCES_SINCE, Integer.class, recipient,
                FeedbackKind.SOFT_BOUNCE.name(), Timestamp.from(since));
        return count == null ? 0 : count;
    }

    /**
     * One bounce or complaint about an address.
     *
     * @param kind HARD_BOUNCE, SOFT_BOUNCE or COMPLAINT
     * @param status the enhanced status code (RFC 3463), null for complaints
     * @param source how it arrived: dsn, arf, mta-text, smtp-reply, ses, postmark, sendgrid, mailgun
     */
    public record Entry(Instant receivedAt, String kind, String status, String source, String reporter,
            String draftId) {
    }

    /** An address's bounces and complaints, newest first, at most {@code limit}. */
    public List<Entry> of(String normalisedRecipient, int limit) {
        return jdbc.query(HISTORY,
                (rs, row) -> new Entry(rs.getTimestamp("received_at").toInstant(), rs.getString("kind"),
                        rs.getString("status"), rs.getString("source"), rs.getString("reporter"),
                        rs.getString("draft_id")),
                normalisedRecipient, limit);
    }

    /** GDPR erasure: the address's history goes, within the caller's transaction. */
    public int forget(String normalisedRecipient) {
        return jdbc.update(FORGET, normalisedRecipient);
    }

    /**
     * Reports go {@code keep} after they were applied: until then a replayed or redriven report finds its row and
     * changes nothing, and the contacts API shows it in the address's history. Keep it longer than the soft-bounce
     * window, or soft bounces are counted from fewer reports than the window holds.
     */
    public static RetentionRule retention(Duration keep) {
        return new RetentionRule("mail_feedback", "applied_at", "true", keep);
    }
}
