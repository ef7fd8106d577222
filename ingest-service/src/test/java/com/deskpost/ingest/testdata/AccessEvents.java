package com.deskpost.ingest.testdata;

import com.deskpost.events.AccessEvent;
import com.deskpost.events.DoorCodeChanged;
import com.deskpost.events.EventHeader;
import com.deskpost.schemas.ContractClasses;
import java.time.Instant;
import java.util.UUID;

/** Small valid access events. */
public final class AccessEvents {

    static {
        ContractClasses.trust();
    }

    private AccessEvents() {
    }

    /** The member's main-entrance code changed to {@code code} (clear, or sealed by the facility system). */
    public static AccessEvent doorCodeChanged(String memberId, String locationId, String code) {
        Instant at = Instant.parse("2026-12-01T09:00:00Z");
        return AccessEvent.newBuilder()
                .setHeader(EventHeader.newBuilder().setEventId(UUID.randomUUID().toString()).setOccurredAt(at)
                        .setSource("facility-doors").setEntityVersion(1).setLocationId(locationId)
                        .setCorrelationId("corr-door-" + memberId).build())
                .setMemberId(memberId)
                .setPayload(DoorCodeChanged.newBuilder().setDoorId("D-MAIN").setDoorName("Main entrance")
                        .setNewCode(code).setEffectiveFrom(at).build())
                .build();
    }
}
