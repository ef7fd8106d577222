package com.deskpost.ingest.officernd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.deskpost.events.BookingCancelled;
import com.deskpost.events.BookingCreated;
import com.deskpost.events.BookingEvent;
import com.deskpost.events.BookingModified;
import com.deskpost.events.ResourceKind;
import com.deskpost.ingest.vendor.VendorIndex;
import com.deskpost.schemas.ContractClasses;
import com.deskpost.schemas.json.InvalidJsonException;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

class OfficeRndBookingsTest {

    private static final String OFFICE = "5e1d8bd37f8759001051c0ff";
    private static final OfficeRndBookings MAPPER = new OfficeRndBookings(new OfficeRndIds(
            new OfficeRndProperties("secret-secret-secret", "", "", Map.of(OFFICE, "LDN"), null, null, null),
            new VendorIndex()));

    @BeforeAll
    static void trust() {
        ContractClasses.trust();
    }

    @Test
    void createdWebhookIsABookingCreated() {
        BookingEvent event = MAPPER.map(sample("booking-created")).orElseThrow();

        assertThat(event.getBookingId()).isEqualTo("6743a1f2c9e77a0012a4b0aa");
        assertThat(event.getMemberId()).isEqualTo("5e8c9df14d46c7001064c3ef");
        assertThat(event.getHeader().getLocationId()).isEqualTo("LDN");
        assertThat(event.getHeader().getEventId()).isEqualTo(
                UUID.nameUUIDFromBytes("officernd:6743a1f2c9e77a0012a4b001".getBytes()).toString());
        assertThat(event.getHeader().getEntityVersion())
                .isEqualTo(Instant.parse("2026-11-24T08:15:00Z").toEpochMilli());
        assertThat(event.getHeader().getSource()).isEqualTo("officernd-webhook");
        BookingCreated created = (BookingCreated) event.getPayload();
        assertThat(created.getStartsAt()).isEqualTo(Instant.parse("2026-12-01T09:00:00Z"));
        assertThat(created.getEndsAt()).isEqualTo(Instant.parse("2026-12-01T10:30:00Z"));
        assertThat(created.getResource().getResourceId()).isEqualTo("5e1d8bd37f8759001051a001");
        assertThat(created.getResource().getName()).isEqualTo("Meeting room Ada");
        assertThat(created.getNotes()).isEqualTo("Projector, please");
    }

    @Test
    void updatedWebhookIsABookingModifiedWithExpandedReferencesAndLocalTimes() {
        BookingEvent event = MAPPER.map(sample("booking-updated")).orElseThrow();

        BookingModified modified = (BookingModified) event.getPayload();
        assertThat(event.getMemberId()).isEqualTo("5e8c9df14d46c7001064c3ef");
        assertThat(event.getHeader().getLocationId()).isEqualTo("LDN");
        // 11:00 in London on 1 December is 11:00 UTC (GMT)
        assertThat(modified.getStartsAt()).isEqualTo(Instant.parse("2026-12-01T11:00:00Z"));
        assertThat(modified.getResource().getName()).isEqualTo("Meeting room Grace");
        assertThat(modified.getResource().getKind()).isEqualTo(ResourceKind.MEETING_ROOM);
        assertThat(event.getHeader().getEntityVersion())
                .isGreaterThan(MAPPER.map(sample("booking-created")).orElseThrow().getHeader().getEntityVersion());
    }

    @Test
    void canceledUpdateIsABookingCancelled() {
        BookingEvent event = MAPPER.map(sample("booking-canceled")).orElseThrow();

        assertThat(event.getPayload()).isInstanceOf(BookingCancelled.class);
        assertThat(event.getHeader().getEntityVersion()).isEqualTo(Instant.parse("2026-11-24T10:05:00.200Z").toEpochMilli());
    }

    @Test
    void removedWebhookIsABookingCancelledThatSupersedesTheLastChange() {
        BookingEvent removed = MAPPER.map(sample("booking-removed")).orElseThrow();
        BookingEvent updated = MAPPER.map(sample("booking-updated")).orElseThrow();

        assertThat(((BookingCancelled) removed.getPayload()).getReason()).isEqualTo("Removed in OfficeRnD");
        // modifiedAt did not move on removal; the webhook's time orders it after the update
        assertThat(removed.getHeader().getEntityVersion()).isGreaterThan(updated.getHeader().getEntityVersion());
    }

    @Test
    void sameWebhookTwiceMapsToTheSameEvent() {
        assertThat(MAPPER.map(sample("booking-created"))).isEqualTo(MAPPER.map(sample("booking-created")));
    }

    @Test
    void prefixesAndUnmappedOfficesAreApplied() {
        OfficeRndBookings prefixed = new OfficeRndBookings(new OfficeRndIds(
                new OfficeRndProperties("", "ornd-", "M-", Map.of(), null, null, null), new VendorIndex()));

        BookingEvent event = prefixed.map(sample("booking-created")).orElseThrow();

        assertThat(event.getBookingId()).isEqualTo("ornd-6743a1f2c9e77a0012a4b0aa");
        assertThat(event.getMemberId()).isEqualTo("M-5e8c9df14d46c7001064c3ef");
        assertThat(event.getHeader().getLocationId()).isEqualTo(OFFICE);
    }

    @Test
    void otherEventTypesMapToNothing() {
        assertThat(MAPPER.map(sample("member-removed"))).isEmpty();
    }

    @Test
    void missingFieldsAreNamedByPath() {
        ObjectNode webhook = (ObjectNode) sample("booking-created");
        ((ObjectNode) webhook.get("data").get("object").get("start")).remove("dateTime");

        assertThatThrownBy(() -> MAPPER.map(webhook)).isInstanceOfSatisfying(InvalidJsonException.class,
                e -> assertThat(e.path()).isEqualTo("$.data.object.start.dateTime"));

        ObjectNode noMember = (ObjectNode) sample("booking-created");
        ((ObjectNode) noMember.get("data").get("object")).remove("member");
        assertThatThrownBy(() -> MAPPER.map(noMember)).isInstanceOfSatisfying(InvalidJsonException.class,
                e -> assertThat(e.path()).isEqualTo("$.data.object.member"));
    }

    @Test
    void resourceTypesMapOntoKinds() {
        assertThat(OfficeRndBookings.kind("hotdesk")).isEqualTo(ResourceKind.DESK);
        assertThat(OfficeRndBookings.kind("team_room")).isEqualTo(ResourceKind.OFFICE);
        assertThat(OfficeRndBookings.kind("parking")).isEqualTo(ResourceKind.OTHER);
    }

    static JsonNode sample(String name) {
        try (InputStream in = OfficeRndBookingsTest.class.getResourceAsStream("/officernd/" + name + ".json")) {
            return JsonMapper.builder().build().readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
