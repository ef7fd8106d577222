package com.deskpost.oversight.testdata;

import com.deskpost.events.Location;
import com.deskpost.events.Member;
import com.deskpost.platform.directory.Directory;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The directory as a map: what the global tables would hold after loading these entries. */
public final class InMemoryDirectory implements Directory {

    private final Map<String, Member> members = new HashMap<>();
    private final Map<String, Location> locations = new HashMap<>();

    public static InMemoryDirectory withLocations(Location... entries) {
        InMemoryDirectory directory = new InMemoryDirectory();
        for (Location location : entries) {
            directory.locations.put(location.getLocationId(), location);
        }
        return directory;
    }

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
        return members.values().stream().filter(m -> m.getLocationIds().contains(locationId)).toList();
    }
}
