package com.deskpost.platform.topic;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;

/**
 * One Kafka topic: its name and the Avro type of its values (keys are always strings). Producer
 * and consumer take the same constant, so they cannot disagree on name or type. Its {@link #kind()}
 * decides how it keeps records ({@link #configs()}), its {@link #partitioning()} how many partitions it has;
 * whether it has dead letters depends on whether it is internal. {@link TopicRule} turns that into the topic
 * as created, for every service and tool that creates topics.
 *
 * @param internal a service's own topic (DESIGN section 2, "internal topics"): written only by its owner, inside
 *                 the owner's exactly-once transactions, so no foreign record can need dead-lettering and it has
 *                 no dead-letter topic
 * @param partitioning its partitions, set up front by what it carries; co-partitioned topics share one
 */
public record Topic<V extends SpecificRecord>(String name, Class<V> valueType, Kind kind, boolean internal,
        Partitioning partitioning) {

    /** A shared topic of DESIGN section 2, with its dead-letter topic. */
    public Topic(String name, Class<V> valueType, Kind kind, Partitioning partitioning) {
        this(name, valueType, kind, false, partitioning);
    }

    /** A service's own topic: created by its owner with the same rule, without dead letters. */
    public static <V extends SpecificRecord> Topic<V> internal(String name, Class<V> valueType, Kind kind,
            Partitioning partitioning) {
        return new Topic<>(name, valueType, kind, true, partitioning);
    }

    /**
     * Retention of a {@link Kind#SHORT_LIVED} topic: 3 days. Long enough for its consumer to catch up after a
     * weekend outage; short enough that a credential a facility system sent in clear (one that does not seal
     * before publishing) does not linger in the log. Its consumer seals it the moment it reads it.
     */
    public static final Duration SHORT_RETENTION = Duration.ofDays(3);
    /** Dead letters wait for a person to fix the cause and redrive them: 30 days. */
    public static final Duration DEAD_LETTER_RETENTION = Duration.ofDays(30);

    /** How the topic keeps its records. */
    public enum Kind {
        /** Time-based retention (the broker's default): a stream of events. */
        EVENTS,
        /**
         * Time-based retention of {@link #SHORT_RETENTION}: events that may carry a credential in clear
         * (facility.access), read and sealed by their consumer at once.
         */
        SHORT_LIVED,
        /** Log compaction: the latest value per key is the state (directories, versions). */
        COMPACTED,
        /** Every event is state and none may age out (consent: a rebuilt consent table folds the whole topic). */
        KEPT
    }

    /**
     * The topic-level settings the topic is created (and kept) with: {@code cleanup.policy}, and
     * {@code retention.ms} where it differs from the broker's default.
     */
    public Map<String, String> configs() {
        Map<String, String> configs = new LinkedHashMap<>();
        configs.put("cleanup.policy", kind == Kind.COMPACTED ? "compact" : "delete");
        if (kind == Kind.SHORT_LIVED) {
            configs.put("retention.ms", Long.toString(SHORT_RETENTION.toMillis()));
        } else if (kind == Kind.KEPT) {
            configs.put("retention.ms", "-1");
        }
        return configs;
    }

    /** The settings of {@link #deadLetterTopic()}. */
    public Map<String, String> deadLetterConfigs() {
        return Map.of("cleanup.policy", "delete", "retention.ms", Long.toString(DEAD_LETTER_RETENTION.toMillis()));
    }

    /** The dead-letter topic for this topic: same key, original bytes, reason in headers. */
    public String deadLetterTopic() {
        return name + ".dlq";
    }

    /** Schema-registry subject for the value schema (Confluent TopicNameStrategy). */
    public String valueSubject() {
        return name + "-value";
    }
}
