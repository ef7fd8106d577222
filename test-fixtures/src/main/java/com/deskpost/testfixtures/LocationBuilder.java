package com.deskpost.testfixtures;

import com.deskpost.events.EventHeader;
import com.deskpost.events.Location;
import com.deskpost.events.PostalAddress;
import com.deskpost.schemas.ContractClasses;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * A London (UK) location directory entry: Deskpost Shoreditch with a Reply-To of its own ({@link #aLocation()}), or
 * one whose name and mailboxes are derived from its id, as in the simulator ({@link #aLocation(String)}); changed
 * only where a test cares.
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
    private String name;
    private String sender;
    private String staff;
    private String replyTo;
    private PostalAddress address = postalAddress("1 Market Street", "London", "EC2A 4NE", "GB");
    private String timeZone = "Europe/London";
    private String jurisdiction = "UK";
    private List<String> approvers = List.of("M-STAFF-1");
    private String defaultLocale = "en";
    private EventHeader header;

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

    /** The name members see, also the From display name. */
    public LocationBuilder named(String name) {
        this.name = name;
        return this;
    }

    /** Sender {@code hello@<domain>}, staff {@code staff@<domain>}. */
    public LocationBuilder mailboxesAt(String domain) {
        this.sender = "hello@" + domain;
        this.staff = "staff@" + domain;
        return this;
    }

    public LocationBuilder withoutReplyTo() {
        this.replyTo = null;
        return this;
    }

    public LocationBuilder address(String line1, String city, String postalCode, String country) {
        this.address = postalAddress(line1, city, postalCode, country);
        return this;
    }

    public LocationBuilder timeZone(String timeZone) {
        this.timeZone = timeZone;
        return this;
    }

    public LocationBuilder jurisdiction(String jurisdiction) {
        this.jurisdiction = jurisdiction;
        return this;
    }

    public LocationBuilder approvers(String... approvers) {
        this.approvers = List.of(approvers);
        return this;
    }

    public LocationBuilder defaultLocale(String defaultLocale) {
        this.defaultLocale = defaultLocale;
        return this;
    }

    /** By default: {@code loc-<id>} from {@code directory-sync}, version 1, 2025-01-01 UTC. */
    public LocationBuilder header(EventHeader header) {
        this.header = header;
        return this;
    }

    public Location build() {
        EventHeader effective = header != null ? header : EventHeader.newBuilder()
                .setEventId("loc-" + id)
                .setOccurredAt(Instant.parse("2025-01-01T00:00:00Z"))
                .setSource("directory-sync")
                .setEntityVersion(1)
                .setLocationId(id)
                .setCorrelationId("loc-" + id)
                .build();
        return Location.newBuilder()
                .setHeader(effective)
                .setLocationId(id)
                .setName(name)
                .setAddress(address)
                .setTimeZone(timeZone)
                .setJurisdiction(jurisdiction)
                .setSenderMailbox(sender)
                .setSenderName(name)
                .setStaffMailbox(staff)
                .setApprovers(approvers)
                .setReplyTo(replyTo)
                .setDefaultLocale(defaultLocale)
                .build();
    }

    private static PostalAddress postalAddress(String line1, String city, String postalCode, String country) {
        return PostalAddress.newBuilder().setLine1(line1).setCity(city).setPostalCode(postalCode).setCountry(country)
                .build();
    }

    private static String domainOf(String id) {
        return id.toLowerCase(Locale.ROOT) + ".deskpost.example";
    }
}
