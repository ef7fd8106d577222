package com.deskpost.access.testdata;

import com.deskpost.events.EventHeader;
import com.deskpost.events.Location;
import com.deskpost.events.Member;
import com.deskpost.events.MemberRole;
import com.deskpost.events.MemberStatus;
import com.deskpost.events.PostalAddress;
import com.deskpost.platform.directory.Directory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A directory built up entry by entry ({@link Directory#of}), with small builders for the entries access tests need. */
public final class TestDirectory implements Directory {

    private final List<Location> locations = new ArrayList<>();
    private final List<Member> members = new ArrayList<>();
    private Directory entries = Directory.of(List.of(), List.of());

    public TestDirectory add(Location location) {
        locations.add(location);
        entries = Directory.of(locations, members);
        return this;
    }

    public TestDirectory add(Member member) {
        members.add(member);
        entries = Directory.of(locations, members);
        return this;
    }

    public List<Member> members() {
        return List.copyOf(members);
    }

    public List<Location> locations() {
        return List.copyOf(locations);
    }

    @Override
    public Optional<Member> member(String memberId) {
        return entries.member(memberId);
    }

    @Override
    public Optional<Location> location(String locationId) {
        return entries.location(locationId);
    }

    @Override
    public List<Member> membersAt(String locationId) {
        return entries.membersAt(locationId);
    }

    public static EventHeader header(String eventId, long version, String locationId) {
        return EventHeader.newBuilder().setEventId(eventId).setOccurredAt(Instant.parse("2026-11-24T08:00:00Z"))
                .setSource("test").setEntityVersion(version).setLocationId(locationId)
                .setCorrelationId("c-" + eventId).build();
    }

    public static Member newMember(String id, MemberRole role, MemberStatus status, String... locationIds) {
        return Member.newBuilder()
                .setHeader(header("m-" + id, 1, locationIds.length == 0 ? "none" : locationIds[0]))
                .setMemberId(id).setEmail(id.toLowerCase() + "@members.example").setName("Member " + id)
                .setLocationIds(List.of(locationIds)).setRole(role).setStatus(status)
                .build();
    }

    public static Member newMember(String id, String... locationIds) {
        return newMember(id, MemberRole.MEMBER, MemberStatus.ACTIVE, locationIds);
    }

    public static Member newStaff(String id, String... locationIds) {
        return newMember(id, MemberRole.STAFF, MemberStatus.ACTIVE, locationIds);
    }

    public static Location newLocation(String id) {
        return Location.newBuilder()
                .setHeader(header("l-" + id, 1, id))
                .setLocationId(id).setName("Deskpost " + id)
                .setAddress(PostalAddress.newBuilder().setLine1("1 Example Street").setCity("London")
                        .setPostalCode("EC1A 1AA").setCountry("GB").build())
                .setTimeZone("Europe/London").setJurisdiction("UK")
                .setSenderMailbox("hello@" + id.toLowerCase() + ".example").setSenderName("Deskpost " + id)
                .setStaffMailbox("staff@" + id.toLowerCase() + ".example")
                .build();
    }
}
