package com.deskpost.ingest.officernd;

import com.deskpost.ingest.vendor.VendorWebhooks;
import com.deskpost.ingest.vendor.Fields;
import com.deskpost.events.EventHeader;
import com.deskpost.schemas.json.InvalidJsonException;
import java.time.Instant;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * The envelope every OfficeRnD webhook shares, {@code {"event", "eventType", "data": {"object"}, "createdAt"}}, and
 * the header a contract record made from it carries: the event id is a name-based UUID of OfficeRnD's event id, so
 * a redelivered webhook yields the same record (and the same drafts); the entity version is the object's
 * {@code modifiedAt} (else {@code createdAt}), which grows with every change OfficeRnD makes to it.
 */
record OfficeRndWebhook(String eventId, String eventType, JsonNode object, Optional<Instant> sentAt) {

    static final String SOURCE = "officernd-webhook";
    static final String OBJECT = "$.data.object";

    static String eventType(JsonNode root) {
        return Fields.text(root, "$", "eventType");
    }

    static OfficeRndWebhook of(JsonNode root) {
        String type = eventType(root);
        String id = Fields.text(root, "$", "event");
        JsonNode object = Fields.object(Fields.object(root, "$", "data"), "$.data", "object");
        return new OfficeRndWebhook(id, type, object, Fields.optionalInstant(root, "$", "createdAt", null));
    }

    /** When the object last changed: {@code modifiedAt}, else {@code createdAt}, else when the webhook was sent. */
    Instant changedAt() {
        return Fields.optionalInstant(object, OBJECT, "modifiedAt", null)
                .or(() -> Fields.optionalInstant(object, OBJECT, "createdAt", null))
                .or(() -> sentAt)
                .orElseThrow(() -> new InvalidJsonException(OBJECT + ".modifiedAt",
                        "missing required field (needed to order changes to the " + eventType.split("\\.")[0] + ")"));
    }

    /** The version of a removal: the later of the last change and the webhook's time, so it supersedes the change. */
    long removalVersion() {
        long changed = changedAt().toEpochMilli();
        return sentAt.map(at -> Math.max(changed, at.toEpochMilli())).orElse(changed);
    }

    String correlationId() {
        return "officernd:" + eventId;
    }

    EventHeader header(long entityVersion, String locationId) {
        return EventHeader.newBuilder()
                .setEventId(VendorWebhooks.eventId("officernd", eventId))
                .setOccurredAt(sentAt.orElse(changedAt()))
                .setSource(SOURCE)
                .setEntityVersion(entityVersion)
                .setLocationId(locationId)
                .setCorrelationId(correlationId())
                .build();
    }
}
