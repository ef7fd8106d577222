package com.deskpost.devstack;

import com.deskpost.events.AccessEvent;
import com.deskpost.events.BookedResource;
import com.deskpost.events.BookingCancelled;
import com.deskpost.events.BookingCreated;
import com.deskpost.events.BookingEvent;
import com.deskpost.events.BookingModified;
import com.deskpost.events.EventHeader;
import com.deskpost.events.Guest;
import com.deskpost.events.Location;
import com.deskpost.events.Member;
import com.deskpost.events.MemberRole;
import com.deskpost.events.MemberStatus;
import com.deskpost.events.PostalAddress;
import com.deskpost.events.ResourceKind;
import com.deskpost.schemas.ContractClasses;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Realistic directory entries and booking events, for the simulator and for tests. */
public final class SampleFacility {

    public static final String SOURCE = "facility-simulator";

    static {
        ContractClasses.trust();
    }

    private SampleFacility() {
    }

    public static Location location(String id, String name, String city, String country, String timeZone,
            String jurisdiction) {
        String slug = id.toLowerCase();
        return Location.newBuilder()
                .setHeader(header(id, 1, Instant.now()))
                .setLocationId(id)
                .setName(name)
                .setAddress(PostalAddress.newBuilder().setLine1("1 Market Street").setCity(city)
                        .setPostalCode("10001").setCountry(country).build())
                .setTimeZone(timeZone)
                .setJurisdiction(jurisdiction)
                .setSenderMailbox("hello@" + slug + ".deskpost.example")
                .setSenderName(name)
                .setStaffMailbox("staff@" + slug + ".deskpost.example")
                // The ops account, and the MCP server's sample reviewer agent (mcp-server.yml).
                .setApprovers(List.of("ops", "agent:reviewer"))
                .build();
    }

    /** Four locations in four time zones and jurisdictions. */
    public static List<Location> locations() {
        return List.of(
                location("LDN-1", "Deskpost Shoreditch", "London", "GB", "Europe/London", "UK"),
                location("BER-1", "Deskpost Kreuzberg", "Berlin", "DE", "Europe/Berlin", "EU"),
                location("SFO-1", "Deskpost SoMa", "San Francisco", "US", "America/Los_Angeles", "US-CA"),
                location("NYC-1", "Deskpost Flatiron", "New York", "US", "America/New_York", "US"));
    }

    public static Member member(String id, String name, String email, String locale, String locationId) {
        return Member.newBuilder()
                .setHeader(header(locationId, 1, Instant.now()))
                .setMemberId(id)
                .setEmail(email)
                .setName(name)
                .setLocale(locale)
                .setLocationIds(List.of(locationId))
                .setRole(MemberRole.MEMBER)
                .setStatus(MemberStatus.ACTIVE)
                .build();
    }

    /** A staff member of one location: may hold its master keycode and receives its access notices. */
    public static Member staff(String id, String name, String email, String locationId) {
        return Member.newBuilder(member(id, name, email, "en-GB", locationId)).setRole(MemberRole.STAFF).build();
    }

    /** A facility.access event about one member (holder or sponsor), at the given credential version. */
    public static AccessEvent access(String memberId, String locationId, long version, Object payload) {
        return AccessEvent.newBuilder()
                .setHeader(header(locationId, version, Instant.now()))
                .setMemberId(memberId)
                .setPayload(payload)
                .build();
    }

    public static BookedResource room(String id, String name, ResourceKind kind) {
        return BookedResource.newBuilder().setResourceId(id).setName(name).setKind(kind).build();
    }

    public static BookingEvent created(String bookingId, String memberId, String locationId, BookedResource resource,
            Instant start, Instant end) {
        return created(bookingId, memberId, locationId, resource, start, end, List.of());
    }

    /** A new booking naming guests, who get the visitor version of its mails. */
    public static BookingEvent created(String bookingId, String memberId, String locationId, BookedResource resource,
            Instant start, Instant end, List<Guest> guests) {
        return booking(bookingId, memberId, locationId, 1, BookingCreated.newBuilder()
                .setResource(resource).setStartsAt(start).setEndsAt(end).setGuests(guests).build());
    }

    public static Guest guest(String name, String email) {
        return Guest.newBuilder().setName(name).setEmail(email).build();
    }

    public static BookingEvent modified(String bookingId, String memberId, String locationId, long version,
            BookedResource resource, Instant start, Instant end) {
        return booking(bookingId, memberId, locationId, version, BookingModified.newBuilder()
                .setResource(resource).setStartsAt(start).setEndsAt(end).build());
    }

    public static BookingEvent cancelled(String bookingId, String memberId, String locationId, long version) {
        return booking(bookingId, memberId, locationId, version,
                BookingCancelled.newBuilder().setReason("Cancelled by member").build());
    }

    private static BookingEvent booking(String bookingId, String memberId, String locationId, long version,
            Object payload) {
        return BookingEvent.newBuilder()
                .setHeader(header(locationId, version, Instant.now()))
                .setBookingId(bookingId)
                .setMemberId(memberId)
                .setPayload(payload)
                .build();
    }

    public static EventHeader header(String locationId, long version, Instant at) {
        String id = UUID.randomUUID().toString();
        return EventHeader.newBuilder()
                .setEventId(id)
                .setOccurredAt(at)
                .setSource(SOURCE)
                .setEntityVersion(version)
                .setLocationId(locationId)
                .setCorrelationId(id)
                .build();
    }
}
