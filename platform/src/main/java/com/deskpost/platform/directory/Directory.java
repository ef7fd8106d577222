package com.deskpost.platform.directory;

import com.deskpost.events.Location;
import com.deskpost.events.Member;
import java.util.List;
import java.util.Optional;

/** The member and location directories as composers see them at compose time. */
public interface Directory {

    Optional<Member> member(String memberId);

    Optional<Location> location(String locationId);

    /** Every member (and staff member) whose locations include this one, whatever their status. */
    List<Member> membersAt(String locationId);
}
