package com.deskpost.access.composer;

import com.deskpost.events.IncidentSeverity;
import com.deskpost.events.Location;
import com.deskpost.platform.directory.PostalAddresses;
import com.deskpost.platform.template.MailWords;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The values access templates see: the recipient's name, the location, and the event's facts,
 * with instants in the location's time zone (the door is there) and the mail's locale, and the words Java writes
 * (severity, how late a door reported) from {@code i18n/access-words*.properties} in the mail's language.
 */
final class AccessMailModel {

    private static final String WORDS = "i18n/access-words";

    private final Map<String, Object> values = new HashMap<>();
    private final DateTimeFormatter instants;
    private final MailWords words;

    AccessMailModel(String recipientName, Locale locale, Location location) {
        this.words = words(locale);
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

    AccessMailModel severity(IncidentSeverity severity) {
        return put("severity", words.word("severity." + severity.name()));
    }

    /** "3 hours" in the mail's language when the door reported late, else nothing (the template's section is off). */
    AccessMailModel lateness(String name, Optional<Duration> lateness) {
        return put(name, lateness.map(late -> LateReports.spoken(late, words)).orElse(null));
    }

    AccessMailModel list(String name, List<String> items) {
        return put(name, items.isEmpty() ? "" : String.join(", ", items));
    }

    /** The access words in {@code locale}'s language (English where it has none). */
    static MailWords words(Locale locale) {
        return MailWords.of(WORDS, locale, AccessMailModel.class.getClassLoader());
    }

    Map<String, Object> values() {
        return Map.copyOf(values);
    }
}
