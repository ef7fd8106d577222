package com.deskpost.booking.mail;

import com.deskpost.events.Location;
import com.deskpost.events.Member;
import com.deskpost.platform.directory.PostalAddresses;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The values booking templates see. Times are shown in the location's time zone (a member booking
 * a London room from New York sees London time, labelled) in the recipient's locale; a booking
 * that spans a clock change labels its end with the zone's other name (BST → GMT). Dates and times are
 * written as the locale writes them (fr-CA: "10 h 00"), the resource's kind in its language ({@link BookingWords}).
 */
record BookingMailModel(String bookingId, Member host, Location location, Locale locale, String recipientName) {

    Map<String, Object> asMap(BookingDetails details, String reason) {
        Map<String, Object> model = new HashMap<>();
        model.put("bookingId", bookingId);
        model.put("memberName", host.getName());
        model.put("recipientName", recipientName);
        model.put("locationName", location.getName());
        model.put("address", PostalAddresses.oneLine(location.getAddress()));
        model.put("reason", reason == null ? "" : reason);
        model.put("hasDetails", details != null);
        if (details == null) {
            return model;
        }
        ZoneId zone = ZoneId.of(location.getTimeZone());
        ZonedDateTime start = details.startsAt().atZone(zone);
        ZonedDateTime end = details.endsAt().atZone(zone);
        DateTimeFormatter date = DateTimeFormatter.ofLocalizedDate(FormatStyle.FULL).withLocale(locale);
        DateTimeFormatter time = DateTimeFormatter.ofLocalizedTime(FormatStyle.SHORT).withLocale(locale);
        DateTimeFormatter zoneName = DateTimeFormatter.ofPattern("zzz", locale);
        boolean clockChange = !start.getOffset().equals(end.getOffset());
        model.put("resourceName", details.resource().getName());
        model.put("resourceKind", new BookingWords(locale).kind(details.resource().getKind()));
        model.put("floor", details.resource().getFloor() == null ? "" : details.resource().getFloor());
        model.put("date", start.format(date));
        model.put("startTime", start.format(time) + (clockChange ? " " + start.format(zoneName) : ""));
        model.put("endTime", end.format(time) + (clockChange ? " " + end.format(zoneName) : ""));
        model.put("endDate", end.toLocalDate().equals(start.toLocalDate()) ? "" : end.format(date));
        model.put("timeZone", start.format(zoneName) + " (" + zone.getId() + ")");
        return model;
    }
}
