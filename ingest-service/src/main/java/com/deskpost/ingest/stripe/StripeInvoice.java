package com.deskpost.ingest.stripe;

import static com.deskpost.ingest.stripe.StripeJson.amount;
import static com.deskpost.ingest.stripe.StripeJson.currency;
import static com.deskpost.ingest.stripe.StripeJson.instant;
import static com.deskpost.ingest.stripe.StripeJson.optionalId;
import static com.deskpost.ingest.stripe.StripeJson.optionalInstant;
import static com.deskpost.ingest.stripe.StripeJson.text;

import com.deskpost.events.Money;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * What Deskpost reads from a Stripe invoice ({@code data.object} of an {@code invoice.*} event), in both of Stripe's
 * layouts: since API version 2025-03-31 the subscription and its metadata sit under
 * {@code parent.subscription_details}, before that on the invoice as {@code subscription} and
 * {@code subscription_details}.
 */
record StripeInvoice(JsonNode node, ZoneId zone) {

    static final String PATH = "$.data.object";
    /** PaymentFailed.failure_reason when the payload names no error (a webhook's payment intent is not expanded). */
    static final String UNSTATED_FAILURE = "payment_failed";

    /** A billing period as the contract has it: first and last day. */
    record Period(LocalDate start, LocalDate end) {
    }

    String id() {
        return text(node, PATH, "id");
    }

    Optional<String> subscription() {
        JsonNode details = node.path("parent").path("subscription_details");
        if (details.isObject()) {
            Optional<String> id = optionalId(details, PATH + ".parent.subscription_details", "subscription");
            if (id.isPresent()) {
                return id;
            }
        }
        return optionalId(node, PATH, "subscription");
    }

    /** Where the operator's metadata may be, in the order it is read: the subscription's copy, the invoice's own. */
    List<DeskpostIds.Metadata> metadata() {
        return List.of(
                new DeskpostIds.Metadata(PATH + ".parent.subscription_details.metadata",
                        node.path("parent").path("subscription_details").get("metadata")),
                new DeskpostIds.Metadata(PATH + ".subscription_details.metadata",
                        node.path("subscription_details").get("metadata")),
                new DeskpostIds.Metadata(PATH + ".metadata", node.get("metadata")),
                new DeskpostIds.Metadata(PATH + ".subscription.metadata", node.path("subscription").get("metadata")));
    }

    Money money(String field) {
        return Money.newBuilder().setAmountMinor(amount(node, PATH, field)).setCurrency(currency(node, PATH)).build();
    }

    Optional<Instant> paidAt() {
        return optionalInstant(node.path("status_transitions"), PATH + ".status_transitions", "paid_at");
    }

    Optional<Instant> nextPaymentAttempt() {
        return optionalInstant(node, PATH, "next_payment_attempt");
    }

    /**
     * The period billed: the first invoice line's (the invoice's own {@code period_start}/{@code period_end} of a
     * subscription invoice are the period before, billed in arrears), else the invoice's.
     */
    Period period() {
        JsonNode lines = node.path("lines").path("data");
        for (int i = 0; i < lines.size(); i++) {
            JsonNode period = lines.get(i).get("period");
            if (period != null && period.isObject()) {
                String path = PATH + ".lines.data[" + i + "].period";
                return new Period(day(instant(period, path, "start"), zone), lastDay(instant(period, path, "end"), zone));
            }
        }
        return new Period(day(instant(node, PATH, "period_start"), zone),
                lastDay(instant(node, PATH, "period_end"), zone));
    }

    /** The price's nickname on the first line, else the line's description Stripe writes ("1 × Hot desk ..."). */
    String planName() {
        JsonNode line = node.path("lines").path("data").path(0);
        return List.of(line.path("price").path("nickname"), line.path("plan").path("nickname"),
                        line.path("description"), node.path("description")).stream()
                .filter(text -> text.isString() && !text.stringValue().isBlank())
                .map(JsonNode::stringValue).findFirst().orElse("Membership");
    }

    /**
     * The card issuer's decline code, else Stripe's error code, of the expanded payment intent's
     * {@code last_payment_error}, else of the invoice's {@code last_finalization_error}; else
     * {@value #UNSTATED_FAILURE}.
     */
    String failureReason() {
        for (JsonNode error : List.of(node.path("payment_intent").path("last_payment_error"),
                node.path("last_finalization_error"))) {
            for (String field : List.of("decline_code", "code")) {
                if (error.path(field).isString() && !error.path(field).stringValue().isBlank()) {
                    return error.path(field).stringValue().toLowerCase(Locale.ROOT);
                }
            }
        }
        return UNSTATED_FAILURE;
    }

    static LocalDate day(Instant instant, ZoneId zone) {
        return instant.atZone(zone).toLocalDate();
    }

    /**
     * The last day of a period Stripe ends at {@code end}, the instant the next one starts: the day before, so
     * periods anchored at any time of day read "1 December to 31 December" and the next starts on 1 January.
     */
    static LocalDate lastDay(Instant end, ZoneId zone) {
        return day(end, zone).minusDays(1);
    }
}
