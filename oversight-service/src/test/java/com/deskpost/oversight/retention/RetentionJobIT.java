package com.deskpost.oversight.retention;

import static com.deskpost.testfixtures.DraftBuilder.aDraft;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.deskpost.events.OversightMode;
import com.deskpost.oversight.queue.HeldDraft.Status;
import com.deskpost.oversight.testdata.OversightDatabase;
import com.deskpost.platform.retention.RetentionSweep;
import com.deskpost.platform.serde.AvroSerdes;
import com.deskpost.schemas.serde.SchemaRegistryClient;
import com.deskpost.testsupport.registry.SchemaRegistryServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Oversight's retention against a real PostgreSQL: decided drafts and digest entries go after 45 days, in batches. */
class RetentionJobIT {

    private static final Instant NOW = Instant.now();

    private SchemaRegistryServer registry;
    private OversightDatabase db;
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    @BeforeEach
    void start() {
        registry = SchemaRegistryServer.start();
        db = new OversightDatabase(new AvroSerdes(new SchemaRegistryClient(registry.url())));
    }

    @AfterEach
    void stop() {
        registry.close();
    }

    @Test
    void decidedDraftsAndDigestEntriesGoAfterTheirRetentionAndNothingPendingDoes() {
        // Given three drafts decided 46 days ago, one decided 44 days ago, and one held 60 days ago still pending
        for (String id : List.of("old-1", "old-2", "old-3")) {
            decided(id, NOW.minus(Duration.ofDays(46)));
        }
        decided("recent", NOW.minus(Duration.ofDays(44)));
        db.hold(aDraft().id("waiting").build(), OversightMode.GATED_SEND, NOW.plus(Duration.ofHours(1)));
        db.jdbc.update("update held_drafts set held_at = ? where draft_id = 'waiting'",
                Timestamp.from(NOW.minus(Duration.ofDays(60))));
        // and digest entries released 46 days ago (digested, and one never digested) and yesterday
        entry("old-digested", NOW.minus(Duration.ofDays(46)), true);
        entry("old-never-digested", NOW.minus(Duration.ofDays(46)), false);
        entry("yesterday", NOW.minus(Duration.ofDays(1)), true);
        // When the job runs with the default retentions, one row per batch
        RetentionJob job = new RetentionJob(db.jdbc, meters, new OversightRetention(null, null, 1, 100, null, null));
        Map<String, Long> deleted = job.sweepAt(NOW);

        // Then the old decided drafts and old entries are gone, row by row, and everything else is kept
        assertThat(deleted).containsEntry("held_drafts", 3L).containsEntry("digest_entries", 2L);
        assertThat(db.jdbc.queryForList("select draft_id from held_drafts order by draft_id", String.class))
                .containsExactly("recent", "waiting");
        assertThat(db.queue.find("waiting").orElseThrow().status()).isEqualTo(Status.PENDING);
        assertThat(db.jdbc.queryForList("select draft_id from digest_entries", String.class)).containsExactly("yesterday");
        assertThat(meters.counter(RetentionSweep.DELETED, "table", "held_drafts").count()).isEqualTo(3);
        assertThat(meters.counter(RetentionSweep.DELETED, "table", "digest_entries").count()).isEqualTo(2);

        // When it runs again, Then there is nothing left to delete
        assertThat(job.sweepAt(NOW)).containsEntry("held_drafts", 0L).containsEntry("digest_entries", 0L);
    }

    @Test
    void decidedDraftsCannotBeKeptShorterThanDeadLettersAre() {
        assertThatThrownBy(() -> new OversightRetention(null, null, null, null, Duration.ofDays(30), null))
                .hasMessageContaining("decided-drafts").hasMessageContaining("redriven");
        assertThat(new OversightRetention(null, null, null, null, null, null).decidedDrafts())
                .isEqualTo(Duration.ofDays(45));
    }

    private void decided(String id, Instant at) {
        db.hold(aDraft().id(id).build(), OversightMode.GATED_SEND, at.plus(Duration.ofHours(1)));
        assertThat(db.queue.resolve(id, Status.REJECTED, "M-STAFF-1", at, "dec-" + id, "no")).isTrue();
    }

    private void entry(String id, Instant releasedAt, boolean digested) {
        db.jdbc.update("insert into digest_entries (draft_id, location_id, recipient, subject, released_at, digested_at)"
                + " values (?, 'LDN-1', 'ada@example.com', 'Invoice', ?, ?)", id, Timestamp.from(releasedAt),
                digested ? Timestamp.from(releasedAt.plus(Duration.ofHours(1))) : null);
    }
}
