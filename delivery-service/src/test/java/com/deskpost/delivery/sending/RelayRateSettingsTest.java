package com.deskpost.delivery.sending;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Which bucket a relay's mail counts against, and how big it is when nothing says. */
class RelayRateSettingsTest {

    @Test
    void eachRelayHostAndPortHasABucketOfItsOwnHoweverTheHostIsSpelled() {
        assertThat(SharedRelayRate.key("SMTP.Example.com", 587)).isEqualTo(SharedRelayRate.key("smtp.example.com", 587))
                .isEqualTo("smtp.example.com:587");
        assertThat(SharedRelayRate.key("smtp.example.com", 465)).isNotEqualTo(SharedRelayRate.key("smtp.example.com", 587));
        assertThat(SharedRelayRate.key("smtp.other.example", 587)).isNotEqualTo(SharedRelayRate.key("smtp.example.com", 587));
        assertThat(SharedRelayRate.key(null, -1)).isEqualTo("localhost");
    }

    @Test
    void theBurstIsOneSecondOfTheRateUnlessSet() {
        assertThat(settings(40, null).rateBurst()).isEqualTo(40);
        assertThat(settings(null, null).rateBurst()).isEqualTo(100);
        assertThat(settings(40, 1).rateBurst()).isEqualTo(1);
    }

    @Test
    void permitsTakenAheadAreATwentiethOfTheRateFromOneToThirtyTwoUnlessSet() {
        assertThat(settings(10, null).rateAhead()).isEqualTo(1);
        assertThat(settings(null, null).rateAhead()).isEqualTo(5);
        assertThat(settings(100_000, null).rateAhead()).isEqualTo(32);
        assertThat(new DeliveryProperties(100, null, null, "test-secret", true, null, null, null, 1).rateAhead())
                .isEqualTo(1);
        assertThatThrownBy(() -> new DeliveryProperties(100, null, null, "test-secret", true, null, null, null, 0))
                .hasMessageContaining("rate-ahead");
    }

    @Test
    void aRateOrBurstBelowOneIsRefusedAtStart() {
        assertThatThrownBy(() -> settings(0, null)).hasMessageContaining("rate-per-second");
        assertThatThrownBy(() -> settings(10, 0)).hasMessageContaining("rate-burst");
    }

    private static DeliveryProperties settings(Integer rate, Integer burst) {
        return new DeliveryProperties(rate, null, null, "test-secret", true, null, null, burst, null);
    }
}
