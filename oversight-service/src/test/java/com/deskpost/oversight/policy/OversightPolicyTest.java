package com.deskpost.oversight.policy;

import static com.deskpost.events.OversightMode.AUTONOMOUS;
import static com.deskpost.events.OversightMode.GATED_ALL;
import static com.deskpost.events.OversightMode.GATED_SEND;
import static com.deskpost.events.OversightMode.MONITORED;
import static com.deskpost.testfixtures.DraftBuilder.aDraft;
import static org.assertj.core.api.Assertions.assertThat;

import com.deskpost.events.OversightMode;
import com.deskpost.oversight.policy.OversightPolicy.Verdict;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * DESIGN 3.3: the effective mode is the strictest of the mailbox's mode, the event type's floor
 * and the draft's request; nothing a draft asks for loosens the other two.
 */
class OversightPolicyTest {

    /** DESIGN 3.3's order, least to most strict, written out here rather than taken from the enum. */
    private static final List<OversightMode> LEAST_TO_MOST_STRICT = List.of(AUTONOMOUS, MONITORED, GATED_SEND, GATED_ALL);

    private static final String EVENT_TYPE = "booking_created";
    private static final String LOCATION = "LDN-1";

    @ParameterizedTest(name = "mailbox {0}, floor {1}, requested {2} -> {3}")
    @CsvSource(nullValues = "none", textBlock = """
            AUTONOMOUS, none,       none,       AUTONOMOUS
            AUTONOMOUS, none,       MONITORED,  MONITORED
            MONITORED,  none,       none,       MONITORED
            MONITORED,  none,       AUTONOMOUS, MONITORED
            MONITORED,  GATED_SEND, AUTONOMOUS, GATED_SEND
            GATED_SEND, MONITORED,  none,       GATED_SEND
            AUTONOMOUS, AUTONOMOUS, GATED_SEND, GATED_SEND
            AUTONOMOUS, GATED_ALL,  GATED_SEND, GATED_ALL
            GATED_ALL,  AUTONOMOUS, MONITORED,  GATED_ALL
            MONITORED,  GATED_SEND, GATED_ALL,  GATED_ALL
            """)
    void knownCombinationsGiveTheExpectedMode(OversightMode mailbox, OversightMode floor, OversightMode requested,
            OversightMode expected) {
        // Given
        OversightPolicy policy = new OversightPolicy(properties(mailbox, floor));

        // When
        Verdict verdict = policy.evaluate(aDraft().at(LOCATION).eventType(EVENT_TYPE).requesting(requested).build());

        // Then
        assertThat(verdict.mode()).isEqualTo(expected);
    }

    static Stream<Arguments> everyMailboxFloorAndRequest() {
        List<OversightMode> optional = new ArrayList<>();
        optional.add(null);
        optional.addAll(Arrays.asList(OversightMode.values()));
        List<Arguments> all = new ArrayList<>();
        for (OversightMode mailbox : OversightMode.values()) {
            for (OversightMode floor : optional) {
                for (OversightMode requested : optional) {
                    all.add(Arguments.of(mailbox, floor, requested));
                }
            }
        }
        return all.stream();
    }

    @Test
    void theTableCoversEveryCombination() {
        assertThat(everyMailboxFloorAndRequest()).hasSize(4 * 5 * 5);
    }

    @ParameterizedTest(name = "mailbox {0}, floor {1}, requested {2}")
    @MethodSource("everyMailboxFloorAndRequest")
    void theEffectiveModeIsTheStrictestOfMailboxFloorAndRequest(OversightMode mailbox, OversightMode floor,
            OversightMode requested) {
        // Given
        OversightPolicy policy = new OversightPolicy(properties(mailbox, floor));
        List<OversightMode> inForce = Stream.of(mailbox, floor, requested).filter(Objects::nonNull).toList();

        // When
        OversightMode effective = policy.evaluate(
                aDraft().at(LOCATION).eventType(EVENT_TYPE).requesting(requested).build()).mode();

        // Then: never looser than any of the three, and one of them
        for (OversightMode mode : inForce) {
            assertThat(rank(effective)).as("%s is looser than %s", effective, mode).isGreaterThanOrEqualTo(rank(mode));
        }
        assertThat(effective).isIn(inForce);
        assertThat(effective).isEqualTo(inForce.stream().max((a, b) -> rank(a) - rank(b)).orElseThrow());
    }

    @Test
    void aLocationsOwnMailboxModeReplacesTheDefaultForThatLocationOnly() {
        // Given: looser for London, stricter for Berlin, the default everywhere else
        OversightPolicy policy = new OversightPolicy(new OversightProperties(MONITORED,
                Map.of("LDN-1", AUTONOMOUS, "BER-1", GATED_SEND), Map.of(), Duration.ofHours(24), null));

        // When / Then
        assertThat(policy.evaluate(aDraft().at("LDN-1").build()).mode()).isEqualTo(AUTONOMOUS);
        assertThat(policy.evaluate(aDraft().at("BER-1").build()).mode()).isEqualTo(GATED_SEND);
        assertThat(policy.evaluate(aDraft().at("NYC-1").build()).mode()).isEqualTo(MONITORED);
    }

