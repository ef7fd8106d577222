package com.deskpost.ingest.vendor;

import com.deskpost.events.AccessEvent;
import com.deskpost.events.EventHeader;
import java.time.Instant;

/**
 * What one event of an access-control vendor (Kisi, Brivo) becomes: one facility.access event, or nothing, with the
 * reason the vendor is answered. The event is dated when it happened at the vendor, however late it is delivered,
 * and that instant is also its entity version; its id is named from the vendor's event id ({@link
 * VendorWebhooks#eventId}), so every arrival of it yields the same drafts.
 */
public sealed interface AccessOutcome {

    /**
     * @param vendor        lower-case vendor name ("kisi")
     * @param vendorEventId the vendor's id of the event (what its retries repeat)
     */
    record Mapped(String vendor, String vendorEventId, AccessEvent event) implements AccessOutcome {
    }

    record Ignored(String reason) implements AccessOutcome {
    }

    /** The facility.access event for the vendor's event: {@code payload} about {@code member} at {@code location}. */
    static Mapped mapped(String vendor, String vendorEventId, Instant happened, String location, String member,
            Object payload) {
        EventHeader header = EventHeader.newBuilder()
                .setEventId(VendorWebhooks.eventId(vendor, vendorEventId))
                .setOccurredAt(happened)
                .setSource(vendor + "-webhook")
                .setEntityVersion(happened.toEpochMilli())
                .setLocationId(location)
                .setCorrelationId(vendor + ":" + vendorEventId)
                .build();
        return new Mapped(vendor, vendorEventId, AccessEvent.newBuilder().setHeader(header).setMemberId(member)
                .setPayload(payload).build());
    }
}
