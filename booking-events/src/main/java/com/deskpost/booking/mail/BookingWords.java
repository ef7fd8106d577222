package com.deskpost.booking.mail;

import com.deskpost.events.ResourceKind;
import java.text.MessageFormat;
import java.util.Locale;
import java.util.ResourceBundle;

/**
 * The words booking mail puts together in code rather than in a template (a resource's kind, a calendar entry's
 * title), in the mail's language, from {@code booking-words_<language>.properties}. The bundle's own lookup
 * ({@code _fr_CA}, then {@code _fr}, then the English base) is the fallback chain of the templates; the JVM's
 * default locale never takes part, so a server started in German still writes English to an English member.
 */
final class BookingWords {

    private static final String BUNDLE = "com.deskpost.booking.mail.booking-words";
    private static final ResourceBundle.Control NO_JVM_DEFAULT =
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

    private final ResourceBundle bundle;
    private final Locale locale;

    BookingWords(Locale locale) {
        this.locale = locale;
        this.bundle = ResourceBundle.getBundle(BUNDLE, locale, BookingWords.class.getClassLoader(), NO_JVM_DEFAULT);
    }

    /** "meeting room", "Besprechungsraum", "salle de réunion"…; a kind added to the contract later reads as OTHER. */
    String kind(ResourceKind kind) {
        String key = "kind." + kind.name();
        return bundle.getString(bundle.containsKey(key) ? key : "kind." + ResourceKind.OTHER.name());
    }

    /** The calendar entry's title when the booking's details were never received: "Booking B-1". */
    String untitled(String bookingId) {
        return new MessageFormat(bundle.getString("calendar.untitled"), locale).format(new Object[] {bookingId});
    }
}
