package com.deskpost.booking.mail;

import com.deskpost.events.ResourceKind;
import com.deskpost.platform.template.MailWords;
import java.util.Locale;

/**
 * The words booking mail puts together in code rather than in a template (a resource's kind, a calendar entry's
 * title), in the mail's language, from {@code booking-words_<language>.properties} through {@link MailWords} (the
 * templates' fallback chain, never the JVM's default locale).
 */
final class BookingWords {

    private static final String BUNDLE = "com.deskpost.booking.mail.booking-words";

    private final MailWords words;

    BookingWords(Locale locale) {
        this.words = MailWords.of(BUNDLE, locale, BookingWords.class.getClassLoader());
    }

    /** "meeting room", "Besprechungsraum", "salle de réunion"…; a kind added to the contract later reads as OTHER. */
    String kind(ResourceKind kind) {
        return words.optional("kind." + kind.name()).orElseGet(() -> words.word("kind." + ResourceKind.OTHER.name()));
    }

    /** The calendar entry's title when the booking's details were never received: "Booking B-1". */
    String untitled(String bookingId) {
        return words.word("calendar.untitled", bookingId);
    }
}
