package com.deskpost.oversight.policy;

import com.deskpost.events.OversightMode;
import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The operator's oversight policy.
 *
 * @param defaultMode mode of every location mailbox not listed in {@code mailboxModes}
 * @param mailboxModes mode per location mailbox, keyed by location id
 * @param eventTypeFloors least strict mode allowed per event type (e.g. master_keycode_reset: gated_send)
 * @param holdExpiry how long a held draft waits for a decision
 */
@ConfigurationProperties("deskpost.oversight")
public record OversightProperties(OversightMode defaultMode, Map<String, OversightMode> mailboxModes,
        Map<String, OversightMode> eventTypeFloors, Duration holdExpiry) {

    public OversightProperties {
        defaultMode = defaultMode == null ? OversightMode.MONITORED : defaultMode;
        mailboxModes = mailboxModes == null ? Map.of() : Map.copyOf(mailboxModes);
        eventTypeFloors = eventTypeFloors == null ? Map.of() : Map.copyOf(eventTypeFloors);
        holdExpiry = holdExpiry == null ? Duration.ofHours(24) : holdExpiry;
    }
}
