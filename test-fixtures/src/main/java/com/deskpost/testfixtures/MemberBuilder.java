package com.deskpost.testfixtures;

import com.deskpost.events.EventHeader;
import com.deskpost.events.Member;
import com.deskpost.events.MemberRole;
import com.deskpost.events.MemberStatus;
import com.deskpost.schemas.ContractClasses;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * A member directory entry: "Member {id}" at {@code <id>@members.example}, an active member of no location, with the
 * contract's defaults (locale {@code en}); changed only where a test cares.
 */
public final class MemberBuilder {

    static {
        ContractClasses.trust();
    }

    private final String id;
    private String email;
    private String name;
    private String locale = "en";
    private List<String> locationIds = List.of();
    private MemberRole role = MemberRole.MEMBER;
    private MemberStatus status = MemberStatus.ACTIVE;
    private EventHeader header;

    private MemberBuilder(String id) {
        this.id = id;
        this.email = id.toLowerCase(Locale.ROOT) + "@members.example";
        this.name = "Member " + id;
    }

    public static MemberBuilder aMember(String id) {
        return new MemberBuilder(id);
    }

    public MemberBuilder email(String email) {
        this.email = email;
        return this;
    }

    public MemberBuilder named(String name) {
        this.name = name;
        return this;
    }

    public MemberBuilder locale(String locale) {
        this.locale = locale;
        return this;
    }

    public MemberBuilder at(String... locationIds) {
        this.locationIds = List.of(locationIds);
        return this;
    }

    public MemberBuilder role(MemberRole role) {
        this.role = role;
        return this;
    }

    public MemberBuilder status(MemberStatus status) {
        this.status = status;
        return this;
    }

    /** By default: {@code m-<id>}, version 1, at the first location (or {@code none}), 2026-11-24 08:00 UTC. */
    public MemberBuilder header(EventHeader header) {
        this.header = header;
        return this;
    }

    public Member build() {
        EventHeader effective = header != null ? header : Headers.header("m-" + id, 1,
                locationIds.isEmpty() ? "none" : locationIds.get(0), Instant.parse("2026-11-24T08:00:00Z"));
        return Member.newBuilder().setHeader(effective).setMemberId(id).setEmail(email).setName(name)
                .setLocale(locale).setLocationIds(locationIds).setRole(role).setStatus(status).build();
    }
}
