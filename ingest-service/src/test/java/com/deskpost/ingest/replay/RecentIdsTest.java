package com.deskpost.ingest.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class RecentIdsTest {

    private static final Instant NOW = Instant.parse("2026-12-06T04:00:00Z");
    private final MovingClock clock = new MovingClock();
    private final RecentIds ids = new RecentIds(Duration.ofHours(72), 2, clock);

    @Test
    void anIdIsAdmittedOnceWithinItsMemoryAndAgainAfterIt() {
        // Given an id admitted
        assertThat(ids.admit("evt_1")).isTrue();

        // When it comes again within the memory, then it is not admitted
        clock.now = NOW.plus(Duration.ofHours(71));
        assertThat(ids.admit("evt_1")).isFalse();

        // And once the memory has passed it is new again
        clock.now = NOW.plus(Duration.ofHours(73));
        assertThat(ids.admit("evt_1")).isTrue();
    }

    @Test
    void aForgottenIdIsNewAndTheOldestLeaveBeyondTheCapacity() {
        assertThat(ids.admit("evt_1")).isTrue();
        ids.forget("evt_1");
        assertThat(ids.admit("evt_1")).isTrue();

        ids.admit("evt_2");
        ids.admit("evt_3");
        assertThat(ids.size()).isEqualTo(2);
        assertThat(ids.admit("evt_1")).as("the oldest was dropped").isTrue();
        assertThat(ids.admit("evt_3")).isFalse();
    }

    private static final class MovingClock extends Clock {
        private Instant now = NOW;

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
