package com.deskpost.platform.streams;

import com.deskpost.platform.topic.Topic;
import org.apache.avro.specific.SpecificRecord;

/** One record a handler wants written: its topic, key and value. */
public record Emit<V extends SpecificRecord>(Topic<V> topic, String key, V value) {

    public static <V extends SpecificRecord> Emit<V> to(Topic<V> topic, String key, V value) {
        return new Emit<>(topic, key, value);
    }
}
