package com.deskpost.platform.consent;

import static org.assertj.core.api.Assertions.assertThat;

import com.deskpost.events.EmailCategory;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The consent rule, per jurisdiction and category, as composers and delivery both apply it. */
class ConsentGateTest {

    @Test
    void commercialMailInTheEuAndUkNeedsExplicitOptIn() {
        assertThat(ConsentGate.suppressedBy(EmailCategory.COMMERCIAL, "EU", Set.of())).get().asString()
                .contains("opt-in");
        assertThat(ConsentGate.suppressedBy(EmailCategory.COMMERCIAL, "uk", Set.of())).isPresent();
        assertThat(ConsentGate.suppressedBy(EmailCategory.COMMERCIAL, "EU", Set.of(ConsentTag.OPT_IN))).isEmpty();
    }

    @Test
    void californiaHonoursTheCcpaOptOutAndTheRestOfTheUsNeedsNoOptIn() {
        assertThat(ConsentGate.suppressedBy(EmailCategory.COMMERCIAL, "US-CA", Set.of(ConsentTag.CCPA_OPT_OUT)))
                .isPresent();
        assertThat(ConsentGate.suppressedBy(EmailCategory.COMMERCIAL, "US-CA", Set.of())).isEmpty();
        assertThat(ConsentGate.suppressedBy(EmailCategory.COMMERCIAL, "US", Set.of())).isEmpty();
        // A CCPA opt-out says nothing about New York
        assertThat(ConsentGate.suppressedBy(EmailCategory.COMMERCIAL, "US", Set.of(ConsentTag.CCPA_OPT_OUT))).isEmpty();
    }

    @Test
    void anUnsubscribeStopsCommercialMailEverywhereEvenWithAnOptIn() {
        for (String region : new String[] {"EU", "UK", "US-CA", "US"}) {
            assertThat(ConsentGate.suppressedBy(EmailCategory.COMMERCIAL, region,
                    Set.of(ConsentTag.UNSUBSCRIBED, ConsentTag.OPT_IN))).isPresent();
        }
    }

    @Test
    void transactionalMailNeedsNoOptInButErasedAndBouncedAddressesGetNothing() {
        assertThat(ConsentGate.suppressedBy(EmailCategory.TRANSACTIONAL, "EU", Set.of(ConsentTag.UNSUBSCRIBED)))
                .isEmpty();
        assertThat(ConsentGate.suppressedBy(EmailCategory.SECURITY, "EU", Set.of(ConsentTag.ERASED))).isPresent();
        assertThat(ConsentGate.suppressedBy(EmailCategory.TRANSACTIONAL, "US", Set.of(ConsentTag.HARD_BOUNCED)))
                .isPresent();
    }
}
