package com.deskpost.schemas.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Map;
import org.apache.avro.JsonProperties;
import org.apache.avro.Schema;

/**
 * A field's schema default (as {@code Schema.Field#defaultVal()} returns it) in Avro's JSON
 * encoding. Schema defaults are written unwrapped in the first union branch's type; the JSON
 * encoding wraps non-null union values in their branch name, so the two differ for unions.
 */
final class Defaults {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Defaults() {
    }

    static JsonNode toJson(Schema schema, Object value) {
        if (value == null || value == JsonProperties.NULL_VALUE) {
            return NODES.nullNode();
        }
        return switch (schema.getType()) {
            case UNION -> {
                Schema first = schema.getTypes().get(0);
                ObjectNode wrapped = NODES.objectNode();
                wrapped.set(first.getFullName(), toJson(first, value));
                yield first.getType() == Schema.Type.NULL ? NODES.nullNode() : wrapped;
            }
            case RECORD -> {
                ObjectNode out = NODES.objectNode();
                Map<?, ?> fields = (Map<?, ?>) value;
                for (Schema.Field field : schema.getFields()) {
                    Object fieldValue = fields.containsKey(field.name()) ? fields.get(field.name()) : field.defaultVal();
                    out.set(field.name(), toJson(field.schema(), fieldValue));
                }
                yield out;
            }
            case MAP -> {
                ObjectNode out = NODES.objectNode();
                ((Map<?, ?>) value).forEach((k, v) -> out.set(String.valueOf(k), toJson(schema.getValueType(), v)));
                yield out;
            }
            case ARRAY -> {
                ArrayNode out = NODES.arrayNode();
                ((Collection<?>) value).forEach(item -> out.add(toJson(schema.getElementType(), item)));
                yield out;
            }
            case BYTES, FIXED -> NODES.textNode(value instanceof byte[] bytes
                    ? new String(bytes, StandardCharsets.ISO_8859_1) : String.valueOf(value));
            case INT -> NODES.numberNode(((Number) value).intValue());
            case LONG -> NODES.numberNode(((Number) value).longValue());
            case FLOAT, DOUBLE -> NODES.numberNode(((Number) value).doubleValue());
            case BOOLEAN -> NODES.booleanNode((Boolean) value);
            case STRING, ENUM -> NODES.textNode(String.valueOf(value));
            case NULL -> NODES.nullNode();
        };
    }
}
