package com.deskpost.devstack;

import static com.deskpost.devstack.StackQueries.auditTypes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.deskpost.events.BillingEvent;
import com.deskpost.events.Location;
import com.deskpost.events.Member;
import com.deskpost.events.Money;
import com.deskpost.events.PaymentFailed;
import com.deskpost.events.PaymentSucceeded;
import com.deskpost.events.RenewalUpcoming;
import com.deskpost.platform.id.DraftIds;
import com.deskpost.platform.topic.Topics;
import com.deskpost.testsupport.Postgres;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Billing mail through the whole stack (billing composer, oversight, delivery, a real SMTP
 * server): a reminder whose cycle is paid before it is sent is never delivered, and a failed
 * payment after a reminder is always delivered.
 */
class BillingEndToEndIT {

    private static final Location LONDON = SampleFacility.location("LDN-B", "Deskpost Test Billing", "London",
            "GB", "Europe/London", "UK");
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final LocalDate MAY = LocalDate.parse("2026-05-01");

    private static LocalStack stack;
    private static FacilityPublisher publisher;

    @BeforeAll
    static void startStack() {
        stack = LocalStack.infrastructure(LocalStack.Ports.RANDOM, Postgres.shared());
        publisher = new FacilityPublisher(stack.bootstrapServers(), stack.registryUrl());
        publisher.publish(Topics.FACILITY_LOCATIONS, LONDON.getLocationId(), LONDON);
        for (String id : List.of("M-PAYS", "M-FAILS")) {
            publisher.publish(Topics.FACILITY_MEMBERS, id, member(id));
        }
        stack.startServices();
    }

    @AfterAll
    static void stopStack() {
        publisher.close();
        stack.close();
    }

    @Test
    void aReminderWhoseCycleIsPaidBeforeItIsSentIsNeverDelivered() throws Exception {
        // The reminder's only way out is SMTP. With the relay down it cannot leave before the payment is
        // known, whatever the relative speed of the two paths (composer → oversight → delivery for the
        // reminder, composer → mail.entity-versions → delivery's global table for the payment): delivery
        // retries it with backoff and judges freshness again on every attempt. So the test is deterministic.
        String email = "m-pays@members.example";
        BillingEvent renewal = billing("SUB-PAYS", "M-PAYS", 1, RenewalUpcoming.newBuilder().setPlanName("Fixed desk")
                .setAmount(pounds(25000)).setPeriodStart(MAY).setPeriodEnd(MAY.plusMonths(1).minusDays(1)).build());
        BillingEvent payment = billing("SUB-PAYS", "M-PAYS", 2, PaymentSucceeded.newBuilder().setPaymentId("PAY-1")
                .setAmount(pounds(25000)).setPaidAt(Instant.now()).setPeriodStart(MAY)
                .setPeriodEnd(MAY.plusMonths(1).minusDays(1)).setMethod("Visa ending 4242").build());
        String reminderId = DraftIds.draftId(renewal.getHeader().getEventId(), "billing-renewal-reminder", email);
        String receiptId = DraftIds.draftId(payment.getHeader().getEventId(), "billing-receipt", email);

        stack.smtp().stop();
        try {
            // Given a renewal reminder released for delivery
            publisher.publish(Topics.FACILITY_BILLING, "SUB-PAYS", renewal);
            await().atMost(WAIT).until(() -> auditTypes(stack, reminderId).contains("RELEASED"));

            // When the renewal is paid before the reminder was sent
            publisher.publish(Topics.FACILITY_BILLING, "SUB-PAYS", payment);

            // Then delivery drops the stale reminder
            await().atMost(WAIT).until(() -> auditTypes(stack, reminderId).contains("SUPERSEDED"));
        } finally {
            stack.smtp().restart();
        }

        // And the member receives the receipt, and never the reminder
        await().atMost(WAIT).until(() -> auditTypes(stack, receiptId).contains("SENT"));
        assertThat(subjectsTo(email)).singleElement().asString().startsWith("Payment received: £250.00");
        assertThat(auditTypes(stack, reminderId)).contains("DRAFTED", "RELEASED", "SUPERSEDED").doesNotContain("SENT",
                "COPY_SENT");
    }

    @Test
    void aFailedPaymentAfterAReminderIsDelivered() throws Exception {
        String email = "m-fails@members.example";
        // Given a renewal reminder the member received
        BillingEvent renewal = billing("SUB-FAILS", "M-FAILS", 1, RenewalUpcoming.newBuilder().setPlanName("Hot desk")
                .setAmount(pounds(12900)).setPeriodStart(MAY).setPeriodEnd(MAY.plusMonths(1).minusDays(1)).build());
        publisher.publish(Topics.FACILITY_BILLING, "SUB-FAILS", renewal);
        await().atMost(WAIT).until(() -> subjectsTo(email).size() == 1);

        // When the renewal payment fails
        BillingEvent failure = billing("SUB-FAILS", "M-FAILS", 2, PaymentFailed.newBuilder().setPaymentId("PAY-2")
                .setAmount(pounds(12900)).setFailedAt(Instant.now()).setFailureReason("card_declined")
                .setPeriodStart(MAY).build());
        publisher.publish(Topics.FACILITY_BILLING, "SUB-FAILS", failure);

        // Then the member receives the alert as well, and its trail is complete
        await().atMost(WAIT).until(() -> subjectsTo(email).size() == 2);
        assertThat(subjectsTo(email)).satisfiesExactly(
                reminder -> assertThat(reminder).startsWith("Your Hot desk membership renews on 1 May 2026"),
                alert -> assertThat(alert).startsWith("Action needed: your payment of £129.00 failed"));
        String alertId = DraftIds.draftId(failure.getHeader().getEventId(), "billing-payment-failed", email);
        await().atMost(WAIT).until(() -> auditTypes(stack, alertId).containsAll(List.of("DRAFTED", "RELEASED", "SENT")));
    }

    private static BillingEvent billing(String subscription, String memberId, long version, Object payload) {
        return BillingEvent.newBuilder()
                .setHeader(SampleFacility.header(LONDON.getLocationId(), version, Instant.now()))
                .setSubscriptionId(subscription)
                .setMemberId(memberId)
                .setPayload(payload)
                .build();
    }

    private static Money pounds(long pence) {
        return Money.newBuilder().setAmountMinor(pence).setCurrency("GBP").build();
    }

    private static Member member(String id) {
        return SampleFacility.member(id, "Member " + id, id.toLowerCase() + "@members.example", "en-GB",
                LONDON.getLocationId());
    }

    private static List<String> subjectsTo(String address) {
        return stack.smtp().messagesTo(address).stream().map(StackQueries::subject).toList();
    }

}
