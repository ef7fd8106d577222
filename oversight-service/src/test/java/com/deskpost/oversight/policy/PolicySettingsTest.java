package com.deskpost.oversight.policy;

import static com.deskpost.events.OversightMode.AUTONOMOUS;
import static com.deskpost.events.OversightMode.GATED_ALL;
import static com.deskpost.events.OversightMode.GATED_SEND;
import static com.deskpost.events.OversightMode.MONITORED;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The policy as stored and changed by an admin, judging drafts: a raised floor holds the next draft of its event
 * type, a removed one no longer does, a mailbox's own mode stands in for the default, and no draft asks its way
 * below a floor (DESIGN: floors are lowered only by an admin, never by a draft).
 */
class PolicySettingsTest {

    private final PolicySettings stored = new PolicySettings(MONITORED, Map.of("BER-1", GATED_ALL),
            Map.of("master_keycode_reset", GATED_SEND));

    @Test
    void aFloorRaisedByAnAdminHoldsTheNextDraftOfThatEventTypeOnly() {
        PolicySettings raised = stored.withFloor("booking_created", GATED_SEND);

        assertThat(new OversightPolicy(stored).evaluate("LDN-1", "booking_created", null).mode()).isEqualTo(MONITORED);
        OversightPolicy.Verdict verdict = new OversightPolicy(raised).evaluate("LDN-1", "booking_created", null);
        assertThat(verdict.mode()).isEqualTo(GATED_SEND);
        assertThat(verdict.rule()).isEqualTo("mailbox LDN-1 default monitored, floor for booking_created gated_send, "
                + "requested none -> gated_send");
        assertThat(new OversightPolicy(raised).evaluate("LDN-1", "booking_cancelled", null).mode())
                .isEqualTo(MONITORED);
    }

    @Test
    void aDraftCannotAskItsWayBelowAFloorOnlyAnAdminLowersIt() {
        OversightPolicy policy = new OversightPolicy(stored);
        assertThat(policy.evaluate("LDN-1", "master_keycode_reset", AUTONOMOUS).mode()).isEqualTo(GATED_SEND);
        assertThat(policy.evaluate("LDN-1", "master_keycode_reset", MONITORED).mode()).isEqualTo(GATED_SEND);
        assertThat(policy.evaluate("LDN-1", "master_keycode_reset", GATED_ALL).mode()).as("tighten only")
                .isEqualTo(GATED_ALL);

        PolicySettings lowered = stored.withFloor("master_keycode_reset", null);
        assertThat(new OversightPolicy(lowered).evaluate("LDN-1", "master_keycode_reset", AUTONOMOUS).mode())
                .isEqualTo(MONITORED);
    }

    @Test
    void aMailboxModeStandsInForTheDefaultUntilRemoved() {
        PolicySettings loose = stored.withMailboxMode("LDN-1", AUTONOMOUS);
        assertThat(new OversightPolicy(loose).evaluate("LDN-1", "booking_created", null).mode()).isEqualTo(AUTONOMOUS);
        assertThat(new OversightPolicy(loose).evaluate("BER-1", "booking_created", null).mode()).isEqualTo(GATED_ALL);
        assertThat(new OversightPolicy(loose.withDefaultMode(GATED_SEND)).evaluate("PAR-1", "booking_created", null)
                .mode()).isEqualTo(GATED_SEND);
        assertThat(new OversightPolicy(loose.withMailboxMode("LDN-1", null)).evaluate("LDN-1", "booking_created", null)
                .mode()).isEqualTo(MONITORED);
    }

    @Test
    void itIsDescribedAsAdminsWriteItForTheApiAndTheAudit() {
        assertThat(stored.describe()).isEqualTo(Map.of("defaultMode", "monitored",
                "mailboxModes", Map.of("BER-1", "gated_all"),
                "eventTypeFloors", Map.of("master_keycode_reset", "gated_send")));
    }

    @Test
    void theConfiguredPolicySeedsTheStoredOneAsItIs() {
        OversightProperties configured = new OversightProperties(GATED_SEND, Map.of("BER-1", GATED_ALL),
                Map.of("inquiry_reply", GATED_ALL), null, null);
        assertThat(PolicySettings.of(configured)).isEqualTo(new PolicySettings(GATED_SEND, Map.of("BER-1", GATED_ALL),
                Map.of("inquiry_reply", GATED_ALL)));
    }
}
