package com.deskpost.booking.mail;

import com.deskpost.events.BookingCreated;
import com.deskpost.events.BookingEvent;
import com.deskpost.events.BookingModified;
import com.deskpost.events.EntityStatus;
import com.deskpost.events.Guest;
import java.util.List;

/**
 * What the composer knows of one booking: its latest version and status, and the last event that
 * carried the booking's details (created or modified), or null when a cancellation was the first
 * thing heard of it.
 */
public record BookingState(long version, String eventId, EntityStatus status, BookingEvent details) {

    /** The guests as of the last detailed version; none if unknown. */
    public List<Guest> guests() {
        if (details == null) {
            return List.of();
        }
        Object payload = details.getPayload();
        if (payload instanceof BookingCreated created) {
            return created.getGuests();
        }
        if (payload instanceof BookingModified modified) {
            return modified.getGuests();
        }
        return List.of();
    }
}
