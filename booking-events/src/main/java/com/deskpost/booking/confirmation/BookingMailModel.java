package com.deskpost.booking.confirmation;

import com.deskpost.events.BookedResource;
import com.deskpost.events.Location;
import com.deskpost.events.Member;
import com.deskpost.platform.directory.PostalAddresses;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;
import java.util.Map;

/**
 * The values booking templates see. Times are shown in the location's time zone (a member booking
 * a London room from New York sees London time, labelled) in the member's locale.
 */
record BookingMailModel(String bookingId, Member member, Location location, BookedResource resource,
        Instant startsAt, Instant endsAt) {

    Map<String, Object> asMap() {
        ZoneId zone = ZoneId.of(location.getTimeZone());
        Locale locale = Locale.forLanguageTag(member.getLocale());
        ZonedDateTime start = startsAt.atZone(zone);
        ZonedDateTime end = endsAt.atZone(zone);
        DateTimeFormatter date = DateTimeFormatter.ofLocalizedDate(FormatStyle.FULL).withLocale(locale);
        DateTimeFormatter time = DateTimeFormatter.ofLocalizedTime(FormatStyle.SHORT).withLocale(locale);
        return Map.ofEntries(
                Map.entry("bookingId", bookingId),
                Map.entry("memberName", member.getName()),
                Map.entry("resourceName", resource.getName()),
                Map.entry("resourceKind", resource.getKind().name().toLowerCase(Locale.ROOT).replace('_', ' ')),
                Map.entry("floor", resource.getFloor() == null ? "" : resource.getFloor()),
                Map.entry("locationName", location.getName()),
                Map.entry("address", PostalAddresses.oneLine(location.getAddress())),
                Map.entry("date", start.format(date)),
                Map.entry("startTime", start.format(time)),
                Map.entry("endTime", end.format(time)),
                Map.entry("timeZone", start.format(DateTimeFormatter.ofPattern("zzz", locale)) + " (" + zone.getId() + ")"));
    }
}
