package com.deskpost.testfixtures;

import com.deskpost.events.EventHeader;
import com.deskpost.events.Location;
import com.deskpost.events.PostalAddress;
import com.deskpost.schemas.ContractClasses;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * A London location directory entry: Deskpost Shoreditch with a Reply-To of its own ({@link #aLocation()}), or one
 * whose name and mailboxes are derived from its id, as in the simulator ({@link #aLocation(String)}).
 */
public final class LocationBuilder {

    static {
        ContractClasses.trust();
    }

    public static final String SENDER = "hello@shoreditch.deskpost.example";
    public static final String SENDER_NAME = "Deskpost Shoreditch";
    public static final String STAFF = "staff@shoreditch.deskpost.example";
    public static final String REPLY_TO = "community@shoreditch.deskpost.example";

    private final String id;
    private final String name;
    private final String sender;
    private final String staff;
    private String replyTo;

    private LocationBuilder(String id, String name, String sender, String staff, String replyTo) {
        this.id = id;
        this.name = name;
        this.sender = sender;
        this.staff = staff;
        this.replyTo = replyTo;
    }

    /** Deskpost Shoreditch, {@code LDN-1}, replying to {@link #REPLY_TO}. */
    public static LocationBuilder aLocation() {
        return new LocationBuilder("LDN-1", SENDER_NAME, SENDER, STAFF, REPLY_TO);
    }

    /** "Deskpost {id}", mailboxes at {@code <id>.deskpost.example}, no Reply-To. */
    public static LocationBuilder aLocation(String id) {
        return new LocationBuilder(id, "Deskpost " + id, "hello@" + domainOf(id), staffMailboxOf(id), null);
    }

    public static String staffMailboxOf(String id) {
        return "staff@" + domainOf(id);
    }

    public LocationBuilder withoutReplyTo() {
        this.replyTo = null;
        return this;
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
                .setName(name)
                .setAddress(PostalAddress.newBuilder().setLine1("1 Market Street").setCity("London")
                        .setPostalCode("EC2A 4NE").setCountry("GB").build())
                .setTimeZone("Europe/London")
                .setJurisdiction("UK")
                .setSenderMailbox(sender)
                .setSenderName(name)
                .setStaffMailbox(staff)
                .setApprovers(List.of("M-STAFF-1"))
                .setReplyTo(replyTo)
                .build();
    }

    private static String domainOf(String id) {
        return id.toLowerCase(Locale.ROOT) + ".deskpost.example";
    }
}
