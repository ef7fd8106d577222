package com.deskpost.ingest.nexudus;

import com.deskpost.events.EventHeader;
import com.deskpost.ingest.vendor.Fields;
import com.deskpost.ingest.vendor.VendorWebhooks;
import com.deskpost.schemas.json.InvalidJsonException;
import java.time.Instant;
import java.time.ZoneId;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One Nexudus webhook call: the action and business its URL names, and the record Nexudus sends, which is the body's
 * one-element array ({@code [ {record} ]}, Nexudus serialises {@code new[] { dto }}). Nexudus sends no delivery id, so
 * a delivery is named by the action, the record's {@code Id} and its {@code UpdatedOn}: Nexudus's retry repeats all
 * three, and any change to the record moves {@code UpdatedOn}. The entity version is {@code UpdatedOn} in epoch
 * milliseconds; a deletion counts one millisecond later, so it supersedes the last change it removes.
 */
record NexudusWebhook(String action, String businessId, JsonNode record, ZoneId timeZone) {

    static final String SOURCE = "nexudus-webhook";
    static final String RECORD = "$[0]";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    static NexudusWebhook of(String action, String businessId, byte[] body, ZoneId timeZone) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JacksonException e) {
            int line = e.getLocation() == null ? 1 : Math.max(1, e.getLocation().getLineNr());
            int column = e.getLocation() == null ? 1 : Math.max(1, e.getLocation().getColumnNr());
            throw InvalidJsonException.malformed(e.getOriginalMessage(), line, column, e);
        }
        JsonNode record = root != null && root.isArray() && root.size() == 1 ? root.get(0) : root;
        if (record == null || !record.isObject()) {
            throw new InvalidJsonException("$",
                    "expected Nexudus's record in a one-element array, [ { \"Id\": ... } ]");
        }
        return new NexudusWebhook(action, businessId, record, timeZone);
    }

    /** A Nexudus id: Nexudus sends numbers; a string of one is taken too. */
    String id(String name) {
        JsonNode node = record.get(name);
        if (node != null && node.isIntegralNumber()) {
            return node.asString();
        }
        return Fields.text(record, RECORD, name);
    }

    String text(String name) {
        return Fields.text(record, RECORD, name);
    }

    String optionalText(String name) {
        return Fields.optionalText(record, RECORD, name).orElse(null);
    }

    Instant dateTime(String name) {
        return Fields.dateTime(record, RECORD, name, timeZone.getId());
    }

    /** When the record last changed: {@code UpdatedOn}, else {@code CreatedOn}. */
    Instant changedAt() {
        return Fields.optionalInstant(record, RECORD, "UpdatedOn", timeZone.getId())
                .or(() -> Fields.optionalInstant(record, RECORD, "CreatedOn", timeZone.getId()))
                .orElseThrow(() -> new InvalidJsonException(RECORD + ".UpdatedOn",
                        "missing required field (needed to order changes to the record)"));
    }

    /** When the record was made: {@code CreatedOn}, else when it last changed. */
    Instant createdAt() {
        return Fields.optionalInstant(record, RECORD, "CreatedOn", timeZone.getId()).orElseGet(this::changedAt);
    }

    boolean deletion() {
        return action.endsWith("Delete");
    }

    long entityVersion() {
        return changedAt().toEpochMilli() + (deletion() ? 1 : 0);
    }

    /** The delivery's name: what Nexudus's retry repeats and a new change does not. */
    String deliveryId() {
        return action + ":" + id("Id") + ":" + changedAt().toEpochMilli();
    }

    EventHeader header(String locationId) {
        return EventHeader.newBuilder()
                .setEventId(VendorWebhooks.eventId("nexudus", deliveryId()))
                .setOccurredAt(changedAt())
                .setSource(SOURCE)
                .setEntityVersion(entityVersion())
                .setLocationId(locationId)
                .setCorrelationId("nexudus:" + deliveryId())
                .build();
    }
}
