package com.deskpost.schemas.serde;

import java.util.Map;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Confluent-framed Avro for Kafka Streams: {@link ConfluentAvroSerializer} and
 * {@link ConfluentAvroDeserializer} sharing one registry client. Hand-written because no
 * io.confluent artifacts are on Maven Central.
 *
 * <p>Serializes under {@code <topic>-value}; to use it for keys, call
 * {@code configure(Map.of(), true)} first (Kafka Streams does not configure serdes passed to
 * {@code Consumed.with} or {@code Produced.with}).
 */
public class ConfluentAvroSerde<T extends SpecificRecord> implements Serde<T> {

    private final ConfluentAvroSerializer<T> serializer;
    private final ConfluentAvroDeserializer<T> deserializer;

    public ConfluentAvroSerde(SchemaRegistryClient client, Class<T> type) {
        this.serializer = new ConfluentAvroSerializer<>(client);
        this.deserializer = new ConfluentAvroDeserializer<>(client, type);
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        serializer.configure(configs, isKey);
        deserializer.configure(configs, isKey);
    }

    @Override
    public Serializer<T> serializer() {
        return serializer;
    }

    @Override
    public Deserializer<T> deserializer() {
        return deserializer;
    }
}
