package com.deskpost.ingest.nexudus;

import com.deskpost.events.BookedResource;
import com.deskpost.events.BookingCancelled;
import com.deskpost.events.BookingCreated;
import com.deskpost.events.BookingEvent;
import com.deskpost.events.BookingModified;
import com.deskpost.events.ResourceKind;
import com.deskpost.ingest.vendor.VendorIndex;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * Nexudus's booking webhooks as a {@link BookingEvent}: {@code BookingCreate} is a {@link BookingCreated},
 * {@code BookingUpdate} a {@link BookingModified}, {@code BookingDelete} a {@link BookingCancelled} (Nexudus deletes
 * a cancelled booking). The booking's fields are Nexudus's booking record (developers.nexudus.com, "Get one Booking"):
 * {@code Id}, {@code CoworkerId}, {@code ResourceId}, {@code ResourceName}, {@code ResourceResourceTypeName},
 * {@code FromTime}, {@code ToTime} (UTC), {@code Notes}, {@code UpdatedOn}.
 *
 * <p>The member is the one the directory lists under the coworker's Nexudus id (the coworker webhooks keep that
 * current), else by the coworker's email when the record carries it, else {@code member-id-prefix + CoworkerId}, which
 * the composers hold until the directory knows it. The location is the business the webhook's URL names, as the
 * location directory or {@code location-ids} maps it.
 */
final class NexudusBookings {

    static final List<String> ACTIONS = List.of("BookingCreate", "BookingUpdate", "BookingDelete");

    private final NexudusProperties properties;
    private final VendorIndex index;

    NexudusBookings(NexudusProperties properties, VendorIndex index) {
        this.properties = properties;
        this.index = index;
    }

    BookingEvent map(NexudusWebhook webhook, String locationId) {
        String coworker = webhook.id("CoworkerId");
        String member = index.member("nexudus", coworker, webhook.optionalText("CoworkerEmail"),
                properties.memberIdPrefix());
        return BookingEvent.newBuilder()
                .setHeader(webhook.header(locationId))
                .setBookingId(properties.bookingIdPrefix() + webhook.id("Id"))
                .setMemberId(member)
                .setPayload(payload(webhook))
                .build();
    }

    private static Object payload(NexudusWebhook webhook) {
        if (webhook.deletion()) {
            return BookingCancelled.newBuilder().setReason("Cancelled in Nexudus").build();
        }
        BookedResource resource = resource(webhook);
        Instant startsAt = webhook.dateTime("FromTime");
        Instant endsAt = webhook.dateTime("ToTime");
        String notes = webhook.optionalText("Notes");
        if ("BookingCreate".equals(webhook.action())) {
            return BookingCreated.newBuilder().setResource(resource).setStartsAt(startsAt).setEndsAt(endsAt)
                    .setNotes(notes).build();
        }
        return BookingModified.newBuilder().setResource(resource).setStartsAt(startsAt).setEndsAt(endsAt)
                .setNotes(notes).build();
    }

    private static BookedResource resource(NexudusWebhook webhook) {
        String id = webhook.id("ResourceId");
        String name = webhook.optionalText("ResourceName");
        String type = webhook.optionalText("ResourceResourceTypeName");
        return BookedResource.newBuilder().setResourceId(id).setName(name == null ? id : name)
                .setKind(kind(type == null ? "" : type)).build();
    }

    /** Nexudus resource types are the operator's own names ("Meeting Room", "Hot Desk", "Private Office", ...). */
    static ResourceKind kind(String nexudusType) {
        String type = nexudusType.toLowerCase(Locale.ROOT);
        if (type.contains("meeting") || type.contains("conference") || type.contains("board")) {
            return ResourceKind.MEETING_ROOM;
        }
        if (type.contains("desk")) {
            return ResourceKind.DESK;
        }
        if (type.contains("office")) {
            return ResourceKind.OFFICE;
        }
        return ResourceKind.OTHER;
    }
}
