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
 * @param staffCopies how the location's staff learn of monitored mail: a copy per message, or an hourly digest
 */
@ConfigurationProperties("deskpost.oversight")
public record OversightProperties(OversightMode defaultMode, Map<String, OversightMode> mailboxModes,
        Map<String, OversightMode> eventTypeFloors, Duration holdExpiry, StaffCopies staffCopies) {

    /** Per-message copies (the default) or one digest per location per hour. */
    public enum StaffCopies { PER_MESSAGE, HOURLY_DIGEST }

    public OversightProperties {
        staffCopies = staffCopies == null ? StaffCopies.PER_MESSAGE : staffCopies;
        defaultMode = defaultMode == null ? OversightMode.MONITORED : defaultMode;
        mailboxModes = mailboxModes == null ? Map.of() : Map.copyOf(mailboxModes);
        eventTypeFloors = eventTypeFloors == null ? Map.of() : Map.copyOf(eventTypeFloors);
        holdExpiry = holdExpiry == null ? Duration.ofHours(24) : holdExpiry;
    }
}
