package com.deskpost.platform.failure;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Status;

/** A consumer's wait is shown from its first failure until it processes again, or its retry is long overdue. */
class ConsumerWaitsTest {

    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-12-05T10:00:00Z"));
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final ConsumerWaits waits = new ConsumerWaits(meters, new Clock() {
        public ZoneOffset getZone() { return ZoneOffset.UTC; }
        public Clock withZone(java.time.ZoneId zone) { return this; }
        public Instant instant() { return now.get(); }
    });
    private final ConsumerWaitsHealthIndicator health = new ConsumerWaitsHealthIndicator(waits);

    @Test
    void aWaitCountsFromItsFirstFailureAndEndsWhenTheConsumerProcessesAgain() {
        assertThat(health.health().getStatus()).isEqualTo(Status.UP);

        waits.failed("deskpost-delivery-consent", Failure.POSTGRESQL, Duration.ofSeconds(1), new IllegalStateException("down"));
        now.set(now.get().plusSeconds(20));
        waits.failed("deskpost-delivery-consent", Failure.POSTGRESQL, Duration.ofSeconds(30), new IllegalStateException("down"));
        now.set(now.get().plusSeconds(5));

        assertThat(gauge()).isEqualTo(25.0);
        assertThat(health.health().getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
        assertThat(health.health().getDetails()).containsKey("deskpost-delivery-consent");

        waits.resumed("deskpost-delivery-consent");

        assertThat(gauge()).isZero();
        assertThat(health.health().getStatus()).isEqualTo(Status.UP);
    }

    @Test
    void aWaitWithNoNewsEndsWhenItsRetryIsOverdue() {
        waits.failed("deskpost-oversight", Failure.REGISTRY, Duration.ofSeconds(4), new IllegalStateException("down"));

        now.set(now.get().plusSeconds(4).plus(ConsumerWaits.GRACE).plusSeconds(1));

        assertThat(waits.current()).isEmpty();
    }

    private double gauge() {
        return meters.get("deskpost.consumer.waiting").tag("consumer", "deskpost-delivery-consent")
                .tag("reason", "postgresql").gauge().value();
    }
}
