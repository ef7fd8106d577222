package com.deskpost.ingest.officernd;

import com.deskpost.ingest.vendor.Fields;
import com.deskpost.ingest.vendor.VendorIndex;
import com.deskpost.events.BillingEvent;
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
 * facility.locations ({@link OfficeRndLocations}), issued invoices and ended memberships to facility.billing
 * ({@link OfficeRndBilling}). Everything else maps to nothing and is acknowledged with the reason, so OfficeRnD does
 * not retry it: companies (Deskpost's directory has no companies, and a company's status is not its members': OfficeRnD
 * sends each member's own change), fees and charges (a fee is a line of the invoice that is mailed; a charge carries
 * no billing period, and the payment processor's own webhook mails the receipt), a removed office, ...
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
    private final OfficeRndBilling billing;

    /** With an empty directory index: OfficeRnD ids become Deskpost ids by configuration alone. */
    OfficeRndEvents(OfficeRndProperties properties) {
        this(properties, new VendorIndex());
    }

    OfficeRndEvents(OfficeRndProperties properties, VendorIndex index) {
        OfficeRndIds ids = new OfficeRndIds(properties, index);
        this.bookings = new OfficeRndBookings(ids);
        this.members = new OfficeRndMembers(ids);
        this.locations = new OfficeRndLocations(properties);
        this.billing = new OfficeRndBilling(ids);
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
        if (OfficeRndBilling.TYPES.contains(type)) {
            OfficeRndBilling.Result result = billing.map(OfficeRndWebhook.of(root));
            if (result.event().isEmpty()) {
                return new Ignored(result.ignoredBecause());
            }
            BillingEvent event = result.event().get();
            return new Mapped<>(Topics.FACILITY_BILLING, event, event.getHeader(), eventId(root));
        }
        if (type.startsWith("company.")) {
            return new Ignored(type + ": Deskpost's directory holds members and locations, not companies; a "
                    + "company's status is not its members' (OfficeRnD sends each member's own member.updated)");
        }
        if (type.startsWith("fee.") || type.startsWith("charge.")) {
            return new Ignored(type + ": a fee or charge becomes a line of an OfficeRnD invoice, which Deskpost mails "
                    + "on invoice.created; a charge carries no billing period, and the payment processor's own "
                    + "webhook (Stripe) mails the receipt");
        }
        return new Ignored(type + " is not an event Deskpost maps (bookings, members, offices, invoices, "
                + "memberships)");
    }

    private static String eventId(JsonNode root) {
        return Fields.text(root, "$", "event");
    }
}
