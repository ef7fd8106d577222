package com.deskpost.ingest.officernd;

import com.deskpost.ingest.vendor.Fields;
import com.deskpost.events.BookedResource;
import com.deskpost.events.BookingCancelled;
import com.deskpost.events.BookingCreated;
import com.deskpost.events.BookingEvent;
import com.deskpost.events.BookingModified;
import com.deskpost.events.ResourceKind;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * OfficeRnD's booking webhook ({@code {"event", "eventType", "data": {"object": <booking>},
 * "createdAt"}}) as a {@link BookingEvent}: {@code booking.created} is a {@link BookingCreated};
 * {@code booking.updated} a {@link BookingModified}, or a {@link BookingCancelled} once the booking
 * is {@code canceled}; {@code booking.removed} a {@link BookingCancelled}. Any other event type is
 * not a booking event and maps to nothing.
 *
 * <p>The event id is a name-based UUID of OfficeRnD's event id, so a redelivered webhook yields the
 * same drafts. The entity version is the booking's {@code modifiedAt} in epoch milliseconds, which
 * grows with every change; a removal counts from the webhook's own time when that is later, so
 * it supersedes the last change. The member and office are Deskpost's as the directory knows them ({@link OfficeRndIds}).
 */
final class OfficeRndBookings {

    private static final String OBJECT = OfficeRndWebhook.OBJECT;

    private final OfficeRndIds ids;

    OfficeRndBookings(OfficeRndIds ids) {
        this.ids = ids;
    }

    /** The booking event the webhook describes, or empty for a webhook that is not about a booking. */
    Optional<BookingEvent> map(JsonNode root) {
        String eventType = OfficeRndWebhook.eventType(root);
        if (!List.of("booking.created", "booking.updated", "booking.removed").contains(eventType)) {
            return Optional.empty();
        }
        OfficeRndWebhook webhook = OfficeRndWebhook.of(root);
        JsonNode booking = webhook.object();
        boolean cancelled = "booking.removed".equals(eventType) || booking.path("canceled").asBoolean(false);
        long version = cancelled ? webhook.removalVersion() : webhook.changedAt().toEpochMilli();
        String office = Fields.id(booking, OBJECT, "office");
        return Optional.of(BookingEvent.newBuilder()
                .setHeader(webhook.header(version, ids.location(office)))
                .setBookingId(ids.properties().bookingIdPrefix() + Fields.text(booking, OBJECT, "_id"))
                .setMemberId(ids.member(Fields.id(booking, OBJECT, "member"), email(booking.path("member"))))
                .setPayload(cancelled ? cancellation(eventType) : booking(eventType, booking))
                .build());
    }

    /** An expanded member reference carries the email, which finds a member imported under other ids. */
    private static String email(JsonNode member) {
        return member.path("email").isString() ? member.path("email").stringValue() : null;
    }

    private static Object booking(String eventType, JsonNode booking) {
        String timezone = booking.path("timezone").isString() ? booking.path("timezone").stringValue() : null;
        JsonNode start = Fields.object(booking, OBJECT, "start");
        JsonNode end = Fields.object(booking, OBJECT, "end");
        Instant startsAt = Fields.dateTime(start, OBJECT + ".start", "dateTime", timezone);
        Instant endsAt = Fields.dateTime(end, OBJECT + ".end", "dateTime", timezone);
        BookedResource resource = resource(booking);
        String notes = booking.path("description").isString() ? booking.path("description").stringValue() : null;
        if ("booking.created".equals(eventType)) {
            return BookingCreated.newBuilder().setResource(resource).setStartsAt(startsAt).setEndsAt(endsAt)
                    .setNotes(notes).build();
        }
        return BookingModified.newBuilder().setResource(resource).setStartsAt(startsAt).setEndsAt(endsAt)
                .setNotes(notes).build();
    }

    private static BookingCancelled cancellation(String eventType) {
        return BookingCancelled.newBuilder()
                .setReason("booking.removed".equals(eventType) ? "Removed in OfficeRnD" : "Cancelled in OfficeRnD")
                .build();
    }

    /** The webhook carries the resource's id; its name and type when OfficeRnD expanded it, else the booking's title. */
    private static BookedResource resource(JsonNode booking) {
        String resourceId = Fields.id(booking, OBJECT, "resourceId");
        JsonNode expanded = booking.path("resourceId");
        String name = expanded.path("name").isString() ? expanded.path("name").stringValue()
                : booking.path("summary").isString() ? booking.path("summary").stringValue() : resourceId;
        return BookedResource.newBuilder().setResourceId(resourceId).setName(name)
                .setKind(kind(expanded.path("type").isString() ? expanded.path("type").stringValue() : "")).build();
    }

    /** OfficeRnD resource types (meeting_room, hotdesk, dedicated_desk, team_room, ...) onto the contract's kinds. */
    static ResourceKind kind(String officeRndType) {
        String type = officeRndType.toLowerCase(java.util.Locale.ROOT);
        if (type.contains("meeting")) {
            return ResourceKind.MEETING_ROOM;
        }
        if (type.contains("desk")) {
            return ResourceKind.DESK;
        }
        if (type.contains("office") || type.contains("team_room")) {
            return ResourceKind.OFFICE;
        }
        return ResourceKind.OTHER;
    }
}
