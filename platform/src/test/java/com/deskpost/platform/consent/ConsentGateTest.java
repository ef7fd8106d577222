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

    @Test
    void aComplaintStopsCommercialMailAndTransactionalOnlyWhenSetButNeverSecurityMail() {
        Set<String> complained = Set.of(ConsentTag.COMPLAINED, ConsentTag.OPT_IN);
        assertThat(ConsentGate.suppressedBy(EmailCategory.COMMERCIAL, "UK", complained)).get().asString()
                .contains("complained");
        assertThat(ConsentGate.ruleKey(ConsentGate.suppressedBy(EmailCategory.COMMERCIAL, "US", complained).get()))
                .isEqualTo("complained");
        // Default: a booking confirmation still goes
        assertThat(ConsentGate.suppressedBy(EmailCategory.TRANSACTIONAL, "US", complained)).isEmpty();
        assertThat(ConsentGate.suppressedBy(EmailCategory.TRANSACTIONAL, "US", complained,
                ConsentGate.ComplaintStops.COMMERCIAL_AND_TRANSACTIONAL)).isPresent();
        assertThat(ConsentGate.suppressedBy(EmailCategory.SECURITY, "US", complained,
                ConsentGate.ComplaintStops.COMMERCIAL_AND_TRANSACTIONAL)).isEmpty();
    }

    @Test
    void aSoftBouncedAddressGetsNothing() {
        for (EmailCategory category : EmailCategory.values()) {
            assertThat(ConsentGate.suppressedBy(category, "US", Set.of(ConsentTag.SOFT_BOUNCED))).as("%s", category)
                    .hasValueSatisfying(rule -> assertThat(ConsentGate.ruleKey(rule)).isEqualTo("soft_bounced"));
        }
    }

    @Test
    void aMomentReportedTooLateIsCountedUnderItsOwnRule() {
        // The access composer's reason (not a consent rule, but the same suppressed count)
        assertThat(ConsentGate.ruleKey("Not mailed: reported late. The door reported this 2 days after it happened"
                + " (2026-11-22T09:00:00Z), past deskpost.access.late.mail-within (PT24H)")).isEqualTo("reported_late");
    }
}
