package com.deskpost.ingest.stripe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.deskpost.events.BillingEvent;
import com.deskpost.events.MembershipCancelled;
import com.deskpost.events.PaymentFailed;
import com.deskpost.events.PaymentSucceeded;
import com.deskpost.events.RenewalUpcoming;
import com.deskpost.ingest.web.ApiException;
import com.deskpost.schemas.ContractClasses;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class StripeBillingTest {

    private static final StripeBilling MAPPER = new StripeBilling(properties(""));

    @BeforeAll
    static void trust() {
        ContractClasses.trust();
    }

    @Test
    void paymentFailedCarriesTheInvoiceAmountTheNextAttemptAndTheLinePeriod() {
        BillingEvent event = mapped(StripeFixtures.event("invoice-payment-failed"));

        assertThat(event.getSubscriptionId()).isEqualTo("sub_1QdeskpostAda001");
        assertThat(event.getMemberId()).isEqualTo("M-ADA");
        assertThat(event.getHeader().getLocationId()).isEqualTo("LDN");
        assertThat(event.getHeader().getSource()).isEqualTo("stripe-webhook");
        assertThat(event.getHeader().getEntityVersion()).isEqualTo(1796115600L);
        assertThat(event.getHeader().getOccurredAt()).isEqualTo(Instant.ofEpochSecond(1796115600L));
        assertThat(event.getHeader().getCorrelationId()).isEqualTo("stripe:evt_1QdeskpostFailed0001");
        PaymentFailed failed = (PaymentFailed) event.getPayload();
        assertThat(failed.getPaymentId()).isEqualTo("in_1QdeskpostInv0001");
        assertThat(failed.getAmount().getAmountMinor()).isEqualTo(25000L);
        assertThat(failed.getAmount().getCurrency()).isEqualTo("GBP");
        assertThat(failed.getFailedAt()).isEqualTo(Instant.ofEpochSecond(1796115600L));
        assertThat(failed.getRetryAt()).isEqualTo(Instant.parse("2026-12-04T09:00:00Z"));
        // The line's period (the invoice's own period_start is the month before, billed in arrears)
        assertThat(failed.getPeriodStart()).isEqualTo(LocalDate.of(2026, 12, 1));
        // A webhook's payment_intent is an id, not expanded: the documented fallback
        assertThat(failed.getFailureReason()).isEqualTo(StripeInvoice.UNSTATED_FAILURE);
    }

    @Test
    void theFailureReasonIsTheDeclineCodeElseTheErrorCodeWhenStripeSendsThem() {
        ObjectNode event = StripeFixtures.event("invoice-payment-failed");
        ObjectNode intent = StripeFixtures.object(event).putObject("payment_intent");
        intent.put("id", "pi_1QdeskpostPay0001");
        intent.putObject("last_payment_error").put("code", "card_declined").put("decline_code", "insufficient_funds");
        assertThat(((PaymentFailed) mapped(event).getPayload()).getFailureReason()).isEqualTo("insufficient_funds");

        ((ObjectNode) intent.get("last_payment_error")).remove("decline_code");
        assertThat(((PaymentFailed) mapped(event).getPayload()).getFailureReason()).isEqualTo("card_declined");

        StripeFixtures.object(event).remove("payment_intent");
        StripeFixtures.object(event).putObject("last_finalization_error").put("code", "customer_tax_location_invalid");
        assertThat(((PaymentFailed) mapped(event).getPayload()).getFailureReason())
                .isEqualTo("customer_tax_location_invalid");
    }

    @Test
    void paidInvoiceOfTheCurrentApiIsAPaymentSucceeded() {
        // Given invoice.paid as API 2025-03-31 sends it: the subscription under parent.subscription_details
        BillingEvent event = mapped(StripeFixtures.event("invoice-paid"));

        assertThat(event.getSubscriptionId()).isEqualTo("sub_1QdeskpostAda001");
        assertThat(event.getMemberId()).isEqualTo("M-ADA");
        // The location from the invoice's own metadata, the subscription's naming none
        assertThat(event.getHeader().getLocationId()).isEqualTo("LDN");
        PaymentSucceeded paid = (PaymentSucceeded) event.getPayload();
        assertThat(paid.getPaymentId()).isEqualTo("in_1QdeskpostInv0001");
        assertThat(paid.getAmount().getAmountMinor()).isEqualTo(25000L);
        assertThat(paid.getPaidAt()).isEqualTo(Instant.parse("2026-12-01T09:59:00Z"));
        assertThat(paid.getPeriodStart()).isEqualTo(LocalDate.of(2026, 12, 1));
        assertThat(paid.getPeriodEnd()).isEqualTo(LocalDate.of(2026, 12, 31));
    }

    @Test
    void upcomingInvoiceIsARenewalReminderForThePlan() {
        BillingEvent event = mapped(StripeFixtures.event("invoice-upcoming"));

        RenewalUpcoming renewal = (RenewalUpcoming) event.getPayload();
        assertThat(renewal.getPlanName()).isEqualTo("Hot desk");
        assertThat(renewal.getAmount().getAmountMinor()).isEqualTo(25000L);
        assertThat(renewal.getAmount().getCurrency()).isEqualTo("GBP");
        assertThat(renewal.getPeriodStart()).isEqualTo(LocalDate.of(2026, 12, 1));
        assertThat(renewal.getPeriodEnd()).isEqualTo(LocalDate.of(2026, 12, 31));
        assertThat(event.getHeader().getEntityVersion()).isEqualTo(1795510800L);
    }

    @Test
    void deletedSubscriptionIsAMembershipCancelledOnTheLastDayOfItsPeriod() {
        BillingEvent event = mapped(StripeFixtures.event("customer-subscription-deleted"));

        assertThat(event.getSubscriptionId()).isEqualTo("sub_1QdeskpostAda001");
        assertThat(event.getMemberId()).isEqualTo("M-ADA");
        MembershipCancelled cancelled = (MembershipCancelled) event.getPayload();
        assertThat(cancelled.getEffectiveOn()).isEqualTo(LocalDate.of(2026, 12, 31));
        assertThat(cancelled.getReason()).isEqualTo("cancellation requested");

        // And one cancelled at once ends the day it was cancelled, with the operator's comment as the reason
        ObjectNode now = StripeFixtures.event("customer-subscription-deleted");
        StripeFixtures.object(now).put("cancel_at_period_end", false).put("ended_at", 1797000000L);
        ((ObjectNode) StripeFixtures.object(now).get("cancellation_details")).put("comment", "Moved to Berlin");
        MembershipCancelled immediate = (MembershipCancelled) mapped(now).getPayload();
        assertThat(immediate.getEffectiveOn()).isEqualTo(LocalDate.of(2026, 12, 11));
        assertThat(immediate.getReason()).isEqualTo("Moved to Berlin");
    }

    @Test
    void theSameStripeEventAlwaysHasTheSameDeskpostEventId() {
        String first = mapped(StripeFixtures.event("invoice-payment-failed")).getHeader().getEventId();
        String again = mapped(StripeFixtures.event("invoice-payment-failed")).getHeader().getEventId();

        assertThat(first).isEqualTo(again).isEqualTo(StripeBilling.eventIdOf("evt_1QdeskpostFailed0001"));
        assertThat(UUID.fromString(first).version()).isEqualTo(3);
        assertThat(mapped(StripeFixtures.event("invoice-paid")).getHeader().getEventId()).isNotEqualTo(first);
    }

    @Test
    void withoutAMemberIdTheCallIsRefused422NamingTheMetadataStripeMustCarry() {
        ObjectNode event = StripeFixtures.event("invoice-payment-failed");
        ((ObjectNode) StripeFixtures.object(event).get("subscription_details").get("metadata")).remove(
                "deskpost_member_id");

        ApiException refused = refusal(event, MAPPER);

        assertThat(refused.status()).isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT);
        assertThat(refused.code()).isEqualTo("stripe_metadata_missing");
        assertThat(refused.details()).containsEntry("path",
                "$.data.object.parent.subscription_details.metadata.deskpost_member_id");
        assertThat(refused.details().get("looked_at").toString()).contains(
                "$.data.object.subscription_details.metadata.deskpost_member_id",
                "$.data.object.metadata.deskpost_member_id");
        assertThat(refused.getMessage()).contains("sub_1QdeskpostAda001", "deskpost_member_id");
    }

    @Test
    void aLocationFallsBackToTheConfiguredDefaultElseIsRefused() {
        ObjectNode event = StripeFixtures.event("invoice-payment-failed");
        ((ObjectNode) StripeFixtures.object(event).get("subscription_details").get("metadata")).remove(
                "deskpost_location_id");

        assertThat(refusal(event, MAPPER).details()).containsEntry("path",
                "$.data.object.parent.subscription_details.metadata.deskpost_location_id");
        BillingEvent event2 = ((StripeBilling.Mapped) new StripeBilling(properties("MAN")).map(event)).event();
        assertThat(event2.getHeader().getLocationId()).isEqualTo("MAN");
    }

    @Test
    void otherEventTypesAndOneOffInvoicesAreIgnored() {
        assertThat(MAPPER.map(StripeFixtures.event("customer-created"))).isInstanceOf(StripeBilling.Ignored.class);
        ObjectNode succeeded = StripeFixtures.event("invoice-paid").put("type", "invoice.payment_succeeded");
        assertThat(MAPPER.map(succeeded)).isInstanceOf(StripeBilling.Ignored.class);

        ObjectNode oneOff = StripeFixtures.event("invoice-payment-failed");
        StripeFixtures.object(oneOff).remove("subscription");
        assertThat(MAPPER.map(oneOff)).isInstanceOfSatisfying(StripeBilling.Ignored.class,
                ignored -> assertThat(ignored.reason()).contains("no subscription"));
    }

    @Test
    void aPayloadThatBreaksStripesShapeIsRefused400WithTheFieldPath() {
        ObjectNode event = StripeFixtures.event("invoice-payment-failed");
        StripeFixtures.object(event).put("amount_due", "250.00");
        ApiException refused = refusal(event, MAPPER);
        assertThat(refused.status()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(refused.code()).isEqualTo("invalid_stripe_event");
        assertThat(refused.details()).containsEntry("path", "$.data.object.amount_due");

        ObjectNode noId = StripeFixtures.event("invoice-payment-failed");
        noId.remove("id");
        assertThat(refusal(noId, MAPPER).details()).containsEntry("path", "$.id");

        ObjectNode badCurrency = StripeFixtures.event("invoice-paid");
        StripeFixtures.object(badCurrency).put("currency", "pounds");
        assertThat(refusal(badCurrency, MAPPER).details()).containsEntry("path", "$.data.object.currency");
    }

    private static BillingEvent mapped(JsonNode event) {
        StripeBilling.Outcome outcome = MAPPER.map(event);
        assertThat(outcome).isInstanceOf(StripeBilling.Mapped.class);
        return ((StripeBilling.Mapped) outcome).event();
    }

    private static ApiException refusal(JsonNode event, StripeBilling mapper) {
        ApiException refused = catchThrowableOfType(ApiException.class, () -> mapper.map(event));
        assertThat(refused).as("refused").isNotNull();
        return refused;
    }

    private static StripeProperties properties(String defaultLocation) {
        return new StripeProperties(List.of("whsec_test_0123456789"), null, defaultLocation, "", null, null,
                ZoneId.of("Europe/London"));
    }
}
