package com.deskpost.mcp.testdata;

import static com.deskpost.testfixtures.LocationBuilder.aLocation;
import static com.deskpost.testfixtures.MemberBuilder.aMember;

import com.deskpost.events.EventHeader;
import com.deskpost.events.Location;
import com.deskpost.events.Member;
import com.deskpost.events.MemberRole;
import com.deskpost.platform.directory.Directory;
import com.deskpost.schemas.ContractClasses;
import java.time.Instant;
import java.util.List;

/** A small directory in memory: one London location, a member, a staff member. */
public final class Facility {

    static {
        ContractClasses.trust();
    }

    public static final String LOCATION = "LDN-T";
    public static final String MEMBER = "M-ADA";
    public static final String MEMBER_EMAIL = "ada@members.example";
    public static final String STAFF = "M-STAFF";

    private Facility() {
    }

    public static Directory london() {
        return Directory.of(List.of(londonLocation()), List.of(member(MEMBER, MEMBER_EMAIL, MemberRole.MEMBER),
                member(STAFF, "staff.member@ldn-t.example", MemberRole.STAFF)));
    }

    /** The London location alone, as it would be on facility.locations. */
    public static Location londonLocation() {
        return aLocation(LOCATION).header(header()).named("Deskpost Test")
                .address("1 Example Street", "London", "EC1A 1AA", "GB").mailboxesAt("ldn-t.example").approvers()
                .build();
    }

    private static Member member(String id, String email, MemberRole role) {
        return aMember(id).header(header()).email(email).at(LOCATION).role(role).build();
    }

    private static EventHeader header() {
        return EventHeader.newBuilder().setEventId("e-1").setOccurredAt(Instant.parse("2026-11-24T08:00:00Z"))
                .setSource("test").setEntityVersion(1).setLocationId(LOCATION).setCorrelationId("c-1").build();
    }
}
