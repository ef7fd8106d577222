package com.deskpost.ingest.kisi;

import com.deskpost.events.AfterHoursAccess;
import com.deskpost.events.BuildingIncident;
import com.deskpost.events.IncidentSeverity;
import com.deskpost.events.KeycardProvisioned;
import com.deskpost.events.KeycardRevoked;
import com.deskpost.ingest.vendor.AccessOutcome;
import com.deskpost.ingest.vendor.AccessOutcome.Ignored;
import com.deskpost.ingest.vendor.Fields;
import com.deskpost.ingest.vendor.OpeningHours;
import com.deskpost.ingest.vendor.VendorIndex;
import com.deskpost.schemas.json.InvalidJsonException;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * A Kisi event ({@code {"uuid", "type", "actor_*", "object_*", "place_id", "success", "created_at", "references"}},
 * docs.kisi.io "Track unlocks using webhooks" and "Events") as a facility.access event:
 * <ul>
 * <li>a card assigned or activated ({@code card.assign}, {@code card.assign_user}, {@code card.activate},
 * {@code member.assign_card}, {@code member.enable_card}) is a {@link KeycardProvisioned} for the card's holder;
 * <li>a card deassigned, deactivated or disabled is a {@link KeycardRevoked};
 * <li>a successful {@code lock.unlock} by a user outside the place's configured opening hours is an
 * {@link AfterHoursAccess}; within them, or at a place without hours, it is ignored;
 * <li>a door forced open ({@code lock.forced_open}) is a {@link BuildingIncident} of severity INFO for the place;
 * <li>everything else is ignored with the reason.
 * </ul>
 * The holder of a card is the {@code User} among the event's references, else the object when it is a user: never the
 * actor of a card event, who is the admin who assigned it. The header's {@code occurred_at} is Kisi's
 * {@code created_at}, when the access happened, however late Kisi delivers it; it is also the entity version.
 * Kisi's payloads carry no PIN or credential value, so nothing needs sealing.
 */
final class KisiEvents {

    static final String VENDOR = "kisi";
    static final Set<String> PROVISIONED = Set.of("card.assign", "card.assign_user", "card.activate",
            "member.assign_card", "member.assign_backup_card", "member.enable_card", "member.enable_backup_card");
    static final Set<String> REVOKED = Set.of("card.deassign", "card.deassign_user", "card.deassign_with_user",
            "card.deactivate", "member.deassign_card", "member.deassign_backup_card", "member.disable_card",
            "member.disable_backup_card");
    static final String UNLOCK = "lock.unlock";
    static final Set<String> FORCED_OPEN = Set.of("lock.forced_open", "door.forced_open");

    private final KisiProperties properties;
    private final Map<String, OpeningHours> hours;
    private final VendorIndex index;

    KisiEvents(KisiProperties properties, VendorIndex index) {
        this.properties = properties;
        this.hours = properties.hours();
        this.index = index;
    }

