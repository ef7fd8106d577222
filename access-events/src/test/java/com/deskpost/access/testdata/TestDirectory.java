package com.deskpost.access.testdata;

import static com.deskpost.testfixtures.LocationBuilder.aLocation;
import static com.deskpost.testfixtures.MemberBuilder.aMember;

import com.deskpost.events.EventHeader;
import com.deskpost.events.Location;
import com.deskpost.events.Member;
import com.deskpost.events.MemberRole;
import com.deskpost.events.MemberStatus;
import com.deskpost.platform.directory.Directory;
import com.deskpost.testfixtures.Headers;
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
        return Headers.header(eventId, version, locationId, Instant.parse("2026-11-24T08:00:00Z"));
    }

    public static Member newMember(String id, MemberRole role, MemberStatus status, String... locationIds) {
        return aMember(id).role(role).status(status).at(locationIds).build();
    }

    public static Member newMember(String id, String... locationIds) {
        return newMember(id, MemberRole.MEMBER, MemberStatus.ACTIVE, locationIds);
    }

    public static Member newStaff(String id, String... locationIds) {
        return newMember(id, MemberRole.STAFF, MemberStatus.ACTIVE, locationIds);
    }

    public static Location newLocation(String id) {
        return aLocation(id).header(header("l-" + id, 1, id)).address("1 Example Street", "London", "EC1A 1AA", "GB")
                .mailboxesAt(id.toLowerCase() + ".example").approvers().build();
    }
}
