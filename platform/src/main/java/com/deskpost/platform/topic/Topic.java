package com.deskpost.platform.topic;

import org.apache.avro.specific.SpecificRecord;

/**
 * One Kafka topic: its name and the Avro type of its values (keys are always strings). Producer
 * and consumer take the same constant, so they cannot disagree on name or type.
 */
public record Topic<V extends SpecificRecord>(String name, Class<V> valueType, Kind kind) {

    /** How the topic keeps its records. */
    public enum Kind {
        /** Time-based retention: a stream of events. */
        EVENTS,
        /** Log compaction: the latest value per key is the state (directories, versions). */
        COMPACTED,
        /** Every event is state and none may age out (consent: a rebuilt consent table folds the whole topic). */
        KEPT
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
