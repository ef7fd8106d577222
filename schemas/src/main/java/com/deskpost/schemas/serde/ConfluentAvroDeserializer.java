package com.deskpost.schemas.serde;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.avro.Schema;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads Confluent-framed Avro records into a generated class, resolving the writer's schema
 * (fetched by id) against the class's schema, so records written with an older or newer
 * compatible schema still decode. Hand-written because no io.confluent artifacts are on Maven
 * Central.
 *
 * <p>Properties: {@code schema.registry.url} and {@code deskpost.avro.value.type} (or
 * {@code deskpost.avro.key.type}). Null or empty bytes read as null. Every failure is a
 * {@link SerializationException} saying what is wrong with the record, including a facility event whose
 * writer could name its payload's type and did not ({@link EventTypes}).
 */
public class ConfluentAvroDeserializer<T extends SpecificRecord> implements Deserializer<T> {

    private SchemaRegistryClient client;
    private Class<T> type;
    private final Map<Integer, Reading<T>> readers = new ConcurrentHashMap<>();

    /** How records written with one schema id are read: the resolving reader and the writer's schema. */
    private record Reading<T>(DatumReader<T> reader, Schema writer) {
    }

    /** For Kafka to instantiate from properties; {@link #configure} supplies registry and type. */
    public ConfluentAvroDeserializer() {
    }

    /** A deserializer decoding into {@code type}, fetching writer schemas from {@code client}. */
    public ConfluentAvroDeserializer(SchemaRegistryClient client, Class<T> type) {
        this.client = Objects.requireNonNull(client, "client");
        this.type = Objects.requireNonNull(type, "type");
    }

    @Override
    @SuppressWarnings("unchecked")
    public void configure(Map<String, ?> configs, boolean isKey) {
        if (client == null) {
            client = AvroSerdeConfig.client(configs);
        }
        if (type == null) {
            type = (Class<T>) AvroSerdeConfig.recordType(configs, isKey);
        }
    }

    @Override
    public T deserialize(String topic, byte[] data) {
        if (data == null || data.length == 0) {
            return null;
        }
        if (client == null || type == null) {
            throw new SerializationException("ConfluentAvroDeserializer is not configured: set "
                    + AvroSerdeConfig.SCHEMA_REGISTRY_URL + " and " + AvroSerdeConfig.VALUE_TYPE
                    + " (or construct it with a SchemaRegistryClient and a type)");
        }
        if (data[0] != WireFormat.MAGIC_BYTE) {
            throw new SerializationException(String.format("Unknown magic byte 0x%02x in record from topic %s: expected"
                    + " 0x00 (Confluent wire format). The producer did not use a Confluent-compatible Avro serializer%s",
                    data[0] & 0xff, topic, WireFormat.guessFormat(data)));
        }
        if (data.length < WireFormat.HEADER_SIZE) {
            throw new SerializationException("Record too short: " + data.length + " bytes, a Confluent-framed record"
                    + " needs at least " + WireFormat.HEADER_SIZE + " (topic " + topic + ")");
        }
        int id = ByteBuffer.wrap(data, 1, 4).getInt();
        Reading<T> reading = readingFor(id, topic);
        T record;
        try {
            record = reading.reader().read(null, DecoderFactory.get().binaryDecoder(data, WireFormat.HEADER_SIZE,
                    data.length - WireFormat.HEADER_SIZE, null));
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("Cannot decode Avro body of " + topic + " record with schema id " + id
                    + " as " + type.getName() + ": " + describe(e), e);
        }
        EventTypes.requireNamed(record, reading.writer(), topic, id);
        return record;
    }

    private Reading<T> readingFor(int id, String topic) {
        Reading<T> cached = readers.get(id);
        if (cached != null) {
            return cached;
        }
        Schema writerSchema = writerSchema(id, topic);
        Reading<T> reading = new Reading<>(new SpecificDatumReader<>(writerSchema, GeneratedClassData.schemaOf(type),
                new GeneratedClassData(type)), writerSchema);
        Reading<T> raced = readers.putIfAbsent(id, reading);
        return raced == null ? reading : raced;
    }

    private Schema writerSchema(int id, String topic) {
        try {
            return client.schemaById(id);
        } catch (SchemaRegistryException e) {
            if (e.httpStatus() == 404) {
                throw new SerializationException("Schema id " + id + " (topic " + topic + ") is not registered at "
                        + client.baseUrl() + ": " + e.registryMessage() + " (error_code " + e.errorCode()
                        + "). Was the record written against another schema registry?", e);
            }
            throw new SerializationException("Cannot fetch schema id " + id + " for a record from topic " + topic
                    + ": " + e.getMessage(), e);
        }
    }

    private static String describe(Exception e) {
        if (e instanceof EOFException) {
            return "the body ends before the record does (truncated, or not written with this schema id)";
        }
        return e.getMessage() == null ? e.getClass().getName() : e.getClass().getSimpleName() + ": " + e.getMessage();
    }
}
