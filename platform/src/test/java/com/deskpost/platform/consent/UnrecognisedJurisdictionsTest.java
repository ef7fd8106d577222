package com.deskpost.platform.consent;

import static org.assertj.core.api.Assertions.assertThat;

import com.deskpost.events.EventHeader;
import com.deskpost.events.Location;
import com.deskpost.events.PostalAddress;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** A location with an unrecognised jurisdiction is warned of once per code, however much mail is judged by it. */
class UnrecognisedJurisdictionsTest {

    private final UnrecognisedJurisdictions jurisdictions = new UnrecognisedJurisdictions();

    @Test
    void anUnrecognisedCodeIsWarnedOfOncePerLocationAndAgainWhenItChanges() {
        assertThat(jurisdictions.warnsOf(location("LDN-1", "GB"))).isTrue();
        assertThat(jurisdictions.warnsOf(location("LDN-1", "GB"))).as("the next mail about it").isFalse();
        assertThat(jurisdictions.warnsOf(location("LDN-2", "GB"))).as("another location").isTrue();
        assertThat(jurisdictions.warnsOf(location("LDN-1", "XX"))).as("its code changed, still wrong").isTrue();
    }

    @Test
    void aRecognisedCodeIsNeverWarnedOf() {
        for (String code : new String[] {"EU", "UK", "US-CA", "US", "uk"}) {
            assertThat(jurisdictions.warnsOf(location("L-" + code, code))).as(code).isFalse();
        }
    }

    @Test
    void seenHandsTheLocationBackUnchanged() {
        Location london = location("LDN-1", "GB");

        assertThat(jurisdictions.seen(london)).isSameAs(london);
        assertThat(jurisdictions.warnsOf(london)).as("already warned of by seen").isFalse();
    }

    private static Location location(String id, String jurisdiction) {
        return Location.newBuilder()
                .setHeader(EventHeader.newBuilder().setEventId("e").setOccurredAt(Instant.EPOCH).setSource("t")
                        .setEntityVersion(1).setCorrelationId("c").build())
                .setLocationId(id).setName(id).setAddress(PostalAddress.newBuilder().setLine1("1 Market St")
                        .setCity("London").setPostalCode("E1").setCountry("GB").build())
                .setTimeZone("Europe/London").setJurisdiction(jurisdiction).setSenderMailbox("hello@ldn.example")
                .setSenderName(id).setStaffMailbox("staff@ldn.example").build();
    }
}
