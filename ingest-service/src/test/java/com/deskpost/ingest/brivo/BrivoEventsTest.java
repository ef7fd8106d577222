package com.deskpost.ingest.brivo;

import static com.deskpost.testfixtures.LocationBuilder.aLocation;
import static com.deskpost.testfixtures.MemberBuilder.aMember;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.deskpost.events.AfterHoursAccess;
import com.deskpost.events.BuildingIncident;
import com.deskpost.events.IncidentSeverity;
import com.deskpost.events.Location;
import com.deskpost.events.Member;
import com.deskpost.ingest.vendor.AccessOutcome;
import com.deskpost.ingest.vendor.AccessOutcome.Ignored;
import com.deskpost.ingest.vendor.AccessOutcome.Mapped;
import com.deskpost.ingest.vendor.VendorIndex;
import com.deskpost.ingest.vendor.VendorWebhooks;
import com.deskpost.schemas.json.InvalidJsonException;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class BrivoEventsTest {

    private final VendorIndex index = new VendorIndex();
    private final BrivoEvents events = new BrivoEvents(new BrivoIds(new BrivoProperties("token-0123456789abcdef",
            "brivo-", Map.of("7833522", "NYC-B"), Map.of("7833522", "America/New_York 07:00-20:00"), null, null),
            index));

    @Test
    void aUsersAccessAfterClosingIsAfterHoursAccessForTheMemberTheDirectoryNamesDatedWhenItHappened() {
        // Given the directory knows Brivo user 55601 as M-BRIVO
        index.member("M-BRIVO", Member.newBuilder(aMember("M-BRIVO").email("ada@b.example").at("NYC-B").build())
                .setExternalIds(Map.of("brivo", "55601")).build());

        // When the user's credential opens the main entrance at 22:30 New York time (03:30 UTC)
        Mapped mapped = (Mapped) events.map(json(BrivoFixtures.access("b-1", 55601, 7833522,
                "2026-12-02T03:30:00Z")));

        // Then it is an AfterHoursAccess for that member, at the mapped location, dated when the door opened
        assertThat(mapped.vendorEventId()).isEqualTo("b-1");
        assertThat(mapped.event().getMemberId()).isEqualTo("M-BRIVO");
        assertThat(mapped.event().getHeader().getLocationId()).isEqualTo("NYC-B");
        Instant happened = Instant.parse("2026-12-02T03:30:00Z");
        assertThat(mapped.event().getHeader().getOccurredAt()).isEqualTo(happened);
        assertThat(mapped.event().getHeader().getEntityVersion()).isEqualTo(happened.toEpochMilli());
        assertThat(mapped.event().getHeader().getEventId()).isEqualTo(VendorWebhooks.eventId("brivo", "b-1"));
        assertThat(mapped.event().getHeader().getSource()).isEqualTo("brivo-webhook");
        AfterHoursAccess access = (AfterHoursAccess) mapped.event().getPayload();
        assertThat(access.getDoorId()).isEqualTo("408023598");
        assertThat(access.getDoorName()).isEqualTo("Main Entrance");
        assertThat(access.getAccessedAt()).isEqualTo(happened);
    }

    @Test
    void anUnknownUserAtASiteTheDirectoryNamesFallsBackToThePrefixedIdAtThatLocation() {
        index.location("NYC-DIR", Location.newBuilder(aLocation("NYC-DIR").build())
                .setExternalIds(Map.of("brivo", "7833522")).build());

        Mapped mapped = (Mapped) events.map(json(BrivoFixtures.access("b-2", 55602, 7833522,
                "2026-12-02T03:30:00Z")));

        assertThat(mapped.event().getMemberId()).isEqualTo("brivo-55602");
        assertThat(mapped.event().getHeader().getLocationId()).isEqualTo("NYC-DIR");
    }

    @Test
    void anAccessWithinOpeningHoursAtASiteWithoutHoursByAnAdministratorOrDeniedIsIgnoredWithTheReason() {
        // 12:00 in New York
        assertIgnored(BrivoFixtures.access("b-3", 55601, 7833522, "2026-12-01T17:00:00Z"), "within opening hours");
        assertIgnored(BrivoFixtures.access("b-4", 55601, 99, "2026-12-02T03:30:00Z"),
                "deskpost.ingest.brivo.opening-hours.99");
        assertIgnored(BrivoFixtures.door("b-5", "Administrator Pulse Output", false, true, 912347, "QA Admin",
                7833522, "2026-12-02T03:30:00Z"), "administrator's action");
        assertIgnored(BrivoFixtures.door("b-6", "Invalid Credential", true, false, 55601, "Ada Brivo", 7833522,
                "2026-12-02T03:30:00Z"), "Invalid Credential) is not mapped");
    }

    @Test
    void aDoorForcedOpenIsAnInfoIncidentForTheSite() {
        Mapped mapped = (Mapped) events.map(json(BrivoFixtures.forced("b-7", 7833522,
                "2026-12-01T17:00:00Z")));

        assertThat(mapped.event().getMemberId()).isEqualTo("brivo-site-7833522");
        assertThat(mapped.event().getHeader().getLocationId()).isEqualTo("NYC-B");
        assertThat(mapped.event().getHeader().getOccurredAt()).isEqualTo(Instant.parse("2026-12-01T17:00:00Z"));
        BuildingIncident incident = (BuildingIncident) mapped.event().getPayload();
        assertThat(incident.getSeverity()).isEqualTo(IncidentSeverity.INFO);
        assertThat(incident.getSummary()).isEqualTo("Door forced open: Back Door");
        assertThat(incident.getIncidentId()).isEqualTo("brivo-b-7");
        assertThat(incident.getDetails()).contains("Brivo Midtown", "Door Forced Open");
    }

    @Test
    void forcedIsMatchedInAnyCaseButOnlyOnAnException() {
        String shouting = BrivoFixtures.forced("b-8", 7833522, "2026-12-01T17:00:00Z")
                .replace("Door Forced Open", "DOOR FORCED");
        assertThat(events.map(json(shouting))).isInstanceOf(Mapped.class);
        assertIgnored(shouting.replace("\"exception\": true", "\"exception\": false"), "is not an exception");
    }

    @Test
    void credentialAuditEventsAreIgnoredBecauseTheDocumentedShapeNamesNoCredentialOrHolder() {
        assertIgnored(BrivoFixtures.audit("b-9", "Credential Assigned", "2026-12-01T17:00:00Z"),
                "cannot tell whose keycard changed");
        assertIgnored(BrivoFixtures.audit("b-10", "User Login", "2026-12-01T17:00:00Z"), "User Login) is not mapped");
    }

    @Test
    void aMissingOrMalformedFieldNamesItsJsonPath() {
        String access = BrivoFixtures.access("b-11", 55601, 7833522, "2026-12-02T03:30:00Z");
        assertThatThrownBy(() -> events.map(json(access.replace("\"occurred\": \"2026-12-02T03:30:00Z\"",
                "\"occurred\": \"last night\""))))
                .isInstanceOf(InvalidJsonException.class).hasMessageContaining("$.occurred");
        assertThatThrownBy(() -> events.map(json(access.replace("\"site\": {\"id\": 7833522,", "\"site\": {"))))
                .isInstanceOf(InvalidJsonException.class).hasMessageContaining("$.site.id");
        assertThatThrownBy(() -> events.map(json("{\"uuid\": \"b-12\", \"occurred\": \"2026-12-02T03:30:00Z\"}")))
                .isInstanceOf(InvalidJsonException.class).hasMessageContaining("$.securityAction");
    }

    private void assertIgnored(String body, String reason) {
        AccessOutcome outcome = events.map(json(body));
        assertThat(outcome).isInstanceOf(Ignored.class);
        assertThat(((Ignored) outcome).reason()).contains(reason);
    }

    private static JsonNode json(String body) {
        return VendorWebhooks.object(body.getBytes(java.nio.charset.StandardCharsets.UTF_8), "test");
    }
}
