package com.deskpost.platform.directory;

import com.deskpost.events.Location;
import com.deskpost.events.Member;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The member and location directories as composers see them at compose time. */
public interface Directory {

    Optional<Member> member(String memberId);

    Optional<Location> location(String locationId);

    /** Every member (and staff member) whose locations include this one, whatever their status. */
    List<Member> membersAt(String locationId);

    /** A directory of exactly these entries (a later entry with the same id wins), for whoever holds them in hand. */
    static Directory of(Collection<Location> locations, Collection<Member> members) {
        Map<String, Location> byLocation = new LinkedHashMap<>();
        locations.forEach(location -> byLocation.put(location.getLocationId(), location));
        Map<String, Member> byMember = new LinkedHashMap<>();
        members.forEach(member -> byMember.put(member.getMemberId(), member));
        return new FixedDirectory(Collections.unmodifiableMap(byLocation), Collections.unmodifiableMap(byMember));
    }
}
