package com.deskpost.ingest.vendor;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.Map;

/**
 * A location's opening hours, as the operator configures them for an access-control vendor that does not itself flag
 * an entry as after-hours: {@code "<zone> <HH:mm>-<HH:mm>"}, e.g. {@code "Europe/London 07:00-20:00"}, the same every
 * day. An entry at or after the closing time, or before the opening time, in the location's zone, is after hours; a
 * closing time before the opening time spans midnight ({@code "22:00-06:00"} is open through the night); equal
 * times are open round the clock.
 */
public record OpeningHours(ZoneId zone, LocalTime opens, LocalTime closes) {

    /** Parses the setting; {@code where} names the configuration key for the message. */
    public static OpeningHours parse(String text, String where) {
        String[] parts = text == null ? new String[0] : text.strip().split("\\s+");
        String[] times = parts.length == 2 ? parts[1].split("-") : new String[0];
        if (times.length != 2) {
            throw new IllegalArgumentException(where + " must read \"<zone> <HH:mm>-<HH:mm>\", e.g. "
                    + "\"Europe/London 07:00-20:00\"; got \"" + text + "\"");
        }
        try {
            return new OpeningHours(ZoneId.of(parts[0]), LocalTime.parse(times[0]), LocalTime.parse(times[1]));
        } catch (DateTimeException e) {
            throw new IllegalArgumentException(where + ": " + e.getMessage() + " in \"" + text + "\"", e);
        }
    }

    /**
     * Each location's hours from a setting mapping the vendor's location id to the text, parsed once (a malformed one
     * stops the start, naming its key {@code prefix + "." + id}).
     */
    public static Map<String, OpeningHours> parseAll(Map<String, String> settings, String prefix) {
        Map<String, OpeningHours> parsed = new HashMap<>();
        settings.forEach((id, text) -> parsed.put(id, parse(text, prefix + "." + id)));
        return Map.copyOf(parsed);
    }

    public boolean isAfterHours(Instant at) {
        LocalTime time = ZonedDateTime.ofInstant(at, zone).toLocalTime();
        if (opens.equals(closes)) {
            return false; // open round the clock
        }
        boolean open = opens.isBefore(closes)
                ? !time.isBefore(opens) && time.isBefore(closes)
                : !time.isBefore(opens) || time.isBefore(closes);
        return !open;
    }

    @Override
    public String toString() {
        return zone + " " + opens + "-" + closes;
    }
}
