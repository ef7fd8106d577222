package com.deskpost.booking.reminder;

import com.deskpost.events.BookingEvent;
import com.deskpost.platform.topic.Partitioning;
import com.deskpost.platform.topic.Topic;

/**
 * The booking composer's own topic: every booking event it accepted (newer than the booking's
 * latest version), keyed by booking id, in order. It feeds the reminder scheduler, which cannot
 * sit in the facility.bookings sub-topology: that one is wired by the platform's event routing,
 * which gives handlers stores but no punctuator. Private to this service, so it is declared here
 * rather than among the shared topics of DESIGN section 2. Compacted: once a booking is over its key gets a
 * tombstone ({@code BookingStates}), so the topic keeps only bookings that can
 * still change. Partitioned like facility.bookings, which feeds it.
 */
public final class UpcomingBookings {

    public static final Topic<BookingEvent> TOPIC =
            Topic.internal("deskpost.booking.upcoming", BookingEvent.class, Topic.Kind.COMPACTED,
                    Partitioning.FACILITY);

    private UpcomingBookings() {
    }
}
