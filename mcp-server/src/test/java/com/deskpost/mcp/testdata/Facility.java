package com.deskpost.mcp.testdata;

import com.deskpost.events.EventHeader;
import com.deskpost.events.Location;
import com.deskpost.events.Member;
import com.deskpost.events.MemberRole;
import com.deskpost.events.MemberStatus;
import com.deskpost.events.PostalAddress;
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
        Location london = Location.newBuilder().setHeader(header()).setLocationId(LOCATION)
                .setName("Deskpost Test").setAddress(PostalAddress.newBuilder().setLine1("1 Example Street")
                        .setCity("London").setPostalCode("EC1A 1AA").setCountry("GB").build())
                .setTimeZone("Europe/London").setJurisdiction("UK").setSenderMailbox("hello@ldn-t.example")
                .setSenderName("Deskpost Test").setStaffMailbox("staff@ldn-t.example").build();
        return Directory.of(List.of(london), List.of(member(MEMBER, MEMBER_EMAIL, MemberRole.MEMBER),
                member(STAFF, "staff.member@ldn-t.example", MemberRole.STAFF)));
    }

    private static Member member(String id, String email, MemberRole role) {
        return Member.newBuilder().setHeader(header()).setMemberId(id).setEmail(email).setName("Member " + id)
                .setLocationIds(List.of(LOCATION)).setRole(role).setStatus(MemberStatus.ACTIVE).build();
    }

    private static EventHeader header() {
        return EventHeader.newBuilder().setEventId("e-1").setOccurredAt(Instant.parse("2026-11-24T08:00:00Z"))
                .setSource("test").setEntityVersion(1).setLocationId(LOCATION).setCorrelationId("c-1").build();
    }
}
