package com.deskpost.oversight.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The dashboard's settings: their defaults, a source turned off by an empty URL, a bounded history. */
class DashboardPropertiesTest {

    @Test
    void defaultsToDeliveryAtItsOwnPortOnceAMinuteForADay() {
        DashboardProperties defaults = new DashboardProperties(null, null, null, null);

        assertThat(defaults.sources()).containsExactly(
                Map.entry("delivery", URI.create("http://localhost:8085/actuator/prometheus")));
        assertThat(defaults.capacity()).isEqualTo(24 * 60);
        assertThat(defaults.timeout()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void anEmptyUrlTurnsASourceOffAndANonPositiveIntervalIsRefused() {
        DashboardProperties settings = new DashboardProperties(Map.of("delivery", URI.create(""),
                "delivery-2", URI.create("http://delivery-2:8085/actuator/prometheus")), Duration.ofSeconds(30),
                Duration.ofHours(1), null);

        assertThat(settings.sources()).containsOnlyKeys("delivery-2");
        assertThat(settings.capacity()).isEqualTo(120);
        assertThatThrownBy(() -> new DashboardProperties(null, Duration.ZERO, null, null))
                .hasMessageContaining("deskpost.oversight.dashboard.interval");
    }
}
