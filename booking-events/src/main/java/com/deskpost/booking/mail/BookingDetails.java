package com.deskpost.booking.mail;

import com.deskpost.events.BookedResource;
import com.deskpost.events.BookingCreated;
import com.deskpost.events.BookingEvent;
import com.deskpost.events.BookingModified;
import com.deskpost.events.Guest;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** What a booking is, as of one version: space, time and guests. */
record BookingDetails(BookedResource resource, Instant startsAt, Instant endsAt, List<Guest> guests) {

    /** The details an event carries; a cancellation carries none. */
    static Optional<BookingDetails> of(BookingEvent event) {
        if (event == null) {
            return Optional.empty();
        }
        Object payload = event.getPayload();
        if (payload instanceof BookingCreated c) {
            return Optional.of(new BookingDetails(c.getResource(), c.getStartsAt(), c.getEndsAt(), c.getGuests()));
        }
        if (payload instanceof BookingModified m) {
            return Optional.of(new BookingDetails(m.getResource(), m.getStartsAt(), m.getEndsAt(), m.getGuests()));
        }
        return Optional.empty();
    }
}
