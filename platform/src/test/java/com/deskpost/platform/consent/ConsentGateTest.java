package com.deskpost.platform.consent;

import static org.assertj.core.api.Assertions.assertThat;

import com.deskpost.events.EmailCategory;
import java.util.Arrays;
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
    void anUnrecognisedJurisdictionTakesTheStrictestRuleAndSaysWhatToSet() {
        // Country codes, Canada's included, a typo, blank and absent: none is a jurisdiction the rule knows
        for (String code : Arrays.asList("GB", "DE", "CA", "XX", "", "  ", null, "U K", "US-NY")) {
            // Without an opt-in, commercial mail stops, as in the EU and the UK
            assertThat(ConsentGate.suppressedBy(EmailCategory.COMMERCIAL, code, Set.of())).as("%s", code)
                    .hasValueSatisfying(rule -> {
                        assertThat(rule).contains("is not recognised", "strictest rule", "opt-in",
                                "set the location's jurisdiction to one of EU, UK, US-CA, US");
                        assertThat(ConsentGate.ruleKey(rule)).isEqualTo("unknown_jurisdiction");
                    });
            // With an opt-in, a CCPA opt-out still stops it, as in California
            assertThat(ConsentGate.suppressedBy(EmailCategory.COMMERCIAL, code,
                    Set.of(ConsentTag.OPT_IN, ConsentTag.CCPA_OPT_OUT))).as("%s", code)
                    .hasValueSatisfying(rule -> assertThat(ConsentGate.ruleKey(rule)).isEqualTo("unknown_jurisdiction"));
            // With an opt-in and no CCPA opt-out it goes; transactional and security mail never needed consent
            assertThat(ConsentGate.suppressedBy(EmailCategory.COMMERCIAL, code, Set.of(ConsentTag.OPT_IN))).isEmpty();
            assertThat(ConsentGate.suppressedBy(EmailCategory.TRANSACTIONAL, code, Set.of())).isEmpty();
            assertThat(ConsentGate.suppressedBy(EmailCategory.SECURITY, code, Set.of(ConsentTag.CCPA_OPT_OUT)))
                    .isEmpty();
        }
    }

    @Test
    void theRuleTextNamesTheCodeAndTheOneMeantWhereACountryCodeMakesItPlain() {
        assertThat(ConsentGate.suppressedBy(EmailCategory.COMMERCIAL, "GB", Set.of())).get().asString()
                .contains("jurisdiction \"GB\" is not recognised", "GB is the United Kingdom's country code: UK");
        assertThat(ConsentGate.suppressedBy(EmailCategory.COMMERCIAL, "de", Set.of())).get().asString()
                .contains("DE is a country where GDPR applies: EU");
        assertThat(ConsentGate.suppressedBy(EmailCategory.COMMERCIAL, "CA", Set.of())).get().asString()
                .contains("Canada", "for California: US-CA");
        assertThat(ConsentGate.suppressedBy(EmailCategory.COMMERCIAL, null, Set.of())).get().asString()
                .contains("jurisdiction (none) is not recognised").doesNotContain("country code");
        assertThat(ConsentGate.suppressedBy(EmailCategory.COMMERCIAL, "XX", Set.of())).get().asString()
                .endsWith("one of EU, UK, US-CA, US");
    }

    @Test
    void knownCodesAreReadWithoutRegardToCaseOrSurroundingBlanks() {
        assertThat(ConsentGate.suppressedBy(EmailCategory.COMMERCIAL, " eu ", Set.of())).get().asString()
                .isEqualTo("commercial mail in EU needs explicit opt-in (GDPR): none recorded");
        assertThat(ConsentGate.suppressedBy(EmailCategory.COMMERCIAL, "us-ca", Set.of(ConsentTag.CCPA_OPT_OUT)))
                .get().asString().isEqualTo("CCPA opt-out recorded for US-CA commercial mail");
        assertThat(ConsentGate.suppressedBy(EmailCategory.COMMERCIAL, "Us", Set.of())).isEmpty();
        assertThat(ConsentGate.ruleKey(ConsentGate.suppressedBy(EmailCategory.COMMERCIAL, "UK", Set.of()).get()))
                .isEqualTo("no_opt_in");
    }

    @Test
    void aMomentReportedTooLateIsCountedUnderItsOwnRule() {
        // The access composer's reason (not a consent rule, but the same suppressed count)
        assertThat(ConsentGate.ruleKey("Not mailed: reported late. The door reported this 2 days after it happened"
                + " (2026-11-22T09:00:00Z), past deskpost.access.late.mail-within (PT24H)")).isEqualTo("reported_late");
    }
}
