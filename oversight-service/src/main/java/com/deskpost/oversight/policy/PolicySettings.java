package com.deskpost.oversight.policy;

import com.deskpost.events.OversightMode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The operator's policy as a whole, as stored and as an admin changes it: the default mode of every location mailbox,
 * the modes of the mailboxes set apart from it, and the floors per event type. A mailbox without a mode of its own has
 * the default; an event type without a floor has none (autonomous).
 */
public record PolicySettings(OversightMode defaultMode, Map<String, OversightMode> mailboxModes,
        Map<String, OversightMode> eventTypeFloors) implements OversightPolicy.Rules {

    public PolicySettings {
        defaultMode = defaultMode == null ? OversightMode.MONITORED : defaultMode;
        // Sorted, so the stored policy, the page and the audit's before/after list them alike.
        mailboxModes = mailboxModes == null ? Map.of() : Map.copyOf(new TreeMap<>(mailboxModes));
        eventTypeFloors = eventTypeFloors == null ? Map.of() : Map.copyOf(new TreeMap<>(eventTypeFloors));
    }

    static PolicySettings of(OversightProperties properties) {
        return new PolicySettings(properties.defaultMode(), properties.mailboxModes(), properties.eventTypeFloors());
    }

    @Override
    public OversightPolicy.Applicable applicable(String locationId, String eventType) {
        return new OversightPolicy.Applicable(mailboxModes.getOrDefault(locationId, defaultMode),
                eventTypeFloors.getOrDefault(eventType, OversightMode.AUTONOMOUS));
    }

    public PolicySettings withDefaultMode(OversightMode mode) {
        return new PolicySettings(mode, mailboxModes, eventTypeFloors);
    }

    /** With this location's mailbox mode set, or (null) back to the default. */
    public PolicySettings withMailboxMode(String locationId, OversightMode mode) {
        return new PolicySettings(defaultMode, with(mailboxModes, locationId, mode), eventTypeFloors);
    }

    /** With this event type's floor set, or (null) removed. */
    public PolicySettings withFloor(String eventType, OversightMode mode) {
        return new PolicySettings(defaultMode, mailboxModes, with(eventTypeFloors, eventType, mode));
    }

    /** As the API and the audit's before/after show it: modes in lower case, maps sorted. */
    public Map<String, Object> describe() {
        Map<String, Object> described = new LinkedHashMap<>();
        described.put("defaultMode", OversightPolicy.name(defaultMode));
        described.put("mailboxModes", names(mailboxModes));
        described.put("eventTypeFloors", names(eventTypeFloors));
        return described;
    }

    private static Map<String, String> names(Map<String, OversightMode> modes) {
        Map<String, String> names = new TreeMap<>();
        modes.forEach((key, mode) -> names.put(key, OversightPolicy.name(mode)));
        return names;
    }

    private static Map<String, OversightMode> with(Map<String, OversightMode> modes, String key, OversightMode mode) {
        Map<String, OversightMode> changed = new TreeMap<>(modes);
        if (mode == null) {
            changed.remove(key);
        } else {
            changed.put(key, mode);
        }
        return changed;
    }
}
