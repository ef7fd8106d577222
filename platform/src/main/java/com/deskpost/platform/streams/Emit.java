package com.deskpost.platform.streams;

import com.deskpost.platform.topic.Topic;
import org.apache.avro.specific.SpecificRecord;

/**
 * One record a handler wants written: its topic, key and value. A refusal is written to the
 * dead-letter topic of {@code topic}, with the reason and the source record's position in
 * spring-kafka's dead-letter headers.
 */
public record Emit<V extends SpecificRecord>(Topic<V> topic, String key, V value, RuntimeException refusal) {

    public static <V extends SpecificRecord> Emit<V> to(Topic<V> topic, String key, V value) {
        return new Emit<>(topic, key, value, null);
    }

    /**
     * A tombstone: {@code key} of the compacted {@code topic} is over, and compaction removes it (after the topic's
     * {@code delete.retention.ms}, so a reader that lags by less still sees the deletion).
     */
    public static <V extends SpecificRecord> Emit<V> tombstone(Topic<V> topic, String key) {
        return new Emit<>(topic, key, null, null);
    }

    /** A record composed but refused (e.g. outside the access policy): kept in {@code topic}'s dead letters. */
    public static <V extends SpecificRecord> Emit<V> refused(Topic<V> topic, String key, V value, RuntimeException why) {
        return new Emit<>(topic, key, value, why);
    }
}
