package com.deskpost.access.testdata;

import com.deskpost.events.AccessEvent;
import com.deskpost.events.AfterHoursAccess;
import com.deskpost.events.AfterHoursOverride;
import com.deskpost.events.BuildingIncident;
import com.deskpost.events.ContractorAccessGranted;
import com.deskpost.events.DoorCodeChanged;
import com.deskpost.events.IncidentSeverity;
import com.deskpost.events.KeycardProvisioned;
import com.deskpost.events.KeycardRevoked;
import com.deskpost.events.MasterKeycodeReset;
import com.deskpost.events.VisitorPreAuthorized;
import java.time.Instant;
import java.util.List;

/** One builder per access payload, with plausible values; credentials are the caller's. */
public final class AccessEvents {

    public static final Instant AT = Instant.parse("2026-11-24T18:30:00Z");

    private AccessEvents() {
    }

    public static AccessEvent event(String eventId, long version, String locationId, String memberId, Object payload) {
        return AccessEvent.newBuilder().setHeader(TestDirectory.header(eventId, version, locationId))
                .setMemberId(memberId).setPayload(payload).build();
    }

    public static KeycardProvisioned keycard(String id) {
        return KeycardProvisioned.newBuilder().setKeycardId(id).setValidFrom(AT).setZones(List.of("main-entrance"))
                .build();
    }

    public static KeycardRevoked revoked(String id) {
        return KeycardRevoked.newBuilder().setKeycardId(id).setReason("reported lost").build();
    }

    public static DoorCodeChanged doorCode(String doorId, String code) {
        return DoorCodeChanged.newBuilder().setDoorId(doorId).setDoorName("Door " + doorId).setNewCode(code)
                .setEffectiveFrom(AT).build();
    }

    public static AfterHoursAccess afterHours(String doorId) {
        return AfterHoursAccess.newBuilder().setDoorId(doorId).setDoorName("Door " + doorId).setAccessedAt(AT).build();
    }

    public static MasterKeycodeReset masterReset(String code, String resetBy) {
        return MasterKeycodeReset.newBuilder().setNewKeycode(code).setResetBy(resetBy).setEffectiveFrom(AT).build();
    }

    public static AfterHoursOverride override(String doorId, String by) {
        return AfterHoursOverride.newBuilder().setDoorId(doorId).setDoorName("Door " + doorId).setAuthorisedBy(by)
                .setWindowStart(AT).setWindowEnd(AT.plusSeconds(7200)).setReason("late delivery").build();
    }

    public static VisitorPreAuthorized visitor(String name, String code) {
        return VisitorPreAuthorized.newBuilder().setVisitorName(name).setVisitorEmail("visitor@guests.example")
                .setValidFrom(AT).setValidUntil(AT.plusSeconds(3600)).setAccessCode(code).build();
    }

    public static ContractorAccessGranted contractor(String name, String code) {
        return ContractorAccessGranted.newBuilder().setContractorName(name).setCompany("Fixit Ltd")
                .setValidFrom(AT).setValidUntil(AT.plusSeconds(3600 * 8)).setZones(List.of("plant-room"))
                .setAccessCode(code).build();
    }

    public static BuildingIncident incident(String id) {
        return BuildingIncident.newBuilder().setIncidentId(id).setSeverity(IncidentSeverity.CRITICAL)
                .setSummary("Fire alarm").setDetails("Leave by the nearest exit and gather in the square.").build();
    }
}