    AccessOutcome map(JsonNode event) {
        String type = Fields.text(event, "$", "type");
        boolean provisioned = PROVISIONED.contains(type);
        boolean unlock = UNLOCK.equals(type);
        boolean forced = FORCED_OPEN.contains(type);
        if (!provisioned && !unlock && !forced && !REVOKED.contains(type)) {
            return new Ignored("Kisi event type " + type + " is not mapped (mapped: card and member card assignments, "
                    + "lock.unlock after hours, lock.forced_open)");
        }
        String uuid = Fields.text(event, "$", "uuid");
        Instant happened = Fields.dateTime(event, "$", "created_at", null);
        String place = Fields.numberOrText(event, "$", "place_id");
        if (event.path("success").isBoolean() && !event.path("success").booleanValue()) {
            return new Ignored("Kisi event " + uuid + " (" + type + ") did not succeed: nothing happened to mail about");
        }
        String location = index.location(VENDOR, place, properties.configuredLocation(place).orElse(place));
        if (forced) {
            String door = Fields.optionalText(event, "$", "object_name")
                    .orElse(Fields.numberOrText(event, "$", "object_id"));
            BuildingIncident incident = BuildingIncident.newBuilder().setIncidentId("kisi-" + uuid)
                    .setSeverity(IncidentSeverity.INFO).setSummary("Door forced open: " + door)
                    .setDetails("Kisi reported the door " + door + " forced open at " + happened + ".").build();
            // An incident concerns the place, not a member; the key names the place so its notices stay in order.
            return AccessOutcome.mapped(VENDOR, uuid, happened, location, "kisi-place-" + place, incident);
        }
        if (unlock) {
            return afterHours(event, uuid, type, happened, place, location);
        }
        Optional<Holder> holder = holder(event);
        if (holder.isEmpty()) {
            return new Ignored("Kisi event " + uuid + " (" + type + ") names no user holding the card (no User in "
                    + "$.references, and the object is not a user)");
        }
        String card = card(event).orElseThrow(() -> new InvalidJsonException("$.object_id",
                "a card event must name its card (object_type Card, or a Card in $.references)"));
        String member = index.member(VENDOR, holder.get().id(), holder.get().email(), properties.memberIdPrefix());
        Object payload = provisioned
                ? KeycardProvisioned.newBuilder().setKeycardId(card).setValidFrom(happened).build()
                : KeycardRevoked.newBuilder().setKeycardId(card).setReason("Kisi: " + type).build();
        return AccessOutcome.mapped(VENDOR, uuid, happened, location, member, payload);
    }

    private AccessOutcome afterHours(JsonNode event, String uuid, String type, Instant happened, String place,
            String location) {
        String actorType = Fields.optionalText(event, "$", "actor_type").orElse("");
        if (!"User".equals(actorType)) {
            return new Ignored("Kisi unlock " + uuid + " was not by a user (actor_type " + actorType + ")");
        }
        OpeningHours open = hours.get(place);
        if (open == null) {
            return new Ignored("Kisi place " + place + " has no opening hours (deskpost.ingest.kisi.opening-hours."
                    + place + "), so no unlock there is after hours");
        }
        if (!open.isAfterHours(happened)) {
            return new Ignored("Kisi unlock " + uuid + " at " + happened + " is within opening hours " + open);
        }
        String user = Fields.numberOrText(event, "$", "actor_id");
        String member = index.member(VENDOR, user, Fields.optionalText(event, "$", "actor_email").orElse(null),
                properties.memberIdPrefix());
        String door = Fields.numberOrText(event, "$", "object_id");
        AfterHoursAccess payload = AfterHoursAccess.newBuilder().setDoorId(door)
                .setDoorName(Fields.optionalText(event, "$", "object_name").orElse(door))
                .setAccessedAt(happened).build();
        return AccessOutcome.mapped(VENDOR, uuid, happened, location, member, payload);
    }

    private record Holder(String id, String email) {
    }

    private static Optional<Holder> holder(JsonNode event) {
        JsonNode references = event.path("references");
        for (int i = 0; i < references.size(); i++) {
            JsonNode reference = references.get(i);
            if ("User".equals(reference.path("type").asString(""))) {
                String path = "$.references[" + i + "]";
                return Optional.of(new Holder(Fields.numberOrText(reference, path, "id"),
                        Fields.optionalText(reference, path, "email").orElse(null)));
            }
        }
        if ("User".equals(event.path("object_type").asString(""))) {
            return Optional.of(new Holder(Fields.numberOrText(event, "$", "object_id"), null));
        }
        return Optional.empty();
    }

    private static Optional<String> card(JsonNode event) {
        if ("Card".equals(event.path("object_type").asString(""))) {
            return Optional.of(Fields.numberOrText(event, "$", "object_id"));
        }
        JsonNode references = event.path("references");
        for (int i = 0; i < references.size(); i++) {
            if ("Card".equals(references.get(i).path("type").asString(""))) {
                return Optional.of(Fields.numberOrText(references.get(i), "$.references[" + i + "]", "id"));
            }
        }
        return Optional.empty();
    }
}
