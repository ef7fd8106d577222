package com.deskpost.booking.calendar;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The VTIMEZONE (RFC 5545 §3.6.5) of a location's zone, from the JDK's tz rules: the transition
 * in force at the booking's start and every transition up to a year after its end, each as an
 * explicit STANDARD or DAYLIGHT onset. Explicit onsets cannot disagree with the tz database the
 * way a guessed RRULE can when a country changes its rules.
 */
final class VTimezone {

    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss");
    private static final DateTimeFormatter NAME = DateTimeFormatter.ofPattern("zzz", Locale.ENGLISH);

    private VTimezone() {
    }

    static void write(ContentLines out, ZoneId zone, Instant start, Instant end) {
        ZoneRules rules = zone.getRules();
        out.line("BEGIN:VTIMEZONE");
        out.line("TZID:" + zone.getId());
        List<ZoneOffsetTransition> transitions = new ArrayList<>();
        ZoneOffsetTransition inForce = rules.previousTransition(start.plusMillis(1));
        if (inForce != null) {
            transitions.add(inForce);
        }
        Instant until = end.plus(366, ChronoUnit.DAYS);
        for (ZoneOffsetTransition next = rules.nextTransition(start); next != null
                && next.getInstant().isBefore(until); next = rules.nextTransition(next.getInstant())) {
            transitions.add(next);
        }
        if (transitions.isEmpty()) {
            // A zone that never changes offset: one STANDARD onset from the epoch.
            ZoneOffset offset = rules.getOffset(start);
            component(out, "STANDARD", LocalDateTime.of(1970, 1, 1, 0, 0), offset, offset, zone, start);
        }
        for (ZoneOffsetTransition transition : transitions) {
            boolean daylight = rules.isDaylightSavings(transition.getInstant());
            component(out, daylight ? "DAYLIGHT" : "STANDARD", transition.getDateTimeBefore(),
                    transition.getOffsetBefore(), transition.getOffsetAfter(), zone, transition.getInstant());
        }
        out.line("END:VTIMEZONE");
    }

    private static void component(ContentLines out, String kind, LocalDateTime onset, ZoneOffset from, ZoneOffset to,
            ZoneId zone, Instant at) {
        out.line("BEGIN:" + kind);
        out.line("DTSTART:" + LOCAL.format(onset));
        out.line("TZOFFSETFROM:" + offset(from));
        out.line("TZOFFSETTO:" + offset(to));
        out.line("TZNAME:" + ContentLines.text(NAME.format(at.atZone(zone))));
        out.line("END:" + kind);
    }

    /** UTC offset as RFC 5545 writes it: +HHMM, or +HHMMSS when seconds are needed. */
    private static String offset(ZoneOffset offset) {
        int total = offset.getTotalSeconds();
        int abs = Math.abs(total);
        String hhmm = String.format(Locale.ROOT, "%s%02d%02d", total < 0 ? "-" : "+", abs / 3600, abs / 60 % 60);
        return abs % 60 == 0 ? hhmm : hhmm + String.format(Locale.ROOT, "%02d", abs % 60);
    }
}
