package com.deskpost.schemas.serde;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes Avro records in Confluent wire format under subject {@code <topic>-value} (or
 * {@code <topic>-key} as a key serializer), so Confluent's deserializers and tools read them.
 * Hand-written because no io.confluent artifacts are on Maven Central.
 *
 * <p>Properties: {@code schema.registry.url}, and {@code auto.register.schemas} (default true;
 * when false the schema must already be registered under the subject). A null record is
 * written as null, so tombstones stay tombstones. A facility event's {@code payload.event_type} left null
 * is filled in from the payload's class ({@link EventTypes}).
 */
public class ConfluentAvroSerializer<T extends SpecificRecord> implements Serializer<T> {

    private SchemaRegistryClient client;
    private boolean isKey;
    private boolean autoRegister = true;
    private final Map<Schema, DatumWriter<T>> writers = new ConcurrentHashMap<>();
    private final Map<Class<?>, GeneratedClassData> models = new ConcurrentHashMap<>();

    /** For Kafka to instantiate from properties; {@link #configure} supplies the registry. */
    public ConfluentAvroSerializer() {
    }

    /** A value serializer that registers schemas with {@code client}. */
    public ConfluentAvroSerializer(SchemaRegistryClient client) {
        this.client = Objects.requireNonNull(client, "client");
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        this.isKey = isKey;
        this.autoRegister = AvroSerdeConfig.autoRegister(configs);
        if (client == null) {
            client = AvroSerdeConfig.client(configs);
        }
    }

    @Override
    public byte[] serialize(String topic, T record) {
        if (record == null) {
            return null;
        }
        if (client == null) {
            throw new SerializationException("ConfluentAvroSerializer is not configured: set "
                    + AvroSerdeConfig.SCHEMA_REGISTRY_URL + " or construct it with a SchemaRegistryClient");
        }
        Schema schema = record.getSchema();
        EventTypes.fill(record, model(record));
        int id = schemaId(WireFormat.subject(topic, isKey), schema);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(WireFormat.MAGIC_BYTE);
        out.writeBytes(ByteBuffer.allocate(4).putInt(id).array());
        try {
            BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
            writerFor(record).write(record, encoder);
            encoder.flush();
        } catch (IOException | RuntimeException e) {
            // Avro reports a missing required field as a NullPointerException deep in the writer.
            throw new SerializationException("Cannot encode " + schema.getFullName() + " for topic " + topic
                    + " (is a required field null?): " + e, e);
        }
        return out.toByteArray();
    }

    private int schemaId(String subject, Schema schema) {
        try {
            return autoRegister ? client.register(subject, schema) : client.lookUp(subject, schema);
        } catch (SchemaRegistryException e) {
            if (!autoRegister && e.httpStatus() == 404) {
                throw new SerializationException("Schema " + schema.getFullName() + " is not registered under subject "
                        + subject + " at " + client.baseUrl() + " and " + AvroSerdeConfig.AUTO_REGISTER_SCHEMAS
                        + " is false: register it first (" + e.getMessage() + ")", e);
            }
            throw new SerializationException("Cannot " + (autoRegister ? "register" : "look up") + " schema "
                    + schema.getFullName() + " under subject " + subject + ": " + e.getMessage(), e);
        }
    }

    private DatumWriter<T> writerFor(T record) {
        return writers.computeIfAbsent(record.getSchema(), schema -> new SpecificDatumWriter<>(schema, model(record)));
    }

    private GeneratedClassData model(T record) {
        return models.computeIfAbsent(record.getClass(), type -> new GeneratedClassData(record.getClass()));
    }
}
