package com.deskpost.ingest.vendor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class OpeningHoursTest {

    @Test
    void beforeOpeningAndFromClosingInTheLocationsZoneIsAfterHours() {
        OpeningHours london = OpeningHours.parse("Europe/London 07:00-20:00", "hours");
        // July: London is UTC+1
        assertThat(london.isAfterHours(Instant.parse("2026-07-01T05:59:00Z"))).isTrue();
        assertThat(london.isAfterHours(Instant.parse("2026-07-01T06:00:00Z"))).isFalse();
        assertThat(london.isAfterHours(Instant.parse("2026-07-01T18:59:00Z"))).isFalse();
        assertThat(london.isAfterHours(Instant.parse("2026-07-01T19:00:00Z"))).isTrue();
    }

    @Test
    void hoursAcrossMidnightAndRoundTheClock() {
        OpeningHours night = OpeningHours.parse("UTC 22:00-06:00", "hours");
        assertThat(night.isAfterHours(Instant.parse("2026-07-01T23:00:00Z"))).isFalse();
        assertThat(night.isAfterHours(Instant.parse("2026-07-01T12:00:00Z"))).isTrue();
        assertThat(OpeningHours.parse("UTC 00:00-00:00", "hours").isAfterHours(Instant.now())).isFalse();
    }

    @Test
    void aMalformedSettingNamesItsKey() {
        assertThatThrownBy(() -> OpeningHours.parse("07:00-20:00", "deskpost.ingest.kisi.opening-hours.77"))
                .hasMessageContaining("deskpost.ingest.kisi.opening-hours.77");
        assertThatThrownBy(() -> OpeningHours.parse("Mars/Base 07:00-20:00", "k")).hasMessageContaining("k:");
    }
}
