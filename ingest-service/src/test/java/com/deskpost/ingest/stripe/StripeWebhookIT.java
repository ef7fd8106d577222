package com.deskpost.ingest.stripe;

import static org.assertj.core.api.Assertions.assertThat;

import com.deskpost.events.BillingEvent;
import com.deskpost.events.PaymentFailed;
import com.deskpost.events.PaymentFailedType;
import com.deskpost.ingest.testdata.IngestCalls;
import com.deskpost.ingest.testdata.IngestUnderTest;
import com.deskpost.platform.serde.AvroSerdes;
import com.deskpost.platform.topic.Topics;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/**
 * Stripe's webhook against a real broker and registry: a signed invoice.payment_failed is one BillingEvent on
 * facility.billing with the mapped fields; a forged, an expired and an unsigned call are refused with JSON; Stripe's
 * retry and a replay of the same event are answered "duplicate"; and none of those produce anything.
 */
class StripeWebhookIT {

    private static final String WEBHOOK = "/api/v1/webhooks/stripe";
    private static final String SECRET = "whsec_test_current_0123456789";
    private static final String ROLLED_SECRET = "whsec_test_previous_0123456789";

    private static IngestUnderTest ingest;
    private static IngestCalls calls;
    private static AvroSerdes serdes;

    @BeforeAll
    static void start() {
        ingest = IngestUnderTest.start(List.of(Topics.FACILITY_BILLING),
                "--deskpost.ingest.stripe.webhook-secrets=" + SECRET + "," + ROLLED_SECRET,
                "--deskpost.ingest.stripe.time-zone=Europe/London");
        calls = ingest.calls();
        serdes = ingest.serdes();
    }

    @AfterAll
    static void stop() {
        ingest.close();
    }

    @Test
    void aSignedFailedPaymentIsOneBillingEventAndItsRetriesAndReplaysAreDuplicates() {
        // Given Stripe's invoice.payment_failed, signed now with the endpoint's secret
        String body = uniqueEvent("invoice-payment-failed");
        String signature = StripeFixtures.sign(SECRET, Instant.now().getEpochSecond(), body);
        Map<TopicPartition, Long> before = ends();
        long total = end();

        // When Stripe posts it
        HttpResponse<String> accepted = post(body, signature);

        // Then it is acknowledged once written, and facility.billing holds one BillingEvent, keyed by subscription
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        assertThat(accepted.body()).contains("\"outcome\":\"published\"", "\"topic\":\"facility.billing\"");
        ConsumerRecord<String, byte[]> record = records(before, 1).get(0);
        assertThat(record.key()).isEqualTo("sub_1QdeskpostAda001");
        BillingEvent event = serdes.deserialize(Topics.FACILITY_BILLING, record.value());
        assertThat(event.getMemberId()).isEqualTo("M-ADA");
        assertThat(event.getHeader().getLocationId()).isEqualTo("LDN");
        assertThat(event.getHeader().getEntityVersion()).isEqualTo(1796115600L);
        PaymentFailed failed = (PaymentFailed) event.getPayload();
        assertThat(failed.getEventType()).isEqualTo(PaymentFailedType.PAYMENT_FAILED);
        assertThat(failed.getPaymentId()).isEqualTo("in_1QdeskpostInv0001");
        assertThat(failed.getAmount().getAmountMinor()).isEqualTo(25000L);
        assertThat(failed.getAmount().getCurrency()).isEqualTo("GBP");
        assertThat(failed.getRetryAt()).isEqualTo(Instant.parse("2026-12-04T09:00:00Z"));
        assertThat(failed.getFailureReason()).isEqualTo("payment_failed");
        long afterValid = end();
        assertThat(afterValid).isEqualTo(total + 1);

        // When Stripe retries the event (signed afresh, with the rolled secret) and someone replays the first call
        HttpResponse<String> retried = post(body, StripeFixtures.sign(ROLLED_SECRET, Instant.now().getEpochSecond(),
                body));
        HttpResponse<String> replayed = post(body, signature);

        // Then both are acknowledged as duplicates naming the same Deskpost event id, and nothing more is produced
        for (HttpResponse<String> duplicate : List.of(retried, replayed)) {
            assertThat(duplicate.statusCode()).as(duplicate.body()).isEqualTo(200);
            assertThat(duplicate.body()).contains("\"outcome\":\"duplicate\"",
                    "\"event_id\":\"" + event.getHeader().getEventId() + "\"");
        }
        assertThat(end()).isEqualTo(afterValid);
    }

