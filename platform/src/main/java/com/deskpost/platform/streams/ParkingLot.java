package com.deskpost.platform.streams;

import com.deskpost.platform.observability.MailMetrics;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The records of one task's source partition that wait for the directory ({@link DirectoryMiss}), in the
 * order they arrived, in a persistent store: its changelog commits in the task's exactly-once transaction,
 * so a parked record survives a restart and is never both parked and processed. While a key has a record
 * parked, every later record with that key parks behind it and is retried after it: a cancellation never
 * overtakes the creation it cancels. A record waits at most the grace, counted from when it was first seen.
 */
final class ParkingLot {

    private static final Logger log = LoggerFactory.getLogger(ParkingLot.class);

    /** What became of a parked record when it was retried. */
    enum Retry {
        /** The directory still lacks its entry and the grace has not passed: it keeps its place. */
        WAITING,
        /** Processed as if it had just arrived (or dead-lettered for another reason, as it would have been). */
        RELEASED,
        /** The grace passed: dead-lettered with the reason and how long it waited. */
        GIVEN_UP
    }

    /** One retry of a parked record; {@code graceOver} when it has waited the whole grace. */
    @FunctionalInterface
    interface Attempt {
        Retry retry(Arrival parked, boolean graceOver);
    }

    private final KeyValueStore<Bytes, byte[]> store;
    private final Duration grace;
    private final MailMetrics metrics;
    private final String topic;
    private final String task;
    /** Parked records per record key, rebuilt from the store: a record's key alone decides whether it must wait. */
    private final Map<String, Integer> keys = new HashMap<>();
    private long size;

    ParkingLot(KeyValueStore<Bytes, byte[]> store, Duration grace, MailMetrics metrics, String topic, String task) {
        this.store = store;
        this.grace = grace;
        this.metrics = metrics;
        this.topic = topic;
        this.task = task;
        for (Arrival parked : inOrder()) {
            count(parked.key(), 1);
        }
        metrics.parked(topic, task, size);
    }

    /** Whether a record with this key waits already, so a later one must park behind it. */
    boolean holds(String key) {
        return keys.containsKey(key);
    }

    void park(Arrival arrival, String reason) {
        store.put(ArrivalCodec.key(arrival), ArrivalCodec.encode(arrival));
        count(arrival.key(), 1);
        log.info("Parked {} (key {}) for at most {} until the directory has it: {}", arrival.position(), arrival.key(),
                describe(grace), reason);
    }

    /** Retries every parked record in arrival order, skipping those behind a record of their key still waiting. */
    void retry(long now, Attempt attempt) {
        if (size == 0) {
            return;
        }
        Set<String> waiting = new HashSet<>();
        for (Arrival parked : inOrder()) {
            if (waiting.contains(parked.key())) {
                continue;
            }
            Retry outcome = attempt.retry(parked, now - parked.firstSeen() >= grace.toMillis());
            if (outcome == Retry.WAITING) {
                waiting.add(parked.key());
                continue;
            }
            store.delete(ArrivalCodec.key(parked));
            count(parked.key(), -1);
            String waited = describe(Duration.ofMillis(Math.max(0, now - parked.firstSeen())));
            if (outcome == Retry.RELEASED) {
                log.info("Released {} (key {}) after {} parked", parked.position(), parked.key(), waited);
            } else {
                log.info("Dead-lettered {} (key {}): the directory still lacked its entry after {}", parked.position(),
                        parked.key(), waited);
            }
        }
    }

    /** The task is closing: its records are no longer this instance's to count. */
    void close() {
        metrics.parked(topic, task, 0);
    }

    /** A duration as Spring settings write it, whole seconds: {@code 5m}, {@code 1m30s}, {@code 1h30m}. */
    static String describe(Duration duration) {
        return duration.truncatedTo(ChronoUnit.SECONDS).toString().substring(2).toLowerCase(Locale.ROOT);
    }

    private List<Arrival> inOrder() {
        List<Arrival> parked = new ArrayList<>();
        // The iterator holds store resources until closed.
        try (KeyValueIterator<Bytes, byte[]> all = store.all()) {
            all.forEachRemaining(entry -> parked.add(ArrivalCodec.decode(entry.value)));
        }
        return parked;
    }

    private void count(String key, int delta) {
        keys.merge(key, delta, (was, change) -> was + change == 0 ? null : was + change);
        size += delta;
        metrics.parked(topic, task, size);
    }
}
