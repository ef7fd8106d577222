package com.deskpost.oversight.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {

    private final MovableClock clock = new MovableClock(Instant.parse("2026-12-04T09:00:00Z"));
    private final LoginThrottle throttle = new LoginThrottle(new LoginThrottleProperties(5, Duration.ofMinutes(15), 1000),
            clock);

    @Test
    void fiveFailuresRefuseTheAccountFromAnyAddressAndTheAddressForAnyAccount() {
        // Given five failed sign-ins as ops from one address, a minute apart
        for (int n = 0; n < 5; n++) {
            assertThat(throttle.refusal("ops", "10.0.0.1")).as("attempt " + (n + 1)).isEmpty();
            throttle.failed("ops", "10.0.0.1");
            clock.advance(Duration.ofMinutes(1));
        }

        // Then the account is refused from another address, and the address for another account,
        // for a window after the last failure
        assertThat(throttle.refusal("OPS", "10.0.0.2")).contains(Duration.ofMinutes(14));
        assertThat(throttle.refusal("someone-else", "10.0.0.1")).contains(Duration.ofMinutes(14));
        assertThat(throttle.refusal("someone-else", "10.0.0.2")).isEmpty();
    }

    @Test
    void onceTheWindowHasPassedAttemptsAreAllowedAgain() {
        for (int n = 0; n < 5; n++) {
            throttle.failed("ops", "10.0.0.1");
        }
        assertThat(throttle.refusal("ops", "10.0.0.1")).isPresent();

        clock.advance(Duration.ofMinutes(15).plusSeconds(1));

        assertThat(throttle.refusal("ops", "10.0.0.1")).isEmpty();
    }

    @Test
    void aSuccessClearsTheAccountsCountButNotTheAddresses() {
        // Given four failures, a success, then four more failures of the account from two addresses
        for (int n = 0; n < 4; n++) {
            throttle.failed("ops", "10.0.0.1");
        }
        throttle.succeeded("ops");
        for (int n = 0; n < 4; n++) {
            throttle.failed("ops", "10.0.0.2");
        }

        // Then the account is not refused (four since the success), and the first address counts on
        assertThat(throttle.refusal("ops", "10.0.0.3")).isEmpty();
        throttle.failed("other", "10.0.0.1");
        assertThat(throttle.refusal("other-again", "10.0.0.1")).isPresent();
    }

    @Test
    void failuresOlderThanTheWindowDoNotAddUp() {
        for (int n = 0; n < 4; n++) {
            throttle.failed("ops", "10.0.0.1");
        }
        clock.advance(Duration.ofMinutes(16));

        throttle.failed("ops", "10.0.0.1");

        assertThat(throttle.refusal("ops", "10.0.0.1")).isEmpty();
    }

    /** A clock the test moves; the throttle's tables expire by it too. */
    private static final class MovableClock extends Clock {

        private Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
