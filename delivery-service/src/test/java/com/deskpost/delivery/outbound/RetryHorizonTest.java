package com.deskpost.delivery.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class RetryHorizonTest {

    @Test
    void theDefaultScheduleDoublesFromOneSecondToThirtyMinutesAndCoversFourDays() {
        RetryHorizon defaults = new RetryHorizon(Duration.ofDays(4), Duration.ofSeconds(1), 2.0, Duration.ofMinutes(30));

        List<Duration> delays = defaults.delays();

        assertThat(delays.subList(0, 5)).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2),
                Duration.ofSeconds(4), Duration.ofSeconds(8), Duration.ofSeconds(16));
        assertThat(delays).allMatch(delay -> delay.compareTo(Duration.ofMinutes(30)) <= 0);
        assertThat(delays.get(delays.size() - 1)).isEqualTo(Duration.ofMinutes(30));
        Duration total = delays.stream().reduce(Duration.ZERO, Duration::plus);
        // The waits reach the horizon, and no further than one capped wait beyond it.
        assertThat(total).isGreaterThanOrEqualTo(Duration.ofDays(4))
                .isLessThan(Duration.ofDays(4).plus(Duration.ofMinutes(30)));
        // Every distinct wait is a delay topic per lane; the capped ones share one.
        assertThat(delays.stream().distinct().count()).isEqualTo(12);
    }

    @Test
    void attemptsNeverRunOutBeforeTheHorizon() {
        RetryHorizon horizon = new RetryHorizon(Duration.ofDays(4), Duration.ofSeconds(1), 2.0, Duration.ofMinutes(30));

        // the first attempt, one per wait, and one to spare: only the horizon ends the retries
        assertThat(horizon.attempts()).isEqualTo(horizon.delays().size() + 2).isBetween(200, 220);
    }

    @Test
    void aShortHorizonNeedsFewAttemptsAndALongerCapFewerStill() {
        RetryHorizon minutes = new RetryHorizon(Duration.ofMinutes(10), Duration.ofSeconds(1), 2.0, Duration.ofMinutes(5));
        RetryHorizon sameAtOneMinuteCap = new RetryHorizon(Duration.ofMinutes(10), Duration.ofSeconds(1), 2.0,
                Duration.ofMinutes(1));

        // 1+2+...+256 s = 511 s, then 300 s: the waits pass 600 s after 10 of them
        assertThat(minutes.delays()).hasSize(10);
        assertThat(sameAtOneMinuteCap.attempts()).isGreaterThan(minutes.attempts());
    }

    @Test
    void aFixedDelayIsAMultiplierOfOne() {
        RetryHorizon fixed = new RetryHorizon(Duration.ofSeconds(10), Duration.ofSeconds(2), 1.0, Duration.ofSeconds(2));

        assertThat(fixed.delays()).hasSize(5).containsOnly(Duration.ofSeconds(2));
    }

    @Test
    void settingsThatCannotWorkAreRefusedNamingTheSetting() {
        assertThatThrownBy(() -> new RetryHorizon(Duration.ZERO, Duration.ofSeconds(1), 2.0, Duration.ofMinutes(1)))
                .hasMessageContaining("deskpost.delivery.retry.horizon");
        assertThatThrownBy(() -> new RetryHorizon(Duration.ofDays(1), Duration.ofMinutes(5), 2.0, Duration.ofMinutes(1)))
                .hasMessageContaining("initial-delay-ms").hasMessageContaining("max-delay-ms");
        assertThatThrownBy(() -> new RetryHorizon(Duration.ofDays(1), Duration.ofSeconds(1), 0.5, Duration.ofMinutes(1)))
                .hasMessageContaining("multiplier");
    }
}
