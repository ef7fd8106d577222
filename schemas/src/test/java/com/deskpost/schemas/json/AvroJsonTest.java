package com.deskpost.schemas.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.deskpost.events.BillingEvent;
import com.deskpost.events.BookedResource;
import com.deskpost.events.BookingCancelled;
import com.deskpost.events.BookingCreated;
import com.deskpost.events.BookingEvent;
import com.deskpost.events.EventHeader;
import com.deskpost.events.Guest;
import com.deskpost.events.Member;
import com.deskpost.events.PaymentFailed;
import com.deskpost.events.ResourceKind;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class AvroJsonTest {

    private static final String EVENT_ID = "3f2b8c1e-5d4a-4e7b-9c0d-1a2b3c4d5e6f";
    private static final Instant NINE = Instant.parse("2026-11-24T09:00:00Z");

    @Test
    void encodedRecordDecodesToAnEqualRecord() {
        BookingEvent booking = booking();

        String json = AvroJson.encode(booking);

        assertThat(json).contains("\"com.deskpost.events.BookingCreated\"").contains("{\"string\":\"3rd floor\"}");
        assertThat(AvroJson.decode(BookingEvent.class, json)).isEqualTo(booking);
    }

    @Test
    void naturalFormsAndDefaultsAreAccepted() {
        String json = """
                {"header": {"event_id": "%s", "occurred_at": "2026-11-24T09:00:00Z", "source": "crm",
                            "entity_version": 2, "location_id": "shoreditch", "correlation_id": "c-1"},
                 "booking_id": "B-1", "member_id": "M-1",
                 "payload": {"BookingCreated": {
                     "resource": {"resource_id": "r-1", "name": "Ada", "floor": {"string": "3rd"}},
                     "starts_at": 1795510800000, "ends_at": "2026-11-24T10:00:00+00:00"}}}
                """.formatted(EVENT_ID);

        BookingEvent decoded = AvroJson.decode(BookingEvent.class, json);

        BookingCreated created = (BookingCreated) decoded.getPayload();
        assertThat(decoded.getHeader().getOccurredAt()).isEqualTo(NINE);
        assertThat(decoded.getHeader().getLocationId()).isEqualTo("shoreditch");
        assertThat(created.getEndsAt()).isEqualTo(NINE.plusSeconds(3600));
        assertThat(created.getGuests()).isEmpty();
        assertThat(created.getNotes()).isNull();
        assertThat(created.getResource().getKind()).isEqualTo(ResourceKind.OTHER);
        assertThat(created.getResource().getFloor()).isEqualTo("3rd");
    }

    @Test
    void datesAndNestedUnionsOfOtherTopicsDecode() {
        BillingEvent billing = BillingEvent.newBuilder().setHeader(header()).setSubscriptionId("S-1").setMemberId("M-1")
                .setPayload(PaymentFailed.newBuilder().setPaymentId("P-1")
                        .setAmount(com.deskpost.events.Money.newBuilder().setAmountMinor(4900).setCurrency("GBP").build())
                        .setFailedAt(NINE).setFailureReason("card_declined").setPeriodStart(LocalDate.of(2026, 12, 1))
                        .setRetryAt(NINE).build())
                .build();

        assertThat(AvroJson.decode(BillingEvent.class, AvroJson.encode(billing))).isEqualTo(billing);
    }

    @Test
    void malformedJsonReportsLineAndColumn() {
        InvalidJsonException e = catchThrowableOfType(InvalidJsonException.class,
                () -> AvroJson.decode(BookingEvent.class, "{\n  \"booking_id\": \"B-1\",\n  \"member_id\" \"M\"\n}"));

        assertThat(e.malformed()).isTrue();
        assertThat(e.line()).isEqualTo(3);
        assertThat(e.column()).isGreaterThan(1);
    }

    @Test
    void emptyAndTrailingTextAreMalformed() {
        assertThat(catchThrowableOfType(InvalidJsonException.class, () -> AvroJson.decode(BookingEvent.class, " "))
                .malformed()).isTrue();
        assertThat(catchThrowableOfType(InvalidJsonException.class,
                () -> AvroJson.decode(BookingEvent.class, AvroJson.encode(booking()) + " {}")).malformed()).isTrue();
    }

    @Test
    void missingRequiredFieldIsNamed() {
        assertViolation(AvroJson.encode(booking()).replace("\"source\":\"crm\",", ""),
                "$.header.source", "missing required field");
    }

    @Test
    void wrongTypeIsNamedWithBothTypes() {
        assertViolation(AvroJson.encode(booking()).replace("\"email\":{\"string\":\"c@example.com\"}", "\"email\":42"),
                "$.payload.guests[2].email", "expected string, got number");
    }

    @Test
    void unknownFieldIsRefused() {
        assertViolation(AvroJson.encode(booking()).replace("\"booking_id\"", "\"colour\":\"red\",\"booking_id\""),
                "$.colour", "unknown field");
    }

    @Test
    void eventIdMustBeAUuid() {
        assertViolation(AvroJson.encode(booking()).replace(EVENT_ID, "evt-1"), "$.header.event_id", "not a valid UUID");
    }

    @Test
    void unparseableTimestampIsALogicalTypeError() {
        assertViolation(AvroJson.encode(booking()).replace("\"occurred_at\":1795510800000", "\"occurred_at\":\"tomorrow\""),
                "$.header.occurred_at", "not a valid timestamp");
    }

    @Test
    void unknownUnionBranchListsTheBranches() {
        assertViolation(AvroJson.encode(booking()).replace("com.deskpost.events.BookingCreated", "BookingMoved"),
                "$.payload", "union branch \"BookingMoved\" is not one of [com.deskpost.events.BookingCreated");
    }

    @Test
    void unknownEnumSymbolListsTheSymbols() {
        assertViolation(AvroJson.encode(booking()).replace("MEETING_ROOM", "BALLROOM"),
                "$.payload.resource.kind", "unknown enum symbol \"BALLROOM\", expected one of [DESK");
    }

    @Test
    void nullWhereNotAllowedAndOutOfRangeNumbersAreRefused() {
        assertViolation(AvroJson.encode(booking()).replace("\"booking_id\":\"B-1\"", "\"booking_id\":null"),
                "$.booking_id", "expected string, got null");
        assertViolation(AvroJson.encode(booking()).replace("\"entity_version\":2", "\"entity_version\":1e3"),
                "$.header.entity_version", "expected long, got number");
        assertViolation(AvroJson.encode(booking()).replace("\"entity_version\":2", "\"entity_version\":99999999999999999999"),
                "$.header.entity_version", "number out of range for long");
    }

    @Test
    void wrapperNamingAnotherTypeInANullableUnionIsRefused() {
        assertViolation(AvroJson.encode(booking()).replace("{\"string\":\"3rd floor\"}", "{\"int\":3}"),
                "$.payload.resource.floor", "union branch \"int\" is not one of [null, string]");
    }

    @Test
    void cancelledWithoutReasonUsesDefaults() {
        String json = AvroJson.encode(booking()).replaceAll("\"payload\":.*}$",
                "\"payload\":{\"com.deskpost.events.BookingCancelled\":{}}}");

        assertThat(AvroJson.decode(BookingEvent.class, json).getPayload())
                .isEqualTo(BookingCancelled.newBuilder().build());
    }

    @Test
    void directoryRecordDefaultsAreFilled() {
        String json = """
                {"header": {"event_id": "%s", "occurred_at": 0, "source": "crm", "entity_version": 1,
                            "correlation_id": "c"},
                 "member_id": "M-1", "email": "a@example.com", "name": "Ada"}
                """.formatted(EVENT_ID);

        Member member = AvroJson.decode(Member.class, json);

        assertThat(member.getLocale()).isEqualTo("en");
        assertThat(member.getLocationIds()).isEmpty();
        assertThat(member.getHeader().getLocationId()).isNull();
    }

    private static void assertViolation(String json, String path, String problem) {
        assertThatThrownBy(() -> AvroJson.decode(BookingEvent.class, json))
                .isInstanceOfSatisfying(InvalidJsonException.class, e -> {
                    assertThat(e.malformed()).isFalse();
                    assertThat(e.path()).isEqualTo(path);
                    assertThat(e.problem()).startsWith(problem);
                });
    }

    private static EventHeader header() {
        return EventHeader.newBuilder().setEventId(EVENT_ID).setOccurredAt(NINE).setSource("crm")
                .setEntityVersion(2).setLocationId("shoreditch").setCorrelationId("c-1").build();
    }

    private static BookingEvent booking() {
        List<Guest> guests = List.of(Guest.newBuilder().setName("A").build(),
                Guest.newBuilder().setName("B").setEmail("b@example.com").build(),
                Guest.newBuilder().setName("C").setEmail("c@example.com").build());
        return BookingEvent.newBuilder().setHeader(header()).setBookingId("B-1").setMemberId("M-1")
                .setPayload(BookingCreated.newBuilder()
                        .setResource(BookedResource.newBuilder().setResourceId("r-1").setName("Ada")
                                .setKind(ResourceKind.MEETING_ROOM).setFloor("3rd floor").build())
                        .setStartsAt(NINE).setEndsAt(NINE.plusSeconds(3600)).setGuests(guests).build())
                .build();
    }
}
