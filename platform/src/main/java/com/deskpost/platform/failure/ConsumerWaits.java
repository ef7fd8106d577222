package com.deskpost.platform.failure;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which consumers are waiting for our own infrastructure, since when and why: what readiness reports
 * ({@link ConsumerWaitsHealthIndicator}) and what gauge {@code deskpost.consumer.waiting} (seconds, tagged
 * consumer and reason) shows. A consumer is its listener's consumer group or its Streams application id.
 * A wait ends when the consumer processes a record again, or, when nothing tells (no record came), once
 * the retry it announced is {@link #GRACE} overdue without failing again.
 */
public final class ConsumerWaits {

    /** The key under which a Streams application's configuration carries the waits (processors read them there). */
    public static final String STREAMS_CONFIG_KEY = "deskpost.consumer-waits";

    /** How long after an announced retry a wait with no news is taken to have ended. */
    public static final Duration GRACE = Duration.ofSeconds(30);

    /** One consumer's wait: why, since when, the retry it waits for, and the failure as logged. */
    public record Wait(Failure reason, Instant since, Instant retryAt, String cause) {

        boolean over(Instant now) {
            return now.isAfter(retryAt.plus(GRACE));
        }
    }

    private final Map<String, Wait> waits = new ConcurrentHashMap<>();
    private final Set<String> gauges = ConcurrentHashMap.newKeySet();
    private final MeterRegistry meters;
    private final Clock clock;

    /** @param meters where the gauge goes; null for none */
    public ConsumerWaits(MeterRegistry meters, Clock clock) {
        this.meters = meters;
        this.clock = clock;
    }

    /** {@code consumer} failed on our own infrastructure and retries after {@code backOff}. */
    public void failed(String consumer, Failure reason, Duration backOff, Throwable cause) {
        Instant now = clock.instant();
        waits.compute(consumer, (name, previous) -> new Wait(reason,
                previous == null || previous.over(now) ? now : previous.since(), now.plus(backOff), describe(cause)));
        if (meters != null && gauges.add(consumer + '|' + reason)) {
            Gauge.builder("deskpost.consumer.waiting", this, waits -> waits.secondsWaiting(consumer, reason))
                    .description("How long this consumer has been waiting for our own infrastructure (0: not waiting)")
                    .baseUnit("seconds")
                    .tag("consumer", consumer)
                    .tag("reason", reason.tag())
                    .register(meters);
        }
    }

    /** {@code consumer} processed a record: whatever it waited for is back. */
    public void resumed(String consumer) {
        if (!waits.isEmpty()) {
            waits.remove(consumer);
        }
    }

    /** The waits going on now, by consumer. */
    public Map<String, Wait> current() {
        Instant now = clock.instant();
        Map<String, Wait> current = new TreeMap<>();
        waits.forEach((consumer, wait) -> {
            if (!wait.over(now)) {
                current.put(consumer, wait);
            }
        });
        return current;
    }

    /** Seconds {@code consumer} has been waiting for {@code reason}; 0 when it is not. */
    public double secondsWaiting(String consumer, Failure reason) {
        Instant now = clock.instant();
        Wait wait = waits.get(consumer);
        if (wait == null || wait.reason() != reason || wait.over(now)) {
            return 0;
        }
        return Math.max(0.001, Duration.between(wait.since(), now).toMillis() / 1000.0);
    }

    private static String describe(Throwable cause) {
        Throwable innermost = cause;
        for (Throwable t = cause; t != null && t.getCause() != t; t = t.getCause()) {
            if (t.getMessage() != null) {
                innermost = t;
            }
        }
        return innermost.getClass().getSimpleName() + ": " + innermost.getMessage();
    }
}
