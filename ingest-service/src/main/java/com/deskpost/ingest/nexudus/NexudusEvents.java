package com.deskpost.ingest.nexudus;

import com.deskpost.events.BookingEvent;
import com.deskpost.events.Member;
import com.deskpost.ingest.vendor.VendorIndex;
import com.deskpost.ingest.web.ApiException;
import com.deskpost.platform.topic.Topic;
import com.deskpost.platform.topic.Topics;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.springframework.http.HttpStatus;

/**
 * Which contract record a Nexudus webhook becomes, by the action its URL names: bookings to facility.bookings
 * ({@link NexudusBookings}), coworkers to facility.members ({@link NexudusCoworkers}), membership invoices and
 * contract cancellations to facility.billing ({@link NexudusBilling}). Everything else is acknowledged with the
 * reason, so Nexudus does not retry it (and does not disable the webhook for failing): check-ins, because
 * facility.access has no payload for presence at a desk (its door events are credentials, after-hours openings and
 * visitors, none of which a Nexudus check-in states); the other invoice and contract actions (updates, refunds,
 * credit notes, activations, renewals that already happened), for which facility.billing has no payload.
 */
final class NexudusEvents {

    static final List<String> CHECK_INS = List.of("CoworkerCheckin", "CoworkerCheckout", "CoworkerCheckinFailed");

    /** What a webhook is to Deskpost. */
    sealed interface Outcome permits Mapped, Ignored {
    }

    record Mapped<V extends SpecificRecord>(Topic<V> topic, V event, String eventId, String deliveryId)
            implements Outcome {
    }

    record Ignored(String reason) implements Outcome {
    }

    private final NexudusProperties properties;
    private final VendorIndex index;
    private final NexudusBookings bookings;
    private final NexudusCoworkers coworkers;
    private final NexudusBilling billing;

    NexudusEvents(NexudusProperties properties, VendorIndex index) {
        this.properties = properties;
        this.index = index;
        this.bookings = new NexudusBookings(properties, index);
        this.coworkers = new NexudusCoworkers(properties, index);
        this.billing = new NexudusBilling(properties, index);
    }

    /** Whether {@code action} is mapped at all: an unmapped one is answered before its body is read. */
    static Ignored unmapped(String action) {
        if (CHECK_INS.contains(action)) {
            return new Ignored(action + ": a check-in is presence, not an access credential or door event, and "
                    + "facility.access has no payload for it; Deskpost mails nobody about it");
        }
        if (action.startsWith("CoworkerInvoice") || action.startsWith("CoworkerContract")) {
            return new Ignored(action + ": facility.billing has no payload for it (mapped: "
                    + String.join(", ", NexudusBilling.ACTIONS) + "); CoworkerInvoiceCreateFirst comes with "
                    + "CoworkerInvoiceCreate, which is mapped, so the first invoice is not mailed twice");
        }
        return new Ignored(action + " is not an action Deskpost maps (mapped: "
                + String.join(", ", NexudusBookings.ACTIONS) + ", " + String.join(", ", NexudusCoworkers.ACTIONS)
                + ", " + String.join(", ", NexudusBilling.ACTIONS) + ")");
    }

    static boolean mapped(String action) {
        return NexudusBookings.ACTIONS.contains(action) || NexudusCoworkers.ACTIONS.contains(action)
                || NexudusBilling.ACTIONS.contains(action);
    }

    Outcome map(NexudusWebhook webhook) {
        if (!mapped(webhook.action())) {
            return unmapped(webhook.action());
        }
        String business = webhook.businessId();
        if (business == null || business.isBlank()) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "nexudus_business_missing", "The webhook URL names no "
                    + "Nexudus business: register it as /api/v1/webhooks/nexudus?action=" + webhook.action()
                    + "&business=<the location's BusinessId>", Map.of("path", "business"));
        }
        String locationId = index.location("nexudus", business, properties.locationId(business));
        if (NexudusBookings.ACTIONS.contains(webhook.action())) {
            BookingEvent booking = bookings.map(webhook, locationId);
            return new Mapped<>(Topics.FACILITY_BOOKINGS, booking, booking.getHeader().getEventId(),
                    webhook.deliveryId());
        }
        if (NexudusBilling.ACTIONS.contains(webhook.action())) {
            return billing.map(webhook, locationId)
                    .<Outcome>map(event -> new Mapped<>(Topics.FACILITY_BILLING, event, event.getHeader().getEventId(),
                            webhook.deliveryId()))
                    .orElseGet(() -> new Ignored(webhook.action() + ": the invoice belongs to no contract (a booking "
                            + "or product charge); Deskpost's billing mail is about memberships"));
        }
        Member member = coworkers.map(webhook, locationId);
        return new Mapped<>(Topics.FACILITY_MEMBERS, member, member.getHeader().getEventId(), webhook.deliveryId());
    }
}
