package com.deskpost.schemas.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;
import org.apache.avro.LogicalType;
import org.apache.avro.Schema;

/**
 * Scalar values of {@link SchemaTree}: type and range checks, and logical types
 * ({@code timestamp-millis}/{@code -micros} and {@code date} from numbers or ISO-8601 text,
 * {@code uuid} in canonical form).
 */
final class Scalars {

    private static final Pattern CANONICAL_UUID =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Scalars() {
    }

    static JsonNode string(Schema schema, JsonNode node, String path) {
        if (!node.isTextual()) {
            throw SchemaTree.mismatch("string", node, path);
        }
        if (isLogical(schema, "uuid")) {
            requireUuid(node, path);
        }
        return node;
    }

    static JsonNode intValue(Schema schema, JsonNode node, String path) {
        if (node.isTextual() && isLogical(schema, "date")) {
            try {
                return NODES.numberNode((int) LocalDate.parse(node.textValue()).toEpochDay());
            } catch (DateTimeParseException e) {
                throw new InvalidJsonException(path, "not a valid date (logical type date): \"" + node.textValue()
                        + "\", expected yyyy-MM-dd or days since 1970-01-01");
            }
        }
        if (!node.isIntegralNumber()) {
            throw SchemaTree.mismatch("int", node, path);
        }
        if (!node.canConvertToInt()) {
            throw new InvalidJsonException(path, "number out of range for int: " + node.asText());
        }
        return NODES.numberNode(node.intValue());
    }

    static JsonNode longValue(Schema schema, JsonNode node, String path) {
        if (node.isTextual() && (isLogical(schema, "timestamp-millis") || isLogical(schema, "timestamp-micros"))) {
            try {
                var instant = OffsetDateTime.parse(node.textValue()).toInstant();
                boolean micros = isLogical(schema, "timestamp-micros");
                return NODES.numberNode(micros
                        ? Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000)
                        : instant.toEpochMilli());
            } catch (DateTimeParseException | ArithmeticException e) {
                throw new InvalidJsonException(path, "not a valid timestamp (logical type "
                        + schema.getLogicalType().getName() + "): \"" + node.textValue()
                        + "\", expected ISO-8601 with offset (2026-11-24T09:00:00Z) or epoch number");
            }
        }
        if (!node.isIntegralNumber()) {
            throw SchemaTree.mismatch("long", node, path);
        }
        if (!node.canConvertToLong()) {
            throw new InvalidJsonException(path, "number out of range for long: " + node.asText());
        }
        return NODES.numberNode(node.longValue());
    }

    static JsonNode number(Schema schema, JsonNode node, String path) {
        if (!node.isNumber()) {
            throw SchemaTree.mismatch(schema.getType().getName(), node, path);
        }
        return NODES.numberNode(node.doubleValue());
    }

    static JsonNode bytes(JsonNode node, String path, int fixedSize) {
        if (!node.isTextual()) {
            throw SchemaTree.mismatch("string (bytes)", node, path);
        }
        String text = node.textValue();
        if (text.chars().anyMatch(c -> c > 0xFF)) {
            throw new InvalidJsonException(path, "bytes must be a string of characters \\u0000-\\u00ff (Avro JSON encoding)");
        }
        if (fixedSize >= 0 && text.length() != fixedSize) {
            throw new InvalidJsonException(path, "expected exactly " + fixedSize + " bytes, got " + text.length());
        }
        return node;
    }

    static void requireUuid(JsonNode node, String path) {
        if (node.isTextual() && !CANONICAL_UUID.matcher(node.textValue()).matches()) {
            throw new InvalidJsonException(path, "not a valid UUID: \"" + node.textValue()
                    + "\", expected e.g. 3f2b8c1e-5d4a-4e7b-9c0d-1a2b3c4d5e6f");
        }
    }

    static boolean isLogical(Schema schema, String name) {
        LogicalType logical = schema.getLogicalType();
        return logical != null && logical.getName().equals(name);
    }
}
