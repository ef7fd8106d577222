package com.deskpost.ingest.stripe;

import static com.deskpost.ingest.stripe.StripeJson.instant;
import static com.deskpost.ingest.stripe.StripeJson.object;
import static com.deskpost.ingest.stripe.StripeJson.optionalInstant;
import static com.deskpost.ingest.stripe.StripeJson.text;

import com.deskpost.ingest.vendor.VendorWebhooks;
import com.deskpost.events.BillingEvent;
import com.deskpost.events.EventHeader;
import com.deskpost.events.MembershipCancelled;
import com.deskpost.events.PaymentFailed;
import com.deskpost.events.PaymentSucceeded;
import com.deskpost.events.RenewalUpcoming;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * A Stripe event ({@code {"id": "evt_...", "type", "created", "data": {"object": ...}}}) as a {@link BillingEvent}:
 * {@code invoice.upcoming} is a {@link RenewalUpcoming}, {@code invoice.paid} a {@link PaymentSucceeded},
 * {@code invoice.payment_failed} a {@link PaymentFailed}, {@code customer.subscription.deleted} a
 * {@link MembershipCancelled}. Other types, and invoices that belong to no subscription, map to nothing.
 * {@code invoice.payment_succeeded} is not mapped: Stripe sends it with {@code invoice.paid} for the same payment,
 * and mapping both would mail two receipts.
 *
 * <p>The event id is a name-based UUID of Stripe's event id, so Stripe's retry of an event yields the same drafts
 * even where the in-memory dedup misses it. The entity version is the event's {@code created} (Unix seconds), so a
 * later event about the subscription supersedes an earlier one.
 */
final class StripeBilling {

    static final String SOURCE = "stripe-webhook";
    static final String UPCOMING = "invoice.upcoming";
    static final String PAID = "invoice.paid";
    static final String FAILED = "invoice.payment_failed";
    static final String DELETED = "customer.subscription.deleted";
    static final List<String> MAPPED = List.of(UPCOMING, PAID, FAILED, DELETED);
    private static final String OBJECT = "$.data.object";

    private final StripeProperties properties;

    StripeBilling(StripeProperties properties) {
        this.properties = properties;
    }

    /** What a Stripe event is to Deskpost. */
    sealed interface Outcome {
    }

    /** Mapped: the billing event to produce, and Stripe's event id it came from. */
    record Mapped(String stripeEventId, BillingEvent event) implements Outcome {
    }

    /** Acknowledged and not produced, with why. */
    record Ignored(String reason) implements Outcome {
    }

    Outcome map(JsonNode event) {
        String type = text(event, "$", "type");
        if (!MAPPED.contains(type)) {
            return new Ignored("Stripe event type " + type + " is not mapped; mapped are " + String.join(", ", MAPPED));
        }
        String eventId = text(event, "$", "id");
        Instant created = instant(event, "$", "created");
        JsonNode object = object(object(event, "$", "data"), "$.data", "object");
        if (DELETED.equals(type)) {
            return cancellation(eventId, created, object);
        }
        StripeInvoice invoice = new StripeInvoice(object, properties.timeZone());
        Optional<String> subscription = invoice.subscription();
        if (subscription.isEmpty()) {
            return new Ignored("The invoice belongs to no subscription (a one-off invoice): Deskpost's billing mail is "
                    + "about memberships");
        }
        DeskpostIds.Ids ids = DeskpostIds.of(invoice.metadata(), properties, "subscription " + subscription.get());
        StripeInvoice.Period period = invoice.period();
        Object payload = switch (type) {
            case UPCOMING -> RenewalUpcoming.newBuilder().setPlanName(invoice.planName())
                    .setAmount(invoice.money("amount_due")).setPeriodStart(period.start()).setPeriodEnd(period.end())
                    .build();
            case PAID -> PaymentSucceeded.newBuilder().setPaymentId(invoice.id())
                    .setAmount(invoice.money("amount_paid")).setPaidAt(invoice.paidAt().orElse(created))
                    .setPeriodStart(period.start()).setPeriodEnd(period.end()).build();
            default -> PaymentFailed.newBuilder().setPaymentId(invoice.id())
                    .setAmount(invoice.money("amount_due")).setFailedAt(created)
                    .setFailureReason(invoice.failureReason()).setRetryAt(invoice.nextPaymentAttempt().orElse(null))
                    .setPeriodStart(period.start()).build();
        };
        return new Mapped(eventId, billing(eventId, created, subscription.get(), ids, payload));
    }

    private Outcome cancellation(String eventId, Instant created, JsonNode subscription) {
        String id = text(subscription, OBJECT, "id");
        DeskpostIds.Ids ids = DeskpostIds.of(List.of(new DeskpostIds.Metadata(OBJECT + ".metadata",
                subscription.get("metadata"))), properties, "subscription " + id);
        Instant ended = optionalInstant(subscription, OBJECT, "ended_at")
                .or(() -> optionalInstant(subscription, OBJECT, "canceled_at")).orElse(created);
        JsonNode details = subscription.path("cancellation_details");
        String reason = details.path("comment").isString() && !details.path("comment").stringValue().isBlank()
                ? details.path("comment").stringValue()
                : details.path("reason").isString() ? details.path("reason").stringValue().replace('_', ' ') : null;
        // Ended at the period's end: the last day is the period's; cancelled at once: the day it ended.
        LocalDate lastDay = subscription.path("cancel_at_period_end").asBoolean(false) ? lastDay(ended) : day(ended);
        MembershipCancelled payload = MembershipCancelled.newBuilder().setEffectiveOn(lastDay)
                .setReason(reason).build();
        return new Mapped(eventId, billing(eventId, created, id, ids, payload));
    }

    private BillingEvent billing(String eventId, Instant created, String subscription, DeskpostIds.Ids ids,
            Object payload) {
        EventHeader header = EventHeader.newBuilder()
                .setEventId(eventIdOf(eventId))
                .setOccurredAt(created)
                .setSource(SOURCE)
                .setEntityVersion(created.getEpochSecond())
                .setLocationId(ids.locationId())
                .setCorrelationId("stripe:" + eventId)
                .build();
        return BillingEvent.newBuilder().setHeader(header).setSubscriptionId(subscription)
                .setMemberId(ids.memberId()).setPayload(payload).build();
    }

    /** Deskpost's event id of a Stripe event: the same for every delivery of it, so its drafts are the same. */
    static String eventIdOf(String stripeEventId) {
        return VendorWebhooks.eventId("stripe", stripeEventId);
    }

    private LocalDate day(Instant instant) {
        return StripeInvoice.day(instant, properties.timeZone());
    }

    private LocalDate lastDay(Instant end) {
        return StripeInvoice.lastDay(end, properties.timeZone());
    }
}
