package com.deskpost.delivery.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.deskpost.delivery.archive.ArchiveProperties;
import com.deskpost.delivery.testdata.DeliveryDatabase;
import com.deskpost.platform.retention.RetentionSweep;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/** Delivery's retention against a real PostgreSQL: what is done with goes after its retention, in batches. */
class RetentionJobIT {

    private static final Instant NOW = Instant.now();

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private JdbcTemplate jdbc;

    @BeforeEach
    void database() {
        jdbc = DeliveryDatabase.fresh("retention").jdbc();
    }

    @Test
    void rowsPastTheirRetentionGoAndEverythingElseStays() {
        // Given ledger rows sent 46 and 44 days ago
        sent("old-1", days(46));
        sent("old-2", days(46));
        sent("recent", days(44));
        // claims whose lease ended two days ago, an hour ago, and one still live
        claim("lapsed-long-ago", NOW.minus(Duration.ofDays(2)));
        claim("lapsed-just-now", NOW.minus(Duration.ofHours(1)));
        claim("live", NOW.plus(Duration.ofMinutes(5)));
        // bounce reports applied 181 and 179 days ago
        feedback("old-report", days(181));
        feedback("recent-report", days(179));
        // staff alerts sent 46 and 44 days ago, and one raised 60 days ago and still not sent
        alert("old-alert", days(60), days(46));
        alert("recent-alert", days(60), days(44));
        alert("unsent-alert", days(60), null);

        // When the job runs with the default retentions, one row per batch
        RetentionJob job = new RetentionJob(jdbc, meters,
                new DeliveryRetention(null, null, 1, 100, null, null, null, null), new ArchiveProperties(null));
        Map<String, Long> deleted = job.sweepAt(NOW);

        // Then what is past its retention went, row by row, and the rest is all there
        assertThat(deleted).containsEntry("delivery_ledger", 2L).containsEntry("delivery_claim", 1L)
                .containsEntry("mail_feedback", 1L).containsEntry("staff_alert", 1L);
        assertThat(ids("select draft_id from delivery_ledger")).containsExactly("recent");
        assertThat(ids("select draft_id from delivery_claim")).containsExactly("lapsed-just-now", "live");
        assertThat(ids("select feedback_id from mail_feedback")).containsExactly("recent-report");
        assertThat(ids("select draft_id from staff_alert")).containsExactly("recent-alert", "unsent-alert");
        assertThat(meters.counter(RetentionSweep.DELETED, "table", "delivery_ledger").count()).isEqualTo(2);
        assertThat(meters.counter(RetentionSweep.DELETED, "table", "staff_alert").count()).isEqualTo(1);

        // When it runs again, Then nothing more goes
        assertThat(job.sweepAt(NOW).values()).containsOnly(0L);
    }

    @Test
    void archivedMessagesGoWhenTheirCategorysRetentionHasPassed() {
        // Given archived messages just past and just within each category's default retention
        archived("transactional-old", "TRANSACTIONAL", days(2193));
        archived("transactional-kept", "TRANSACTIONAL", days(2191));
        archived("security-old", "SECURITY", days(1097));
        archived("security-kept", "SECURITY", days(1095));
        archived("commercial-old", "COMMERCIAL", days(366));
        archived("commercial-kept", "COMMERCIAL", days(364));

        // When the job runs with the default retentions
        Map<String, Long> deleted = new RetentionJob(jdbc, meters,
                new DeliveryRetention(null, null, 1, 100, null, null, null, null), new ArchiveProperties(null))
                .sweepAt(NOW);

        // Then each category lost only what was past its own retention, counted under the one table
        assertThat(deleted).containsEntry("sent_archive", 3L);
        assertThat(ids("select draft_id from sent_archive")).containsExactly("commercial-kept", "security-kept",
                "transactional-kept");
        assertThatThrownBy(() -> new ArchiveProperties.Retention(Duration.ZERO, null, null))
                .hasMessageContaining("deskpost.delivery.archive.retention.transactional");
    }

    @Test
    void whatRecognisesARedrivenRecordIsKeptLongerThanDeadLettersAre() {
        assertThatThrownBy(() -> new DeliveryRetention(null, null, null, null, Duration.ofDays(7), null, null, null))
                .hasMessageContaining("deskpost.delivery.retention.ledger").hasMessageContaining("sent again");
        assertThatThrownBy(() -> new DeliveryRetention(null, null, null, null, null, null, Duration.ofDays(30), null))
                .hasMessageContaining("feedback");
        DeliveryRetention defaults = new DeliveryRetention(null, null, null, null, null, null, null, null);
        assertThat(defaults.ledger()).isEqualTo(Duration.ofDays(45));
        assertThat(defaults.feedback()).isEqualTo(Duration.ofDays(180));
    }

    private static Timestamp days(int ago) {
        return Timestamp.from(NOW.minus(Duration.ofDays(ago)));
    }

    private void sent(String draftId, Timestamp at) {
        jdbc.update("insert into delivery_ledger (draft_id, recipient, kind, message_id, sent_at)"
                + " values (?, 'ada@example.com', 'PRIMARY', ?, ?)", draftId, "<" + draftId + "@deskpost>", at);
    }

    private void claim(String draftId, Instant leaseUntil) {
        jdbc.update("insert into delivery_claim (draft_id, recipient, claimant, claimed_at, lease_until)"
                + " values (?, 'ada@example.com', 'c', ?, ?)", draftId,
                Timestamp.from(leaseUntil.minus(Duration.ofMinutes(5))), Timestamp.from(leaseUntil));
    }

    private void feedback(String feedbackId, Timestamp appliedAt) {
        jdbc.update("insert into mail_feedback (feedback_id, recipient, kind, source, draft_id, received_at, applied_at)"
                + " values (?, 'ada@example.com', 'SOFT_BOUNCE', 'dsn', 'd', ?, ?)", feedbackId, appliedAt, appliedAt);
    }

    private void alert(String draftId, Timestamp raisedAt, Timestamp sentAt) {
        jdbc.update("insert into staff_alert (draft_id, location_id, staff, sender, subject, body, audit, raised_at,"
                + " sent_at) values (?, 'LDN-1', 'staff@ldn.example', 'desk@ldn.example', 's', 'b', ''::bytea, ?, ?)",
                draftId, raisedAt, sentAt);
    }

    private void archived(String draftId, String category, Timestamp sentAt) {
        jdbc.update("insert into sent_archive (sha256, draft_id, recipient, kind, category, message_id, location_id,"
                + " sent_at, size_bytes, content) values (md5(?) || md5(?), ?, 'ada@example.com', 'SENT', ?, ?,"
                + " 'LDN-1', ?, 3, 'x'::bytea)",
                draftId, category, draftId, category, "<" + draftId + "@deskpost>", sentAt);
    }

    private java.util.List<String> ids(String sql) {
        return jdbc.queryForList(sql + " order by 1", String.class);
    }
}
