package com.deskpost.access.composer;

import com.deskpost.events.Location;
import com.deskpost.platform.directory.PostalAddresses;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The values access templates see: the recipient's name, the location, and the event's facts,
 * with instants in the location's time zone (the door is there) and the recipient's locale.
 */
final class AccessMailModel {

    private final Map<String, Object> values = new HashMap<>();
    private final DateTimeFormatter instants;

    AccessMailModel(String recipientName, Locale locale, Location location) {
        this.instants = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT)
                .withLocale(locale).withZone(ZoneId.of(location.getTimeZone()));
        values.put("recipientName", recipientName);
        values.put("locationName", location.getName());
        values.put("address", PostalAddresses.oneLine(location.getAddress()));
        values.put("timeZone", location.getTimeZone());
    }

    AccessMailModel put(String name, Object value) {
        values.put(name, value == null ? "" : value);
        return this;
    }

    AccessMailModel instant(String name, Instant value) {
        return put(name, value == null ? "" : instants.format(value));
    }

    AccessMailModel list(String name, List<String> items) {
        return put(name, items.isEmpty() ? "" : String.join(", ", items));
    }

    Map<String, Object> values() {
        return Map.copyOf(values);
    }
}
