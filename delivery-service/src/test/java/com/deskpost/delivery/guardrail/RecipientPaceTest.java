package com.deskpost.delivery.guardrail;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The per-recipient-domain slow-down: what asks for it, how it grows and decays, and that it is per domain. */
class RecipientPaceTest {

    private static final Instant T0 = Instant.parse("2026-12-06T02:00:00Z");

    @Test
    void a421OrA4_7_xReplyAsksToSlowDownAndNothingElseDoes() {
        assertThat(RecipientPace.asksToSlowDown(421, "421 4.7.0 Try again later")).isTrue();
        assertThat(RecipientPace.asksToSlowDown(421, "421 Service not available")).isTrue();
        assertThat(RecipientPace.asksToSlowDown(450, "450 4.7.28 Rate limited, try again later")).isTrue();
        assertThat(RecipientPace.asksToSlowDown(451, "451 4.7.1 Please try again later")).isTrue();
        assertThat(RecipientPace.asksToSlowDown(451, "451 Requested action aborted: local error")).isFalse();
        assertThat(RecipientPace.asksToSlowDown(452, "452 4.2.2 Mailbox full")).isFalse();
        assertThat(RecipientPace.asksToSlowDown(550, "550 5.7.1 Message rejected as spam")).isFalse();
        assertThat(RecipientPace.asksToSlowDown(-1, "Connection refused")).isFalse();
    }

    @Test
    void aSlowedDomainWaitsItsIntervalWhileOtherDomainsDoNot() {
        // Given a domain that answered 421 once
        RecipientPace pace = new RecipientPace(Duration.ofSeconds(5), Duration.ofMinutes(15));
        pace.slowDown("slow.example", T0);

        // Then a mail to it waits out the interval, and mail to any other domain goes at once
        assertThat(pace.take("slow.example", T0.plusSeconds(1))).contains(Duration.ofSeconds(4));
        assertThat(pace.take("fast.example", T0.plusSeconds(1))).isEmpty();
        // and once the interval passed, one mail takes the slot and the next waits a whole interval again
        assertThat(pace.take("slow.example", T0.plusSeconds(5))).isEmpty();
        assertThat(pace.take("slow.example", T0.plusSeconds(6))).contains(Duration.ofSeconds(4));
    }

    @Test
    void theIntervalDoublesOnEachRefusalUpToTheMaxAndHalvesOnEachAcceptedMail() {
        RecipientPace pace = new RecipientPace(Duration.ofSeconds(5), Duration.ofSeconds(30));
        pace.slowDown("slow.example", T0);
        pace.slowDown("slow.example", T0);
        pace.slowDown("slow.example", T0);
        assertThat(pace.interval("slow.example")).isEqualTo(Duration.ofSeconds(20));
        pace.slowDown("slow.example", T0);
        assertThat(pace.interval("slow.example")).isEqualTo(Duration.ofSeconds(30));

        pace.accepted("slow.example");
        assertThat(pace.interval("slow.example")).isEqualTo(Duration.ofSeconds(15));
        pace.accepted("slow.example");
        assertThat(pace.interval("slow.example")).isEqualTo(Duration.ofMillis(7500));
        pace.accepted("slow.example");
        assertThat(pace.interval("slow.example")).isZero();
        assertThat(pace.take("slow.example", T0)).isEmpty();
    }
}
