package com.deskpost.platform.streams;

import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * A source record as it arrived: its key, bytes and headers, where it was read from (what its dead
 * letter points to) and the wall-clock time it was first seen (when its wait for the directory began).
 * A parked record is handled later, outside any input record's processing, so it carries all of this itself.
 */
record Arrival(String key, byte[] value, Headers headers, String topic, int partition, long offset, long timestamp,
        long firstSeen) {

    static Arrival of(Record<String, byte[]> record, RecordMetadata meta, long now) {
        return new Arrival(record.key(), record.value(), new RecordHeaders(record.headers().toArray()), meta.topic(),
                meta.partition(), meta.offset(), record.timestamp(), now);
    }

    /** The same arrival holding {@code kept} (its credentials sealed) instead of the bytes as read. */
    Arrival keeping(byte[] kept) {
        return new Arrival(key, kept, headers, topic, partition, offset, timestamp, firstSeen);
    }

    /** Where it was read from, as {@code topic-partition@offset}. */
    String position() {
        return topic + "-" + partition + "@" + offset;
    }
}
