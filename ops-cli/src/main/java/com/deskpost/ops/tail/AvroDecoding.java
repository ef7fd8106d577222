package com.deskpost.ops.tail;

import com.deskpost.ops.Json;
import com.deskpost.ops.OpsFailure;
import com.deskpost.schemas.serde.SchemaRegistryClient;
import com.deskpost.schemas.serde.SchemaRegistryException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.io.JsonEncoder;
import tools.jackson.databind.JsonNode;

/**
 * A Confluent-framed Avro value as Avro's JSON encoding, read with the writer's schema fetched
 * from the registry by the id in the record: any topic, any schema version, no generated class
 * needed, and the output is what {@code publish} reads back.
 */
final class AvroDecoding {

    private static final int HEADER_SIZE = 5;

    /** A value that is not Avro this registry knows; the message says why. */
    static final class Undecodable extends Exception {
        Undecodable(String message) {
            super(message);
        }
    }

    /** A decoded value and the schema id it was written with. */
    record Decoded(int schemaId, String schemaName, JsonNode json) {
    }

    private final SchemaRegistryClient registry;

    AvroDecoding(SchemaRegistryClient registry) {
        this.registry = registry;
    }

    Decoded decode(byte[] value) throws Undecodable {
        if (value.length < HEADER_SIZE || value[0] != 0) {
            throw new Undecodable(String.format("not Confluent wire format (first byte 0x%02x, %d bytes)",
                    value.length == 0 ? 0 : value[0] & 0xff, value.length));
        }
        int id = ByteBuffer.wrap(value, 1, 4).getInt();
        Schema schema = schema(id);
        try {
            Object datum = new GenericDatumReader<>(schema).read(null,
                    DecoderFactory.get().binaryDecoder(value, HEADER_SIZE, value.length - HEADER_SIZE, null));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            JsonEncoder encoder = EncoderFactory.get().jsonEncoder(schema, out);
            new GenericDatumWriter<>(schema).write(datum, encoder);
            encoder.flush();
            return new Decoded(id, schema.getFullName(), Json.MAPPER.readTree(out.toString(StandardCharsets.UTF_8)));
        } catch (IOException | RuntimeException e) {
            throw new Undecodable("the Avro body does not match schema id " + id + " (" + e.getMessage() + ")");
        }
    }

    private Schema schema(int id) throws Undecodable {
        try {
            return registry.schemaById(id);
        } catch (SchemaRegistryException e) {
            if (e.httpStatus() == SchemaRegistryException.NO_RESPONSE) {
                throw OpsFailure.unreachable("Cannot reach the schema registry at " + registry.baseUrl() + " ("
                        + e.registryMessage() + "): check --registry (or DESKPOST_SCHEMA_REGISTRY_URL).", e);
            }
            throw new Undecodable("schema id " + id + " is not in the registry at " + registry.baseUrl() + " ("
                    + e.getMessage() + ")");
        }
    }
}
