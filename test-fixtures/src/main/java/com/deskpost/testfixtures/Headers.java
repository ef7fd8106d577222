package com.deskpost.testfixtures;

import com.deskpost.events.EventHeader;
import java.time.Instant;

/** Event headers for test data: source {@code test}, correlated by the event id. */
public final class Headers {

    private Headers() {
    }

    /** A header from source {@code test} whose correlation id is {@code c-<eventId>}. */
    public static EventHeader header(String eventId, long version, String locationId, Instant occurredAt) {
        return EventHeader.newBuilder().setEventId(eventId).setOccurredAt(occurredAt).setSource("test")
                .setEntityVersion(version).setLocationId(locationId).setCorrelationId("c-" + eventId).build();
    }
}
