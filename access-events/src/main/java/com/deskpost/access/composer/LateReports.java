package com.deskpost.access.composer;

import java.time.Duration;
import com.deskpost.platform.template.MailWords;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * How late a door may report a moment at it (an after-hours entry, a forced door) and still be mailed as news.
 * Offline locks report hours or days after the fact: past {@code noteAfter} the mail says how late it was reported,
 * so nobody reads it as "just now"; past {@code mailWithin} it is not mailed at all, only audited (SUPPRESSED,
 * with the reason), since a notice days later alarms more than it informs.
 *
 * @param noteAfter lateness from which the mail says when it was reported
 * @param mailWithin lateness up to which it is mailed at all
 */
public record LateReports(Duration noteAfter, Duration mailWithin) {

    /** 15 minutes and 24 hours: the README's defaults. */
    public static final LateReports DEFAULTS = new LateReports(Duration.ofMinutes(15), Duration.ofHours(24));

    public LateReports {
        noteAfter = noteAfter == null ? DEFAULTS.noteAfter : noteAfter;
        mailWithin = mailWithin == null ? DEFAULTS.mailWithin : mailWithin;
        if (noteAfter.isNegative() || mailWithin.isNegative() || noteAfter.compareTo(mailWithin) > 0) {
            throw new IllegalArgumentException("deskpost.access.late.note-after (" + noteAfter + ") and"
                    + " deskpost.access.late.mail-within (" + mailWithin + ") must be durations of 0 or more, the first"
                    + " no longer than the second: a report late enough to be noted must still be one that is mailed");
        }
    }

    /** How long after {@code happened} it reaches us at {@code now}, if that is past {@code noteAfter}. */
    Optional<Duration> lateness(Instant happened, Instant now) {
        Duration late = Duration.between(happened, now);
        return late.compareTo(noteAfter) > 0 ? Optional.of(late) : Optional.empty();
    }

    boolean mailable(Duration lateness) {
        return lateness.compareTo(mailWithin) <= 0;
    }

    /** "3 hours", "2 days": how the audit says it (in English). */
    static String spoken(Duration lateness) {
        return spoken(lateness, AccessMailModel.words(Locale.ENGLISH));
    }

    /**
     * "3 hours", "3 Stunden", "3 heures": how a mail says it, in the largest whole unit. By hand: java.time formats
     * instants, not spans in words, and this is the one place that needs it.
     */
    static String spoken(Duration lateness, MailWords words) {
        long days = lateness.toDays();
        long hours = lateness.toHours();
        if (days >= 1) {
            return words.word("late.days", days);
        }
        if (hours >= 1) {
            return words.word("late.hours", hours);
        }
        return words.word("late.minutes", Math.max(1, lateness.toMinutes()));
    }
}
