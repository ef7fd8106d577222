package com.deskpost.reliability.outage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class OutageSettingsTest {

    @Test
    void withoutPropertiesTheOutagesLastAsLongAsTheIssueSays() {
        OutageSettings settings = OutageSettings.from(new Properties());

        assertThat(settings.postgres()).isEqualTo(Duration.ofMinutes(2));
        assertThat(settings.registry()).isEqualTo(Duration.ofMinutes(2));
        assertThat(settings.broker()).isEqualTo(Duration.ofMinutes(1));
        assertThat(settings.relay()).isEqualTo(Duration.ofMinutes(10));
        assertThat(settings.lengths()).isEqualTo("postgres=2m,registry=2m,broker=1m,relay=10m");
    }

    @Test
    void aShortVariantIsChosenWithSystemPropertiesInSecondsOrIso8601() {
        Properties properties = new Properties();
        properties.setProperty("reliability.outage.postgres", "20s");
        properties.setProperty("reliability.outage.registry", "PT15S");
        properties.setProperty("reliability.outage.relay", " 90s ");
        properties.setProperty("reliability.outage.rate", "5");

        OutageSettings settings = OutageSettings.from(properties);

        assertThat(settings.postgres()).isEqualTo(Duration.ofSeconds(20));
        assertThat(settings.registry()).isEqualTo(Duration.ofSeconds(15));
        assertThat(settings.broker()).isEqualTo(Duration.ofMinutes(1));
        assertThat(settings.eventsPerSecond()).isEqualTo(5.0);
        assertThat(settings.lengths()).isEqualTo("postgres=20s,registry=15s,broker=1m,relay=90s");
    }

    @Test
    void aLengthThatIsNoDurationIsRefusedNamingTheProperty() {
        Properties properties = new Properties();
        properties.setProperty("reliability.outage.broker", "a minute");

        assertThatThrownBy(() -> OutageSettings.from(properties))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("reliability.outage.broker");
    }
}