    @Test
    void forgedExpiredUnsignedAndUnaddressedCallsAreRefusedAndProduceNothing() {
        // Given the first event published, so the broker demonstrably takes what is valid
        String valid = uniqueEvent("invoice-paid");
        Map<TopicPartition, Long> before = ends();
        HttpResponse<String> accepted = post(valid, StripeFixtures.sign(SECRET, Instant.now().getEpochSecond(), valid));
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        assertThat(records(before, 1)).hasSize(1);
        Map<TopicPartition, Long> afterValidOffsets = ends();
        long afterValid = end();

        // When a forged call, an expired one, an unsigned one and one naming no member arrive
        String body = uniqueEvent("invoice-payment-failed");
        long now = Instant.now().getEpochSecond();
        assertRefused(post(body, StripeFixtures.sign("whsec_attacker_0123456789", now, body)), 401, "unauthorized");
        assertRefused(post(body, StripeFixtures.sign(SECRET, now - 600, body)), 401, "stale_signature");
        assertRefused(post(body, null), 400, "malformed_signature");
        ObjectNode anonymous = StripeFixtures.event("invoice-payment-failed");
        anonymous.put("id", "evt_" + UUID.randomUUID());
        StripeFixtures.object(anonymous).putObject("subscription_details").putObject("metadata");
        String unaddressed = anonymous.toString();
        assertRefused(post(unaddressed, StripeFixtures.sign(SECRET, now, unaddressed)), 422, "stripe_metadata_missing",
                "$.data.object.parent.subscription_details.metadata.deskpost_member_id");
        ObjectNode amountAsText = StripeFixtures.event("invoice-payment-failed");
        amountAsText.put("id", "evt_" + UUID.randomUUID());
        StripeFixtures.object(amountAsText).put("amount_due", "250.00");
        String broken = amountAsText.toString();
        assertRefused(post(broken, StripeFixtures.sign(SECRET, now, broken)), 400, "invalid_stripe_event",
                "$.data.object.amount_due");
        // And an event type Deskpost does not map is acknowledged, so Stripe does not retry it
        String customer = StripeFixtures.text("customer-created");
        HttpResponse<String> ignored = post(customer, StripeFixtures.sign(SECRET, now, customer));
        assertThat(ignored.statusCode()).as(ignored.body()).isEqualTo(200);
        assertThat(ignored.body()).contains("\"outcome\":\"ignored\"");

        // Then nothing more was produced
        assertThat(end()).isEqualTo(afterValid);
        // And the forged, expired and unaddressed event was not remembered: once properly signed it is published
        HttpResponse<String> later = post(body, StripeFixtures.sign(SECRET, Instant.now().getEpochSecond(), body));
        assertThat(later.statusCode()).as(later.body()).isEqualTo(202);
        assertThat(records(afterValidOffsets, 1)).hasSize(1);
    }

    /** A fixture under a fresh Stripe event id, so the tests do not see each other's events as duplicates. */
    private static String uniqueEvent(String fixture) {
        ObjectNode event = StripeFixtures.event(fixture);
        event.put("id", "evt_" + UUID.randomUUID().toString().replace("-", ""));
        return StripeFixtures.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(event);
    }

    private static HttpResponse<String> post(String body, String signature) {
        var request = calls.post(WEBHOOK, body);
        return calls.send(signature == null ? request : request.header("Stripe-Signature", signature));
    }

    private static void assertRefused(HttpResponse<String> response, int status, String... details) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        assertThat(response.body()).contains("\"error\":", "\"message\":").contains(details);
    }

    private static Map<TopicPartition, Long> ends() {
        return ingest.ends(Topics.FACILITY_BILLING);
    }

    private static long end() {
        return ingest.end(Topics.FACILITY_BILLING);
    }

    private static List<ConsumerRecord<String, byte[]>> records(Map<TopicPartition, Long> from, int count) {
        return ingest.records(Topics.FACILITY_BILLING, from, count);
    }
}
