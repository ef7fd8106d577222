package com.deskpost.devstack;

import com.deskpost.events.BillingEvent;
import com.deskpost.events.Member;
import com.deskpost.events.Money;
import com.deskpost.events.PaymentFailed;
import com.deskpost.events.PaymentSucceeded;
import com.deskpost.events.RenewalUpcoming;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;

/**
 * A payment processor's side of the simulation: each member's monthly subscription announces its
 * renewal, then is paid — or, now and then, the card is declined.
 */
final class SimulatedBilling {

    private final Random random;
    private final Map<String, Long> versions = new HashMap<>();
    private final Map<String, LocalDate> periods = new HashMap<>();

    SimulatedBilling(Random random) {
        this.random = random;
    }

    /** The next billing event of this member's subscription: a renewal notice, then its payment outcome. */
    BillingEvent next(Member member) {
        String subscription = "S-" + member.getMemberId();
        long version = versions.merge(subscription, 1L, Long::sum);
        LocalDate start = periods.computeIfAbsent(subscription, s -> LocalDate.now().withDayOfMonth(1).plusMonths(1));
        Money fee = Money.newBuilder().setAmountMinor(29_900).setCurrency(currency(member)).build();
        Object payload;
        if (version % 2 == 1) {
            payload = RenewalUpcoming.newBuilder().setPlanName("Hot desk, monthly").setAmount(fee)
                    .setPeriodStart(start).setPeriodEnd(start.plusMonths(1).minusDays(1)).build();
        } else if (random.nextInt(4) == 0) {
            payload = PaymentFailed.newBuilder().setPaymentId("P-" + subscription + "-" + version).setAmount(fee)
                    .setFailedAt(Instant.now()).setFailureReason("card_declined").setPeriodStart(start).build();
        } else {
            payload = PaymentSucceeded.newBuilder().setPaymentId("P-" + subscription + "-" + version).setAmount(fee)
                    .setPaidAt(Instant.now()).setPeriodStart(start).setPeriodEnd(start.plusMonths(1).minusDays(1))
                    .setMethod("Visa ending 4242").build();
            periods.put(subscription, start.plusMonths(1));
        }
        return BillingEvent.newBuilder()
                .setHeader(SampleFacility.header(member.getLocationIds().get(0), version, Instant.now()))
                .setSubscriptionId(subscription)
                .setMemberId(member.getMemberId())
                .setPayload(payload)
                .build();
    }

    private static String currency(Member member) {
        return switch (member.getLocale()) {
            case "de-DE" -> "EUR";
            case "en-GB" -> "GBP";
            default -> "USD";
        };
    }
}
