package com.deskpost.platform.directory;

import com.deskpost.events.Location;
import com.deskpost.events.Member;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The directory over entries held in hand, keyed by id. */
record FixedDirectory(Map<String, Location> locations, Map<String, Member> members) implements Directory {

    @Override
    public Optional<Member> member(String memberId) {
        return Optional.ofNullable(members.get(memberId));
    }

    @Override
    public Optional<Location> location(String locationId) {
        return Optional.ofNullable(locations.get(locationId));
    }

    @Override
    public List<Member> membersAt(String locationId) {
        return members.values().stream().filter(member -> member.getLocationIds().contains(locationId)).toList();
    }
}