    @Test
    void aLooserMailboxModeStillCannotGoBelowTheEventTypesFloor() {
        // Given
        OversightPolicy policy = new OversightPolicy(new OversightProperties(MONITORED,
                Map.of("LDN-1", AUTONOMOUS), Map.of("master_keycode_reset", GATED_SEND), Duration.ofHours(24), null));

        // When
        Verdict verdict = policy.evaluate(aDraft().at("LDN-1").eventType("master_keycode_reset").build());

        // Then
        assertThat(verdict.mode()).isEqualTo(GATED_SEND);
    }

    @Test
    void aFloorAppliesOnlyToItsOwnEventType() {
        // Given
        OversightPolicy policy = new OversightPolicy(new OversightProperties(AUTONOMOUS, Map.of(),
                Map.of("inquiry_reply", GATED_ALL), Duration.ofHours(24), null));

        // When / Then
        assertThat(policy.evaluate(aDraft().eventType("inquiry_reply").build()).mode()).isEqualTo(GATED_ALL);
        assertThat(policy.evaluate(aDraft().eventType("booking_created").build()).mode()).isEqualTo(AUTONOMOUS);
    }

    @ParameterizedTest(name = "mailbox {0}, draft requests {1}, event requests {2} -> {3}")
    @CsvSource(nullValues = "none", textBlock = """
            MONITORED,  none,       GATED_SEND, GATED_SEND
            MONITORED,  GATED_ALL,  GATED_SEND, GATED_ALL
            MONITORED,  none,       AUTONOMOUS, MONITORED
            GATED_SEND, none,       MONITORED,  GATED_SEND
            AUTONOMOUS, MONITORED,  GATED_ALL,  GATED_ALL
            """)
    void aFacilityEventsRequestedModeOnlyTightens(OversightMode mailbox, OversightMode byDraft,
            OversightMode byEvent, OversightMode expected) {
        // Given
        OversightPolicy policy = new OversightPolicy(properties(mailbox, null));

        // When
        Verdict verdict = policy.evaluate(aDraft().at(LOCATION).eventType(EVENT_TYPE).requesting(byDraft)
                .eventRequesting(byEvent).build());

        // Then
        assertThat(verdict.mode()).isEqualTo(expected);
    }

    @Test
    void theRuleSaysWhenTheRequestCameFromTheFacilityEvent() {
        // Given
        OversightPolicy policy = new OversightPolicy(properties(MONITORED, null));

        // When
        Verdict verdict = policy.evaluate(aDraft().at(LOCATION).eventType(EVENT_TYPE).eventRequesting(GATED_SEND)
                .build());

        // Then
        assertThat(verdict.rule()).isEqualTo("mailbox LDN-1 default monitored, floor for booking_created autonomous,"
                + " requested gated_send by the facility event -> gated_send");
    }

    @Test
    void theRuleNamesTheMailboxItsModeTheFloorTheRequestAndTheOutcome() {
        // Given: three different modes, so each name in the rule can come from only one source
        OversightPolicy policy = new OversightPolicy(properties(GATED_SEND, MONITORED));

        // When
        Verdict verdict = policy.evaluate(aDraft().at(LOCATION).eventType(EVENT_TYPE).requesting(AUTONOMOUS).build());

        // Then
        assertThat(verdict.mode()).isEqualTo(GATED_SEND);
        assertThat(verdict.rule())
                .containsSubsequence(LOCATION, "gated_send", EVENT_TYPE, "monitored", "autonomous", "gated_send")
                .contains("requested autonomous");
    }

    @Test
    void theRuleSaysWhenTheDraftRequestedNothing() {
        // Given
        OversightPolicy policy = new OversightPolicy(properties(MONITORED, null));

        // When
        Verdict verdict = policy.evaluate(aDraft().at(LOCATION).eventType(EVENT_TYPE).requesting(null).build());

        // Then
        assertThat(verdict.rule()).contains(LOCATION).contains(EVENT_TYPE).contains("requested none")
                .endsWith("monitored");
    }

    @Test
    void unsetPropertiesFallBackToTheDocumentedDefaults() {
        // When
        OversightProperties properties = new OversightProperties(null, null, null, null, null);

        // Then: README's configuration table
        assertThat(properties.defaultMode()).isEqualTo(MONITORED);
        assertThat(properties.mailboxModes()).isEmpty();
        assertThat(properties.eventTypeFloors()).isEmpty();
        assertThat(properties.holdExpiry()).isEqualTo(Duration.ofHours(24));
    }

    /** Mailbox mode as the default; another location and another event type carry settings that must not leak in. */
    private static OversightProperties properties(OversightMode mailbox, OversightMode floor) {
        Map<String, OversightMode> floors = new HashMap<>(Map.of("inquiry_reply", GATED_ALL));
        if (floor != null) {
            floors.put(EVENT_TYPE, floor);
        }
        return new OversightProperties(mailbox, Map.of("BER-1", GATED_ALL), floors, Duration.ofHours(24), null);
    }

    private static int rank(OversightMode mode) {
        return LEAST_TO_MOST_STRICT.indexOf(mode);
    }
}
