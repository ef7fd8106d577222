package com.deskpost.ingest.testdata;

import static com.deskpost.testfixtures.MemberBuilder.aMember;

import com.deskpost.events.BookedResource;
import com.deskpost.events.BookingCreated;
import com.deskpost.events.BookingEvent;
import com.deskpost.events.EventHeader;
import com.deskpost.events.Guest;
import com.deskpost.events.Member;
import com.deskpost.events.ResourceKind;
import com.deskpost.schemas.ContractClasses;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Small valid booking events, and a member for the directory. */
public final class Bookings {

    static {
        ContractClasses.trust();
    }

    private Bookings() {
    }

    public static BookingEvent created(String bookingId, String memberId, String locationId) {
        Instant start = Instant.parse("2026-12-01T09:00:00Z");
        return BookingEvent.newBuilder()
                .setHeader(EventHeader.newBuilder().setEventId(UUID.randomUUID().toString()).setOccurredAt(start)
                        .setSource("facility-crm").setEntityVersion(1).setLocationId(locationId)
                        .setCorrelationId("corr-" + bookingId).build())
                .setBookingId(bookingId)
                .setMemberId(memberId)
                .setPayload(BookingCreated.newBuilder()
                        .setResource(BookedResource.newBuilder().setResourceId("R-ADA").setName("Meeting room Ada")
                                .setKind(ResourceKind.MEETING_ROOM).build())
                        .setStartsAt(start).setEndsAt(start.plusSeconds(3600))
                        .setGuests(List.of(Guest.newBuilder().setName("Grace").setEmail("grace@example.com").build()))
                        .build())
                .build();
    }

    public static Member member(String memberId, String email, String locationId) {
        return aMember(memberId)
                .header(EventHeader.newBuilder().setEventId(UUID.randomUUID().toString())
                        .setOccurredAt(Instant.parse("2026-11-24T09:00:00Z")).setSource("facility-hr")
                        .setEntityVersion(1).setLocationId(locationId).setCorrelationId("corr-" + memberId).build())
                .email(email).named(memberId).at(locationId).build();
    }
}
