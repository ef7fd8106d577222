package com.deskpost.billing;

import com.deskpost.events.EventHeader;
import com.deskpost.events.Location;
import com.deskpost.events.Member;
import com.deskpost.events.PostalAddress;
import java.time.Instant;
import java.util.List;

/** Directory entries and headers for billing tests. */
final class Directories {

    private Directories() {
    }

    static EventHeader header(String eventId, long version, Instant at) {
        return EventHeader.newBuilder().setEventId(eventId).setOccurredAt(at).setSource("test")
                .setEntityVersion(version).setLocationId("BER-1").setCorrelationId("c-" + eventId).build();
    }

    static Member member(String id, String email, String locale) {
        return Member.newBuilder()
                .setHeader(header("m-" + id, 1, Instant.EPOCH))
                .setMemberId(id).setEmail(email).setName(id.equals("M-1") ? "Ada" : "Member " + id).setLocale(locale)
                .setLocationIds(List.of("BER-1"))
                .build();
    }

    static Location berlin() {
        return Location.newBuilder()
                .setHeader(header("l", 1, Instant.EPOCH))
                .setLocationId("BER-1").setName("Deskpost Kreuzberg")
                .setAddress(PostalAddress.newBuilder().setLine1("Oranienstraße 1").setCity("Berlin")
                        .setPostalCode("10999").setCountry("DE").build())
                .setTimeZone("Europe/Berlin").setJurisdiction("EU")
                .setSenderMailbox("hello@ber.example").setSenderName("Deskpost Kreuzberg")
                .setStaffMailbox("staff@ber.example")
                .build();
    }
}
