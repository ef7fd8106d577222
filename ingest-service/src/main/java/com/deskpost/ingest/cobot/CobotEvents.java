package com.deskpost.ingest.cobot;

import com.deskpost.events.BillingEvent;
import com.deskpost.events.BookingEvent;
import com.deskpost.events.Member;
import com.deskpost.ingest.vendor.VendorIndex;
import com.deskpost.ingest.vendor.VendorWebhooks.Mapped;
import com.deskpost.platform.topic.Topics;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which contract records a fetched Cobot resource becomes, by the kind its URL names: a membership is a Member on
 * facility.members (and, when cancelled, a MembershipCancelled on facility.billing); a booking a BookingEvent on
 * facility.bookings; an invoice an InvoiceIssued on facility.billing. Any other resource (check-ins, resources,
 * events, ...) maps to nothing: {@link Ignored} with the reason, so the webhook is acknowledged and not retried.
 */
final class CobotEvents {

    /** The resource kinds (URL path segments after /api/) that map to something. */
    static final List<String> KINDS = List.of("memberships", "bookings", "invoices");

    /** What a fetched resource is to Deskpost: records to produce, in order, or why nothing. */
    sealed interface Outcome permits Records, Ignored {
    }

    record Records(List<Mapped<?>> records) implements Outcome {
    }

    record Ignored(String reason) implements Outcome {
    }

    private final CobotMemberships memberships;
    private final CobotBookings bookings;
    private final CobotInvoices invoices;

    CobotEvents(CobotProperties properties, VendorIndex index) {
        CobotIds ids = new CobotIds(properties, index);
        this.memberships = new CobotMemberships(ids);
        this.bookings = new CobotBookings(ids);
        this.invoices = new CobotInvoices(ids);
    }

    /** @param cobotEvent the event the callback URL names ({@code ?event=created_booking}), or null */
    Outcome map(CobotResource resource, String cobotEvent, Instant now) {
        String identity = resource.identity();
        switch (resource.kind()) {
            case "memberships" -> {
                Member member = memberships.member(resource, now);
                List<Mapped<?>> records = new ArrayList<>();
                records.add(new Mapped<>("cobot", identity, Topics.FACILITY_MEMBERS, member,
                        member.getHeader().getEventId()));
                Optional<BillingEvent> cancelled = memberships.cancellation(resource, member, now);
                cancelled.ifPresent(event -> records.add(new Mapped<>("cobot", identity + "#cancellation",
                        Topics.FACILITY_BILLING, event, event.getHeader().getEventId())));
                return new Records(records);
            }
            case "bookings" -> {
                Optional<BookingEvent> booking = bookings.map(resource, cobotEvent, now);
                return booking.<Outcome>map(event -> new Records(List.of(new Mapped<>("cobot", identity,
                        Topics.FACILITY_BOOKINGS, event, event.getHeader().getEventId()))))
                        .orElseGet(() -> new Ignored("Cobot booking " + resource.id() + " has no membership (a "
                                + "guest's booking): it names no member to mail"));
            }
            case "invoices" -> {
                Optional<BillingEvent> invoice = invoices.map(resource, now);
                return invoice.<Outcome>map(event -> new Records(List.of(new Mapped<>("cobot", identity,
                        Topics.FACILITY_BILLING, event, event.getHeader().getEventId()))))
                        .orElseGet(() -> new Ignored("Cobot invoice " + resource.id() + " has no membership: it "
                                + "names no member to mail"));
            }
            default -> {
                return new Ignored("Cobot " + resource.kind() + " are not mapped (memberships, bookings, invoices are); "
                        + "unsubscribe the webhook in Cobot to stop these calls");
            }
        }
    }
}
