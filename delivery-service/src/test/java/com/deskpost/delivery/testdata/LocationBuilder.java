package com.deskpost.delivery.testdata;

import com.deskpost.events.EventHeader;
import com.deskpost.events.Location;
import com.deskpost.events.PostalAddress;
import com.deskpost.schemas.ContractClasses;
import java.time.Instant;
import java.util.List;

/** Deskpost Shoreditch, with or without a Reply-To address of its own. */
public final class LocationBuilder {

    static {
        ContractClasses.trust();
    }

    public static final String SENDER = "hello@shoreditch.deskpost.example";
    public static final String SENDER_NAME = "Deskpost Shoreditch";
    public static final String STAFF = "staff@shoreditch.deskpost.example";
    public static final String REPLY_TO = "community@shoreditch.deskpost.example";

    private String replyTo = REPLY_TO;

    private LocationBuilder() {
    }

    public static LocationBuilder aLocation() {
        return new LocationBuilder();
    }

    public LocationBuilder withoutReplyTo() {
        this.replyTo = null;
        return this;
    }

    public Location build() {
        return Location.newBuilder()
                .setHeader(EventHeader.newBuilder()
                        .setEventId("loc-LDN-1")
                        .setOccurredAt(Instant.parse("2025-01-01T00:00:00Z"))
                        .setSource("directory-sync")
                        .setEntityVersion(1)
                        .setLocationId("LDN-1")
                        .setCorrelationId("loc-LDN-1")
                        .build())
                .setLocationId("LDN-1")
                .setName(SENDER_NAME)
                .setAddress(PostalAddress.newBuilder().setLine1("1 Market Street").setCity("London")
                        .setPostalCode("EC2A 4NE").setCountry("GB").build())
                .setTimeZone("Europe/London")
                .setJurisdiction("UK")
                .setSenderMailbox(SENDER)
                .setSenderName(SENDER_NAME)
                .setStaffMailbox(STAFF)
                .setApprovers(List.of("M-STAFF-1"))
                .setReplyTo(replyTo)
                .build();
    }
}
