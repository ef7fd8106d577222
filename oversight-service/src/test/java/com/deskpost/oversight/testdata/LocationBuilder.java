package com.deskpost.oversight.testdata;

import com.deskpost.events.EventHeader;
import com.deskpost.events.Location;
import com.deskpost.events.PostalAddress;
import com.deskpost.schemas.ContractClasses;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/** A location directory entry whose mailboxes are derived from its id, as in the simulator. */
public final class LocationBuilder {

    static {
        ContractClasses.trust();
    }

    private final String id;

    private LocationBuilder(String id) {
        this.id = id;
    }

    public static LocationBuilder aLocation(String id) {
        return new LocationBuilder(id);
    }

    public static String staffMailboxOf(String id) {
        return "staff@" + id.toLowerCase(Locale.ROOT) + ".deskpost.example";
    }

    public Location build() {
        return Location.newBuilder()
                .setHeader(EventHeader.newBuilder()
                        .setEventId("loc-" + id)
                        .setOccurredAt(Instant.parse("2025-01-01T00:00:00Z"))
                        .setSource("directory-sync")
                        .setEntityVersion(1)
                        .setLocationId(id)
                        .setCorrelationId("loc-" + id)
                        .build())
                .setLocationId(id)
                .setName("Deskpost " + id)
                .setAddress(PostalAddress.newBuilder().setLine1("1 Market Street").setCity("London")
                        .setPostalCode("EC2A 4NE").setCountry("GB").build())
                .setTimeZone("Europe/London")
                .setJurisdiction("UK")
                .setSenderMailbox("hello@" + id.toLowerCase(Locale.ROOT) + ".deskpost.example")
                .setSenderName("Deskpost " + id)
                .setStaffMailbox(staffMailboxOf(id))
                .setApprovers(List.of("M-STAFF-1"))
                .build();
    }
}
