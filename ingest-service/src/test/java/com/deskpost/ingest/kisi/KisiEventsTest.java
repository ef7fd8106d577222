package com.deskpost.ingest.kisi;

import static com.deskpost.testfixtures.MemberBuilder.aMember;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.deskpost.events.AfterHoursAccess;
import com.deskpost.events.BuildingIncident;
import com.deskpost.events.IncidentSeverity;
import com.deskpost.events.KeycardProvisioned;
import com.deskpost.events.KeycardRevoked;
import com.deskpost.events.Member;
import com.deskpost.ingest.vendor.AccessOutcome.Ignored;
import com.deskpost.ingest.vendor.AccessOutcome.Mapped;
import com.deskpost.ingest.vendor.VendorIndex;
import com.deskpost.ingest.vendor.VendorWebhooks;
import com.deskpost.schemas.json.InvalidJsonException;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KisiEventsTest {

    private final VendorIndex index = new VendorIndex();
    private final KisiEvents events = new KisiEvents(new KisiProperties("key-0123456789abcdef", "kisi-",
            Map.of("77", "LDN-K"), Map.of("77", "Europe/London 07:00-20:00"), null, null), index);

    @Test
    void aCardAssignedToAUserTheDirectoryKnowsIsAKeycardForThatMemberWhenItHappened() {
        index.member("M-KISI", Member.newBuilder(aMember("M-KISI").email("ada@k.example").at("LDN-K").build())
                .setExternalIds(Map.of("kisi", "501")).build());

        Mapped mapped = (Mapped) events.map(json(KisiFixtures.card("card.assign_user", "u-1",
                501, 77, "2026-12-01T09:15:00Z")));

        assertThat(mapped.vendorEventId()).isEqualTo("u-1");
        assertThat(mapped.event().getMemberId()).isEqualTo("M-KISI");
        assertThat(mapped.event().getHeader().getLocationId()).isEqualTo("LDN-K");
        assertThat(mapped.event().getHeader().getOccurredAt()).isEqualTo(Instant.parse("2026-12-01T09:15:00Z"));
        assertThat(mapped.event().getHeader().getEntityVersion())
                .isEqualTo(Instant.parse("2026-12-01T09:15:00Z").toEpochMilli());
        assertThat(mapped.event().getHeader().getEventId()).isEqualTo(VendorWebhooks.eventId("kisi", "u-1"));
        KeycardProvisioned card = (KeycardProvisioned) mapped.event().getPayload();
        assertThat(card.getKeycardId()).isEqualTo("90210");
        assertThat(card.getValidFrom()).isEqualTo(Instant.parse("2026-12-01T09:15:00Z"));
    }

    @Test
    void aCardDeassignedFromAnUnknownUserIsRevokedUnderTheFallbackId() {
        Mapped mapped = (Mapped) events.map(json(KisiFixtures.card("card.deassign", "u-2", 502,
                88, "2026-12-01T09:15:00Z")));

        assertThat(mapped.event().getMemberId()).isEqualTo("kisi-502");
        assertThat(mapped.event().getHeader().getLocationId()).isEqualTo("88");
        assertThat(((KeycardRevoked) mapped.event().getPayload()).getReason()).isEqualTo("Kisi: card.deassign");
    }

    @Test
    void anUnlockAfterClosingIsAfterHoursAccessDatedWhenTheDoorOpenedNotWhenKisiSentIt() {
        // 21:30 in London, reported by Kisi whenever it is
        Mapped mapped = (Mapped) events.map(json(KisiFixtures.unlock("u-3", 501,
                "ada@k.example", 77, "2026-12-01T21:30:00Z")));

        AfterHoursAccess access = (AfterHoursAccess) mapped.event().getPayload();
        assertThat(access.getDoorId()).isEqualTo("4711");
        assertThat(access.getDoorName()).isEqualTo("Main Entrance");
        assertThat(access.getAccessedAt()).isEqualTo(Instant.parse("2026-12-01T21:30:00Z"));
        assertThat(mapped.event().getHeader().getOccurredAt()).isEqualTo(Instant.parse("2026-12-01T21:30:00Z"));
    }

    @Test
    void unlocksWithinHoursAtPlacesWithoutHoursAndFailedOnesAreIgnored() {
        assertThat(events.map(json(KisiFixtures.unlock("u-4", 501, "a@k.example", 77, "2026-12-01T12:00:00Z"))))
                .isInstanceOfSatisfying(Ignored.class,
                        ignored -> assertThat(ignored.reason()).contains("within opening hours"));
        assertThat(events.map(json(KisiFixtures.unlock("u-5", 501, "a@k.example", 99, "2026-12-01T23:00:00Z"))))
                .isInstanceOfSatisfying(Ignored.class,
                        ignored -> assertThat(ignored.reason()).contains("no opening hours"));
        String failed = KisiFixtures.unlock("u-6", 501, "a@k.example", 77, "2026-12-01T23:00:00Z")
                .replace("\"success\": true", "\"success\": false");
        assertThat(events.map(json(failed))).isInstanceOf(Ignored.class);
        assertThat(events.map(json("{\"type\": \"user.sign_in\", \"uuid\": \"u-7\"}")))
                .isInstanceOfSatisfying(Ignored.class,
                        ignored -> assertThat(ignored.reason()).contains("user.sign_in is not mapped"));
    }

    @Test
    void aDoorForcedOpenIsAnInfoIncidentNamingTheDoor() {
        Mapped mapped = (Mapped) events.map(json(KisiFixtures.forcedOpen("u-8", 77,
                "2026-12-01T03:00:00Z")));

        BuildingIncident incident = (BuildingIncident) mapped.event().getPayload();
        assertThat(incident.getSeverity()).isEqualTo(IncidentSeverity.INFO);
        assertThat(incident.getSummary()).isEqualTo("Door forced open: Back Door");
        assertThat(mapped.event().getHeader().getLocationId()).isEqualTo("LDN-K");
    }

    @Test
    void aBadPayloadNamesTheJsonPath() {
        assertThatThrownBy(() -> events.map(json(KisiFixtures.card("card.assign", "u-9", 501, 77, "yesterday"))))
                .isInstanceOf(InvalidJsonException.class).hasMessageContaining("$.created_at");
    }

    private static tools.jackson.databind.JsonNode json(String body) {
        return VendorWebhooks.object(body.getBytes(java.nio.charset.StandardCharsets.UTF_8), "Kisi's event");
    }
}
