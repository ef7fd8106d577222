package com.deskpost.ops;

import com.deskpost.events.AccessEvent;
import com.deskpost.events.BookedResource;
import com.deskpost.events.BookingCreated;
import com.deskpost.events.BookingEvent;
import com.deskpost.events.DoorCodeChanged;
import com.deskpost.events.EventHeader;
import com.deskpost.events.ResourceKind;
import java.time.Instant;
import java.util.UUID;

/** Small builders of contract events for the CLI's tests. */
public final class TestEvents {

    private TestEvents() {
    }

    public static BookingEvent booking(String bookingId, String memberId) {
        return BookingEvent.newBuilder()
                .setHeader(header("LDN-1"))
                .setBookingId(bookingId)
                .setMemberId(memberId)
                .setPayload(BookingCreated.newBuilder()
                        .setResource(BookedResource.newBuilder().setResourceId("R-1").setName("Room 1")
                                .setKind(ResourceKind.MEETING_ROOM).build())
                        .setStartsAt(Instant.parse("2026-12-01T10:00:00Z"))
                        .setEndsAt(Instant.parse("2026-12-01T11:00:00Z"))
                        .build())
                .build();
    }

    public static AccessEvent doorCode(String memberId, String code) {
        return AccessEvent.newBuilder()
                .setHeader(header("LDN-1"))
                .setMemberId(memberId)
                .setPayload(DoorCodeChanged.newBuilder().setDoorId("D-1").setDoorName("Front door").setNewCode(code)
                        .setEffectiveFrom(Instant.parse("2026-12-01T00:00:00Z")).build())
                .build();
    }

    private static EventHeader header(String locationId) {
        String id = UUID.randomUUID().toString();
        return EventHeader.newBuilder().setEventId(id).setOccurredAt(Instant.parse("2026-11-30T09:00:00Z"))
                .setSource("ops-cli-test").setEntityVersion(1).setLocationId(locationId).setCorrelationId(id).build();
    }
}
