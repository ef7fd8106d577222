package com.deskpost.ingest.feedback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ReplayGuardTest {

    private static final Instant NOW = Instant.parse("2026-12-06T02:00:00Z");
    private final MutableClock clock = new MutableClock(NOW);
    private final ReplayGuard guard = new ReplayGuard(Duration.ofMinutes(5), 3, clock);

    @Test
    void aFreshCallIsAdmittedOnceAndItsSecondArrivalIsRefused() {
        // Given a call admitted
        guard.admit("mailgun", "token-1", NOW.minusSeconds(30));

        // When the same call arrives again within the window, then it is refused as a replay
        assertThatThrownBy(() -> guard.admit("mailgun", "token-1", NOW.minusSeconds(30)))
                .isInstanceOfSatisfying(WebhookRefused.class,
                        refused -> assertThat(refused.reason()).isEqualTo(WebhookRefused.Reason.REPLAYED));
        // And the same id from another provider is another call
        guard.admit("sendgrid", "token-1", NOW);
    }

    @Test
    void aCallSignedOutsideTheWindowIsRefusedEitherSide() {
        assertThatThrownBy(() -> guard.admit("ses", "m-1", NOW.minusSeconds(301)))
                .isInstanceOfSatisfying(WebhookRefused.class, refused -> {
                    assertThat(refused.reason()).isEqualTo(WebhookRefused.Reason.STALE);
                    assertThat(refused.getMessage()).contains("301 s", "replay-window");
                });
        assertThatThrownBy(() -> guard.admit("ses", "m-2", NOW.plusSeconds(301)))
                .isInstanceOf(WebhookRefused.class);
        guard.admit("ses", "m-3", NOW.minusSeconds(300));
    }

    @Test
    void aCallThatCouldNotBeRecordedMayComeAgain() {
        // Given a call admitted whose publishing failed
        String key = guard.admit("postmark", "Bounce:42", NOW);
        guard.forget(key);

        // When the provider retries it, then it is admitted
        guard.admit("postmark", "Bounce:42", NOW);
        assertThat(guard.size()).isEqualTo(1);
    }

    @Test
    void idsLeaveTheStoreWithTheWindowAndBeyondItsCapacity() {
        guard.admit("mailgun", "a", NOW);
        guard.admit("mailgun", "b", NOW);
        guard.admit("mailgun", "c", NOW);
        guard.admit("mailgun", "d", NOW);
        // The oldest was dropped to keep the bound
        assertThat(guard.size()).isEqualTo(3);
        guard.admit("mailgun", "a", NOW);

        // When the window has passed, the store is emptied of what it held
        clock.now = NOW.plus(Duration.ofMinutes(6));
        guard.admit("mailgun", "e", clock.now);
        assertThat(guard.size()).isEqualTo(1);
    }

    private static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
