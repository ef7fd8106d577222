package com.deskpost.oversight.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class OpsTimeLeftTest {

    private static final Instant NOW = Instant.parse("2026-03-03T09:00:00Z");

    @Test
    void farFromExpiryShowsDaysAndHours() {
        assertThat(left(Duration.ofDays(3).plusHours(5).plusMinutes(12))).isEqualTo("3 days 5 h");
    }

    @Test
    void withinTwoDaysShowsHoursAndMinutes() {
        assertThat(left(Duration.ofHours(23).plusMinutes(59).plusSeconds(30))).isEqualTo("23 h 59 min");
        assertThat(left(Duration.ofHours(47))).isEqualTo("47 h 0 min");
    }

    @Test
    void theLastHourIsShownToTheMinuteAndIsUrgent() {
        assertThat(left(Duration.ofMinutes(42))).isEqualTo("42 min");
        assertThat(TimeLeft.urgent(NOW, NOW.plus(Duration.ofMinutes(59)))).isTrue();
        assertThat(TimeLeft.urgent(NOW, NOW.plus(Duration.ofMinutes(60)))).isFalse();
    }

    @Test
    void theLastMinuteAndAfterAreSaidInWords() {
        assertThat(left(Duration.ofSeconds(30))).isEqualTo("under a minute");
        assertThat(left(Duration.ZERO)).isEqualTo("expired");
        assertThat(left(Duration.ofMinutes(-5))).isEqualTo("expired");
    }

    private static String left(Duration duration) {
        return TimeLeft.until(NOW, NOW.plus(duration));
    }
}
