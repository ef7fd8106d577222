package com.deskpost.schemas.json;

import com.deskpost.schemas.ContractClasses;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.io.JsonEncoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;

/**
 * Contract records to and from Avro's JSON encoding, for systems that send JSON instead of Avro
 * binary (HTTP ingest, the ops CLI). {@link #decode} checks the document against the record's
 * schema first, so a caller learns the exact field path and problem
 * ({@code $.payload.guests[2].email: expected string, got number}), then reads it with Avro's
 * own {@code JsonDecoder} and {@code SpecificDatumReader}. See {@link SchemaTree} for the few
 * natural forms accepted beyond the strict encoding.
 */
public final class AvroJson {

    static {
        // Avro resolves the generated classes by name while reading: grant its class trust first.
        ContractClasses.trust();
    }

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private AvroJson() {
    }

    /**
     * The record the JSON document describes.
     *
     * @throws InvalidJsonException if the text is not JSON ({@code malformed()}, with line and
     *                              column) or breaks the schema (with the field path)
     */
    public static <T extends SpecificRecord> T decode(Class<T> type, String json) {
        Schema schema = SpecificData.getForClass(type).getSchema(type);
        JsonNode normalized = SchemaTree.normalize(schema, parse(json), "$");
        SpecificDatumReader<T> reader = new SpecificDatumReader<>(type);
        try {
            return reader.read(null, DecoderFactory.get().jsonDecoder(schema, normalized.toString()));
        } catch (IOException | AvroRuntimeException e) {
            // The tree was checked above, so this is a gap in SchemaTree, still reported as bad input.
            throw new InvalidJsonException("$", "not readable as " + schema.getName() + ": " + e.getMessage());
        }
    }

    /** The record in Avro's JSON encoding (non-null union values wrapped in their branch's full name). */
    public static String encode(SpecificRecord record) {
        Schema schema = record.getSchema();
        SpecificDatumWriter<SpecificRecord> writer =
                new SpecificDatumWriter<>(schema, SpecificData.getForClass(record.getClass()));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            JsonEncoder encoder = EncoderFactory.get().jsonEncoder(schema, out);
            writer.write(record, encoder);
            encoder.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static JsonNode parse(String json) {
        if (json == null || json.isBlank()) {
            throw InvalidJsonException.malformed("empty document, expected a JSON object", 1, 1, null);
        }
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            int line = at == null ? 1 : Math.max(1, at.getLineNr());
            int column = at == null ? 1 : Math.max(1, at.getColumnNr());
            throw InvalidJsonException.malformed(e.getOriginalMessage(), line, column, e);
        }
    }
}
