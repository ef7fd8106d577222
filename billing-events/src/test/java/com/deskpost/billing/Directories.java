package com.deskpost.billing;

import static com.deskpost.testfixtures.LocationBuilder.aLocation;
import static com.deskpost.testfixtures.MemberBuilder.aMember;

import com.deskpost.events.EventHeader;
import com.deskpost.events.Location;
import com.deskpost.events.Member;
import com.deskpost.testfixtures.Headers;
import java.time.Instant;

/** Directory entries and headers for billing tests. */
final class Directories {

    private Directories() {
    }

    static EventHeader header(String eventId, long version, Instant at) {
        return Headers.header(eventId, version, "BER-1", at);
    }

    static Member member(String id, String email, String locale) {
        return aMember(id).header(header("m-" + id, 1, Instant.EPOCH)).email(email)
                .named(id.equals("M-1") ? "Ada" : "Member " + id).locale(locale).at("BER-1").build();
    }

    static Location berlin() {
        return aLocation("BER-1").header(header("l", 1, Instant.EPOCH)).named("Deskpost Kreuzberg")
                .address("Oranienstraße 1", "Berlin", "10999", "DE").timeZone("Europe/Berlin").jurisdiction("EU")
                .mailboxesAt("ber.example").approvers().build();
    }
}
