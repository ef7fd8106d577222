package com.deskpost.delivery.guardrail;

import static org.assertj.core.api.Assertions.assertThat;

import com.deskpost.delivery.guardrail.SenderCounts.Column;
import com.deskpost.delivery.testdata.DeliveryDatabase;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The window's counts in PostgreSQL: what a restart finds, what leaves the window, what a resume clears. */
class SenderCountsIT {

    private static final Instant NOW = Instant.parse("2026-12-08T10:05:00Z");

    @Test
    void countsSurviveARestartLeaveTheWindowByBucketAndRestartOnResume() {
        // Given a 7-day window of 1-hour buckets, and counts made over eight days
        DeliveryDatabase database = DeliveryDatabase.fresh("guardrail");
        GuardrailProperties properties = new GuardrailProperties(Duration.ofDays(7), Duration.ofHours(1), null, null,
                null, null);
        SenderCounts counts = new SenderCounts(database.jdbc(), properties);
        counts.add("guard.example", Column.SENT, Instant.parse("2026-12-01T09:30:00Z")); // left the window
        counts.add("guard.example", Column.SENT, Instant.parse("2026-12-01T11:10:00Z"));
        counts.add("guard.example", Column.SENT, NOW.minusSeconds(60));
        counts.add("guard.example", Column.COMPLAINTS, NOW.minusSeconds(30));
        counts.add("guard.example", Column.HARD_BOUNCES, NOW);
        counts.add("other.example", Column.SENT, NOW);

        // When the service restarts (a new instance over the same database)
        SenderCounts afterRestart = new SenderCounts(database.jdbc(), properties);

        // Then it finds the window's counts, without the bucket that left it, per domain
        assertThat(afterRestart.window("guard.example", NOW)).isEqualTo(new WindowCounts(2, 1, 1));
        assertThat(afterRestart.window("other.example", NOW)).isEqualTo(new WindowCounts(1, 0, 0));
        assertThat(afterRestart.window("unknown.example", NOW)).isEqualTo(WindowCounts.NONE);

        // When expired buckets are dropped, then only the one outside the window goes
        assertThat(afterRestart.dropExpired(NOW)).isEqualTo(1);
        assertThat(afterRestart.window("guard.example", NOW)).isEqualTo(new WindowCounts(2, 1, 1));

        // When the domain is resumed, then its counts start again from nothing, and no other domain's do
        afterRestart.restart("guard.example");
        assertThat(afterRestart.window("guard.example", NOW)).isEqualTo(WindowCounts.NONE);
        assertThat(afterRestart.window("other.example", NOW)).isEqualTo(new WindowCounts(1, 0, 0));
    }
}
