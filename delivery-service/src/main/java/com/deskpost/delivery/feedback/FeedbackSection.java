package com.deskpost.delivery.feedback;

import com.deskpost.delivery.subject.SubjectDataSource;
import java.time.Instant;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The subject access section {@code feedback}: every bounce and complaint report applied to the person's address,
 * with its diagnostic, oldest first. An erasure forgets them, so none is kept under the pseudonym; asked anyway.
 */
@Component
class FeedbackSection implements SubjectDataSource {

    static final String OF_PERSON = """
            select feedback_id, recipient, kind, status, source, reporter, draft_id, diagnostic, received_at, applied_at
              from mail_feedback where recipient in (?, ?) order by received_at, feedback_id""";

    /** One report, as {@link FeedbackHistory} recorded it. */
    record Report(String feedbackId, String recipient, String kind, String status, String source, String reporter,
            String draftId, String diagnostic, Instant receivedAt, Instant appliedAt) {
    }

    private final JdbcTemplate jdbc;

    FeedbackSection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public String section() {
        return "feedback";
    }

    @Override
    public Object collect(String address, String pseudonym) {
        return jdbc.query(OF_PERSON, (rs, n) -> new Report(rs.getString("feedback_id"), rs.getString("recipient"),
                rs.getString("kind"), rs.getString("status"), rs.getString("source"), rs.getString("reporter"),
                rs.getString("draft_id"), rs.getString("diagnostic"), rs.getTimestamp("received_at").toInstant(),
                rs.getTimestamp("applied_at").toInstant()), address, pseudonym);
    }
}
