package com.deskpost.booking.calendar;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * An iCalendar (RFC 5545) invitation for one booking, as iTIP (RFC 5546) expects it: a
 * {@code REQUEST} carries the booking's current time and place, a {@code CANCEL} withdraws it.
 * The UID is the booking's, the SEQUENCE its entity version, so calendars update the one entry in
 * place. Times are local to the location's zone with a VTIMEZONE, as calendar clients show them.
 *
 * <p>Written by hand rather than with ical4j: the subset is one VEVENT and one VTIMEZONE, and
 * ical4j (with its dependencies) is not in the offline build's repository.
 *
 * @param start null only on a cancellation of a booking whose details were never received
 */
public record CalendarInvite(Method method, String uid, long sequence, Instant stamp, Instant start, Instant end,
        ZoneId zone, String summary, String location, Party organizer, Party attendee) {

    /** iTIP method: the booking as it now is, or its withdrawal. */
    public enum Method {
        REQUEST, CANCEL
    }

    /** Organizer or attendee: a display name and an address. */
    public record Party(String name, String email) {
    }

    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss");
    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    /** The same UID for every version of a booking, so each invitation updates the same calendar entry. */
    public static String uid(String bookingId) {
        return "booking-" + bookingId + "@deskpost";
    }

    public String filename(String bookingId) {
        return "booking-" + bookingId + ".ics";
    }

    public String contentType() {
        return "text/calendar; method=" + method + "; charset=UTF-8";
    }

    public byte[] toBytes() {
        return toText().getBytes(StandardCharsets.UTF_8);
    }

    public String toText() {
        ContentLines out = new ContentLines();
        out.line("BEGIN:VCALENDAR");
        out.line("PRODID:-//Deskpost//Booking composer//EN");
        out.line("VERSION:2.0");
        out.line("CALSCALE:GREGORIAN");
        out.line("METHOD:" + method);
        if (start != null) {
            VTimezone.write(out, zone, start, end);
        }
        out.line("BEGIN:VEVENT");
        out.line("UID:" + ContentLines.text(uid));
        out.line("DTSTAMP:" + UTC.format(stamp));
        out.line("SEQUENCE:" + sequence);
        if (start != null) {
            out.line("DTSTART" + dateTime(start));
            out.line("DTEND" + dateTime(end));
        }
        out.line("SUMMARY:" + ContentLines.text(summary));
        out.line("LOCATION:" + ContentLines.text(location));
        out.line("ORGANIZER;CN=" + ContentLines.param(organizer.name()) + ":mailto:" + organizer.email());
        out.line("ATTENDEE;CN=" + ContentLines.param(attendee.name())
                + ";ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED:mailto:" + attendee.email());
        out.line("STATUS:" + (method == Method.CANCEL ? "CANCELLED" : "CONFIRMED"));
        out.line("TRANSP:OPAQUE");
        out.line("END:VEVENT");
        out.line("END:VCALENDAR");
        return out.toString();
    }

    /**
     * {@code ;TZID=zone:local} — except in the repeated hour when clocks go back: RFC 5545 §3.3.5
     * reads an ambiguous local time as its first occurrence, so the second one is written in UTC.
     */
    private String dateTime(Instant instant) {
        LocalDateTime local = LocalDateTime.ofInstant(instant, zone);
        var offsets = zone.getRules().getValidOffsets(local);
        if (offsets.size() > 1 && !offsets.get(0).equals(zone.getRules().getOffset(instant))) {
            return ":" + UTC.format(instant);
        }
        return ";TZID=" + zone.getId() + ":" + LOCAL.format(local);
    }
}
