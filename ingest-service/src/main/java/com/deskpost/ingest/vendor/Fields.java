package com.deskpost.ingest.vendor;

import com.deskpost.schemas.json.InvalidJsonException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/** Reading a webhook's fields with the JSON path of whatever is missing or wrong. */
public final class Fields {

    private Fields() {
    }

    public static JsonNode object(JsonNode parent, String path, String name) {
        JsonNode node = parent.get(name);
        if (node == null || node.isNull()) {
            throw new InvalidJsonException(path + "." + name, "missing required field");
        }
        if (!node.isObject()) {
            throw new InvalidJsonException(path + "." + name, "expected object, got " + type(node));
        }
        return node;
    }

    public static String text(JsonNode parent, String path, String name) {
        JsonNode node = parent.get(name);
        if (node == null || node.isNull()) {
            throw new InvalidJsonException(path + "." + name, "missing required field");
        }
        if (!node.isString() || node.stringValue().isBlank()) {
            throw new InvalidJsonException(path + "." + name, "expected a non-empty string, got " + type(node));
        }
        return node.stringValue();
    }

    /** A string the vendor may leave out (absent, null or blank); one of another type is still refused. */
    public static Optional<String> optionalText(JsonNode parent, String path, String name) {
        JsonNode node = parent.get(name);
        if (node == null || node.isNull() || (node.isString() && node.stringValue().isBlank())) {
            return Optional.empty();
        }
        return Optional.of(text(parent, path, name).strip());
    }

    /** An optional reference, as an id string or an expanded object with {@code _id}. */
    public static Optional<String> optionalId(JsonNode parent, String path, String name) {
        JsonNode node = parent.get(name);
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        return Optional.of(id(parent, path, name));
    }

    /** A reference a vendor (OfficeRnD) sends either as an id string or, expanded, as an object with {@code _id}. */
    public static String id(JsonNode parent, String path, String name) {
        JsonNode node = parent.get(name);
        if (node != null && node.isObject()) {
            return text(node, path + "." + name, "_id");
        }
        return text(parent, path, name);
    }

    /** An id a vendor (Kisi, Brivo) sends as an integer; a string id is taken as well. */
    public static String numberOrText(JsonNode parent, String path, String name) {
        JsonNode node = parent.get(name);
        if (node != null && node.isIntegralNumber()) {
            return Long.toString(node.longValue());
        }
        return text(parent, path, name);
    }

    public static Optional<Instant> optionalInstant(JsonNode parent, String path, String name, String timezone) {
        JsonNode node = parent.get(name);
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        return Optional.of(dateTime(parent, path, name, timezone));
    }

    /** An ISO date-time; one without an offset is read in {@code timezone} (the booking's). */
    public static Instant dateTime(JsonNode parent, String path, String name, String timezone) {
        String text = text(parent, path, name);
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeException withoutOffset) {
            try {
                if (timezone != null) {
                    return LocalDateTime.parse(text).atZone(ZoneId.of(timezone)).toInstant();
                }
            } catch (DateTimeException ignored) {
                // reported below with the field path
            }
            throw new InvalidJsonException(path + "." + name, "not a valid ISO-8601 date-time: \"" + text + "\"");
        }
    }

    private static String type(JsonNode node) {
        return node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    }
}
