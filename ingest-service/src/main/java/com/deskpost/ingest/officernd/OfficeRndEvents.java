package com.deskpost.ingest.officernd;

import com.deskpost.ingest.vendor.Fields;
import com.deskpost.events.BookingEvent;
import com.deskpost.events.EventHeader;
import com.deskpost.events.Location;
import com.deskpost.events.Member;
import com.deskpost.platform.topic.Topic;
import com.deskpost.platform.topic.Topics;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * Which contract record an OfficeRnD webhook becomes, by its {@code eventType}: bookings to facility.bookings
 * ({@link OfficeRndBookings}), members to facility.members ({@link OfficeRndMembers}), offices to
 * facility.locations ({@link OfficeRndLocations}). Everything else (companies, memberships, invoices, a removed
 * office...) maps to nothing and is acknowledged, so OfficeRnD does not retry it.
 */
final class OfficeRndEvents {

    private static final Logger log = LoggerFactory.getLogger(OfficeRndEvents.class);

    /** What a webhook is to Deskpost. */
    sealed interface Outcome permits Mapped, Ignored {
    }

    /** A contract record for {@code topic} with its header, made from OfficeRnD's event {@code officeRndEventId}. */
    record Mapped<V extends SpecificRecord>(Topic<V> topic, V event, EventHeader header, String officeRndEventId)
            implements Outcome {
    }

    record Ignored(String reason) implements Outcome {
    }

    private final OfficeRndBookings bookings;
    private final OfficeRndMembers members;
    private final OfficeRndLocations locations;

    OfficeRndEvents(OfficeRndProperties properties) {
        this.bookings = new OfficeRndBookings(properties);
        this.members = new OfficeRndMembers(properties);
        this.locations = new OfficeRndLocations(properties);
    }

    /** @param bookingsOnly the booking webhook's own path: only booking events are mapped there */
    Outcome map(JsonNode root, boolean bookingsOnly) {
        String type = OfficeRndWebhook.eventType(root);
        Optional<BookingEvent> booking = bookings.map(root);
        if (booking.isPresent()) {
            return new Mapped<>(Topics.FACILITY_BOOKINGS, booking.get(), booking.get().getHeader(), eventId(root));
        }
        if (bookingsOnly) {
            return new Ignored(type + " is not a booking.created, booking.updated or booking.removed event; register "
                    + "/api/v1/webhooks/officernd for member and office events");
        }
        if (OfficeRndMembers.TYPES.contains(type)) {
            OfficeRndWebhook webhook = OfficeRndWebhook.of(root);
            Optional<String> lacking = OfficeRndMembers.lackingForRemoval(webhook);
            if (lacking.isPresent()) {
                log.warn("OfficeRnD {} {} carries no {}: the directory keeps the member as last known; mark them "
                        + "former in OfficeRnD (member.updated) to stop member mail", type, eventId(root),
                        lacking.get());
                return new Ignored(type + " carries no " + lacking.get() + ", which a directory entry needs: the "
                        + "directory keeps the member as last known (mark them former in OfficeRnD to stop member "
                        + "mail)");
            }
            Member member = members.map(webhook);
            return new Mapped<>(Topics.FACILITY_MEMBERS, member, member.getHeader(), eventId(root));
        }
        if (OfficeRndLocations.TYPES.contains(type)) {
            Location location = locations.map(OfficeRndWebhook.of(root));
            return new Mapped<>(Topics.FACILITY_LOCATIONS, location, location.getHeader(), eventId(root));
        }
        if (OfficeRndLocations.REMOVALS.contains(type)) {
            return new Ignored(type + ": a removed office stays in the location directory, because mail about its "
                    + "past bookings still needs its address and mailboxes");
        }
        if (type.startsWith("company.")) {
            return new Ignored(type + ": Deskpost's directory holds members and locations, not companies; each "
                    + "member's own webhook carries what Deskpost needs");
        }
        return new Ignored(type + " is not an event Deskpost maps (bookings, members, offices)");
    }

    private static String eventId(JsonNode root) {
        return Fields.text(root, "$", "event");
    }
}
