package com.deskpost.schemas.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.avro.Schema;

/**
 * Checks a Jackson tree against an Avro schema and rewrites it into the exact form Avro's
 * {@code JsonDecoder} reads: defaults filled in, unions wrapped in their full branch name,
 * ISO-8601 times turned into their logical type's number. Written by hand because Avro's own
 * {@code JsonDecoder} reports only the unexpected token, never the field path.
 *
 * <p>Accepted beyond the strict Avro JSON encoding, because facility systems write it naturally:
 * a bare value for a union of {@code null} and one other type ({@code "notes": "x"} as well as
 * {@code "notes": {"string": "x"}}), a branch's short name ({@code "BookingCreated"}), and ISO-8601
 * text for {@code timestamp-millis} ({@code "2026-11-24T09:00:00Z"}) and {@code date}
 * ({@code "2026-11-24"}).
 */
final class SchemaTree {

    /** DESIGN section 2: an event id is a UUID (draft ids are derived from it). */
    private static final Set<String> UUID_FIELDS = Set.of("com.deskpost.events.EventHeader.event_id");
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private SchemaTree() {
    }

    /** The normalized tree, or {@link InvalidJsonException} naming the first offending path. */
    static JsonNode normalize(Schema schema, JsonNode node, String path) {
        return switch (schema.getType()) {
            case RECORD -> record(schema, node, path);
            case UNION -> union(schema, node, path);
            case ARRAY -> array(schema, node, path);
            case MAP -> map(schema, node, path);
            case ENUM -> enumSymbol(schema, node, path);
            case STRING -> Scalars.string(schema, node, path);
            case INT -> Scalars.intValue(schema, node, path);
            case LONG -> Scalars.longValue(schema, node, path);
            case FLOAT, DOUBLE -> Scalars.number(schema, node, path);
            case BOOLEAN -> expect(node.isBoolean(), "boolean", node, path);
            case NULL -> expect(node.isNull(), "null", node, path);
            case BYTES -> Scalars.bytes(node, path, -1);
            case FIXED -> Scalars.bytes(node, path, schema.getFixedSize());
        };
    }

    private static JsonNode record(Schema schema, JsonNode node, String path) {
        if (!node.isObject()) {
            throw mismatch("object (" + schema.getName() + ")", node, path);
        }
        ObjectNode out = NODES.objectNode();
        Set<String> known = new HashSet<>();
        for (Schema.Field field : schema.getFields()) {
            known.add(field.name());
            String fieldPath = path + "." + field.name();
            JsonNode value = node.get(field.name());
            if (value == null) {
                if (!field.hasDefaultValue()) {
                    throw new InvalidJsonException(fieldPath, "missing required field");
                }
                out.set(field.name(), Defaults.toJson(field.schema(), field.defaultVal()));
            } else {
                if (UUID_FIELDS.contains(schema.getFullName() + "." + field.name())) {
                    Scalars.requireUuid(value, fieldPath);
                }
                out.set(field.name(), normalize(field.schema(), value, fieldPath));
            }
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                throw new InvalidJsonException(path + "." + name,
                        "unknown field (" + schema.getName() + " has " + List.copyOf(schemaFieldNames(schema)) + ")");
            }
        }
        return out;
    }

    private static JsonNode union(Schema schema, JsonNode node, String path) {
        List<Schema> branches = schema.getTypes();
        List<String> names = branches.stream().map(Schema::getFullName).toList();
        if (node.isNull()) {
            if (names.contains("null")) {
                return NODES.nullNode();
            }
            throw new InvalidJsonException(path, "null is not allowed, expected one of " + names);
        }
        if (node.isObject() && node.size() == 1) {
            String label = node.fieldNames().next();
            for (Schema branch : branches) {
                if (branch.getType() != Schema.Type.NULL
                        && (branch.getFullName().equals(label) || isNamed(branch) && branch.getName().equals(label))) {
                    ObjectNode wrapped = NODES.objectNode();
                    wrapped.set(branch.getFullName(), normalize(branch, node.get(label), path));
                    return wrapped;
                }
            }
        }
        List<Schema> nonNull = branches.stream().filter(b -> b.getType() != Schema.Type.NULL).toList();
        boolean wrapperLike = node.isObject() && node.size() == 1;
        if (nonNull.size() == 1 && (!wrapperLike || acceptsObject(nonNull.get(0)))) {
            ObjectNode wrapped = NODES.objectNode();
            wrapped.set(nonNull.get(0).getFullName(), normalize(nonNull.get(0), node, path));
            return wrapped;
        }
        if (wrapperLike) {
            throw new InvalidJsonException(path,
                    "union branch \"" + node.fieldNames().next() + "\" is not one of " + names);
        }
        throw new InvalidJsonException(path, "expected an object with one key naming the union branch, one of "
                + names + ", got " + jsonType(node));
    }

    private static JsonNode array(Schema schema, JsonNode node, String path) {
        if (!node.isArray()) {
            throw mismatch("array", node, path);
        }
        ArrayNode out = NODES.arrayNode();
        for (int i = 0; i < node.size(); i++) {
            out.add(normalize(schema.getElementType(), node.get(i), path + "[" + i + "]"));
        }
        return out;
    }

    private static JsonNode map(Schema schema, JsonNode node, String path) {
        if (!node.isObject()) {
            throw mismatch("object (map)", node, path);
        }
        ObjectNode out = NODES.objectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            out.set(entry.getKey(), normalize(schema.getValueType(), entry.getValue(), path + "." + entry.getKey()));
        }
        return out;
    }

    private static JsonNode enumSymbol(Schema schema, JsonNode node, String path) {
        if (!node.isTextual()) {
            throw mismatch("string (" + schema.getName() + ")", node, path);
        }
        if (!schema.hasEnumSymbol(node.textValue())) {
            throw new InvalidJsonException(path, "unknown enum symbol \"" + node.textValue() + "\", expected one of "
                    + schema.getEnumSymbols());
        }
        return node;
    }

    private static JsonNode expect(boolean ok, String expected, JsonNode node, String path) {
        if (!ok) {
            throw mismatch(expected, node, path);
        }
        return node;
    }

    static InvalidJsonException mismatch(String expected, JsonNode node, String path) {
        return new InvalidJsonException(path, "expected " + expected + ", got " + jsonType(node));
    }

    static String jsonType(JsonNode node) {
        return node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    }

    private static boolean acceptsObject(Schema schema) {
        return schema.getType() == Schema.Type.RECORD || schema.getType() == Schema.Type.MAP;
    }

    private static boolean isNamed(Schema schema) {
        return switch (schema.getType()) {
            case RECORD, ENUM, FIXED -> true;
            default -> false;
        };
    }

    private static List<String> schemaFieldNames(Schema schema) {
        return schema.getFields().stream().map(Schema.Field::name).toList();
    }
}
