package com.deskpost.ingest.cobot;

import static com.deskpost.ingest.cobot.CobotResource.ROOT;

import com.deskpost.events.BookedResource;
import com.deskpost.events.BookingCancelled;
import com.deskpost.events.BookingCreated;
import com.deskpost.events.BookingEvent;
import com.deskpost.events.BookingModified;
import com.deskpost.events.ResourceKind;
import com.deskpost.ingest.vendor.Fields;
import java.time.Instant;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * A Cobot booking as a {@link BookingEvent}. Cobot's webhook names the resource, not what happened to it, so the
 * subscription's callback URL may say ({@code ?event=created_booking}, {@code updated_booking}); without it a booking
 * whose {@code updated_at} is its {@code created_at} is a {@link BookingCreated}, another a {@link BookingModified}.
 * A booking with no membership (a guest's, booked without a Cobot account) names no member to mail and maps to nothing;
 * its member is found through the directory ({@link CobotIds}) by the membership's id or email.
 */
final class CobotBookings {

    private final CobotIds ids;

    CobotBookings(CobotIds ids) {
        this.ids = ids;
    }

    /** The booking event, or empty for a booking without a membership. */
    Optional<BookingEvent> map(CobotResource resource, String cobotEvent, Instant now) {
        JsonNode booking = resource.json();
        JsonNode membership = booking.get("membership");
        if (membership == null || membership.isNull()) {
            return Optional.empty();
        }
        String membershipId = CobotJson.optionalString(membership, ROOT + ".membership", "id")
                .orElseGet(() -> Fields.text(membership, ROOT + ".membership", "id"));
        String email = membership.path("email").isString() ? membership.path("email").stringValue() : null;
        JsonNode resourceNode = Fields.object(booking, ROOT, "resource");
        BookedResource booked = BookedResource.newBuilder()
                .setResourceId(CobotJson.optionalString(resourceNode, ROOT + ".resource", "id")
                        .orElseGet(() -> Fields.text(resourceNode, ROOT + ".resource", "id")))
                .setName(Fields.text(resourceNode, ROOT + ".resource", "name"))
                .setKind(kind(resourceNode))
                .build();
        Instant from = CobotJson.instant(booking, ROOT, "from");
        Instant to = CobotJson.instant(booking, ROOT, "to");
        String notes = Fields.optionalText(booking, ROOT, "comments").orElse(null);
        Object payload = created(booking, cobotEvent)
                ? BookingCreated.newBuilder().setResource(booked).setStartsAt(from).setEndsAt(to).setNotes(notes).build()
                : BookingModified.newBuilder().setResource(booked).setStartsAt(from).setEndsAt(to).setNotes(notes)
                        .build();
        if ("deleted_booking".equals(cobotEvent)) {
            payload = BookingCancelled.newBuilder().setReason("Deleted in Cobot").build();
        }
        return Optional.of(BookingEvent.newBuilder()
                .setHeader(resource.header(ids.location(resource.space()), now))
                .setBookingId(ids.properties().bookingIdPrefix() + resource.id())
                .setMemberId(ids.member(membershipId, email))
                .setPayload(payload)
                .build());
    }

    private static boolean created(JsonNode booking, String cobotEvent) {
        if (cobotEvent != null) {
            return "created_booking".equals(cobotEvent);
        }
        Optional<Instant> created = CobotJson.optionalInstant(booking, ROOT, "created_at");
        return created.isPresent() && created.equals(CobotJson.optionalInstant(booking, ROOT, "updated_at"));
    }

    /** Cobot's resources are rooms or desks by name only; a name saying so picks the kind, else OTHER. */
    private static ResourceKind kind(JsonNode resource) {
        String name = resource.path("name").asString("").toLowerCase(java.util.Locale.ROOT);
        if (name.contains("meeting") || name.contains("room")) {
            return ResourceKind.MEETING_ROOM;
        }
        return name.contains("desk") ? ResourceKind.DESK : ResourceKind.OTHER;
    }
}
