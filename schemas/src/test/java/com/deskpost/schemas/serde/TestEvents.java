package com.deskpost.schemas.serde;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import com.deskpost.events.AccessEvent;
import com.deskpost.events.BillingEvent;
import com.deskpost.events.BookedResource;
import com.deskpost.events.BookingCreated;
import com.deskpost.events.BookingEvent;
import com.deskpost.events.EntityStatus;
import com.deskpost.events.EntityVersion;
import com.deskpost.events.EventHeader;
import com.deskpost.events.Guest;
import com.deskpost.events.KeycardProvisioned;
import com.deskpost.events.Money;
import com.deskpost.events.PaymentFailed;
import com.deskpost.events.ResourceKind;

/** Small, realistic events for serde tests. */
final class TestEvents {

    static final Instant NOON = Instant.parse("2025-03-14T12:00:00Z");

    private TestEvents() {
    }

    static EventHeader header(String eventId) {
        return EventHeader.newBuilder()
                .setEventId(eventId)
                .setOccurredAt(NOON)
                .setSource("nexudus-bridge")
                .setEntityVersion(4)
                .setLocationId("shoreditch")
                .setCorrelationId("corr-" + eventId)
                .build();
    }

    static BookingEvent bookingCreated(String bookingId) {
        BookingCreated created = BookingCreated.newBuilder()
                .setResource(BookedResource.newBuilder()
                        .setResourceId("room-ada")
                        .setName("Meeting room Ada")
                        .setKind(ResourceKind.MEETING_ROOM)
                        .setFloor("3rd floor")
                        .build())
                .setStartsAt(NOON)
                .setEndsAt(NOON.plusSeconds(3600))
                .setGuests(List.of(Guest.newBuilder().setName("Grace Hopper").setEmail("grace@example.com").build()))
                .setNotes("Projector, please — ünïcödé too")
                .build();
        return BookingEvent.newBuilder()
                .setHeader(header("evt-" + bookingId))
                .setBookingId(bookingId)
                .setMemberId("M-7")
                .setPayload(created)
                .build();
    }

    static AccessEvent keycardProvisioned() {
        return AccessEvent.newBuilder()
                .setHeader(header("evt-card"))
                .setMemberId("M-7")
                .setPayload(KeycardProvisioned.newBuilder()
                        .setKeycardId("K-100")
                        .setValidFrom(NOON)
                        .setValidUntil(NOON.plusSeconds(86_400))
                        .setZones(List.of("main-entrance", "floor-3"))
                        .build())
                .build();
    }

    static BillingEvent paymentFailed() {
        return BillingEvent.newBuilder()
                .setHeader(header("evt-pay"))
                .setSubscriptionId("S-9")
                .setMemberId("M-7")
                .setPayload(PaymentFailed.newBuilder()
                        .setPaymentId("pay-1")
                        .setAmount(Money.newBuilder().setAmountMinor(-12_500).setCurrency("EUR").build())
                        .setFailedAt(NOON)
                        .setFailureReason("card_declined")
                        .setRetryAt(NOON.plusSeconds(7200))
                        .setPeriodStart(LocalDate.of(2025, 4, 1))
                        .build())
                .build();
    }

    static EntityVersion entityVersion(EntityStatus status) {
        return EntityVersion.newBuilder()
                .setSupersedeKey("booking:B-1042")
                .setVersion(3)
                .setStatus(status)
                .setSourceEventId("evt-3")
                .setOccurredAt(NOON)
                .build();
    }
}
