package com.deskpost.ingest.feedback;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/** Reading a provider's JSON, refusing what is not its documented format with the path of what is missing or wrong. */
final class WebhookJson {

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private WebhookJson() {
    }

    static JsonNode parse(byte[] body, String what) {
        try {
            JsonNode root = JSON.readTree(body);
            if (root == null || root.isMissingNode()) {
                throw new WebhookRefused(WebhookRefused.Reason.MALFORMED, "The body is empty; expected " + what);
            }
            return root;
        } catch (JacksonException e) {
            int line = e.getLocation() == null ? 1 : Math.max(1, e.getLocation().getLineNr());
            int column = e.getLocation() == null ? 1 : Math.max(1, e.getLocation().getColumnNr());
            throw new WebhookRefused(WebhookRefused.Reason.MALFORMED, "The body is not valid JSON at line " + line
                    + ", column " + column + " (" + e.getOriginalMessage() + "); expected " + what, e);
        }
    }

    static JsonNode object(JsonNode parent, String path, String name) {
        JsonNode node = parent.get(name);
        if (node == null || !node.isObject()) {
            throw malformed(path + "." + name, node == null || node.isNull() ? "missing" : "not an object");
        }
        return node;
    }

    static String text(JsonNode parent, String path, String name) {
        JsonNode node = parent.get(name);
        if (node == null || node.isNull()) {
            throw malformed(path + "." + name, "missing");
        }
        if (!node.isValueNode() || node.asString().isBlank()) {
            throw malformed(path + "." + name, "not a non-empty value");
        }
        return node.asString();
    }

    /** The text of a field, or null when it is absent or not a value. */
    static String optional(JsonNode parent, String name) {
        JsonNode node = parent == null ? null : parent.get(name);
        return node == null || !node.isValueNode() || node.isNull() ? null : node.asString();
    }

    static Instant instant(JsonNode parent, String path, String name) {
        String text = text(parent, path, name);
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeException e) {
            throw malformed(path + "." + name, "not an ISO-8601 date-time: \"" + text + "\"");
        }
    }

    static WebhookRefused malformed(String path, String problem) {
        return new WebhookRefused(WebhookRefused.Reason.MALFORMED, path + ": " + problem);
    }
}
