package com.deskpost.delivery.contacts;

import static com.deskpost.testfixtures.LocationBuilder.aLocation;
import static org.assertj.core.api.Assertions.assertThat;

import com.deskpost.events.EventHeader;
import com.deskpost.events.Location;
import com.deskpost.events.Member;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** manage_contacts' selection rules over an in-memory directory. */
class ContactSelectionTest {

    private static final List<Location> LOCATIONS = List.of(location("LDN-1", "UK"), location("SFO-1", "US-CA"),
            location("BER-1", "EU"));
    private static final List<Member> MEMBERS = List.of(
            member("M-ADA", "Ada@Example.com", "LDN-1", "SFO-1"),
            member("M-ALAN", "alan@example.com", "SFO-1"),
            member("M-KARL", "karl@example.com", "BER-1", "GONE-1"));

    private final ContactSelection selection = new ContactSelection(MEMBERS, LOCATIONS);

    @Test
    void byJurisdictionItListsMembersWithALocationThereInAnyCase() {
        // When
        List<String> californians = selection.emails(null, "us-ca");

        // Then
        assertThat(californians).containsExactly("ada@example.com", "alan@example.com");
    }

    @Test
    void byTagItListsEveryTaggedAddressMemberOrNot() {
        // When
        List<String> tagged = selection.emails(Set.of("zoe@example.com", "karl@example.com"), null);

        // Then
        assertThat(tagged).containsExactly("karl@example.com", "zoe@example.com");
    }

    @Test
    void byTagAndJurisdictionItListsTaggedMembersThere() {
        // When
        List<String> both = selection.emails(Set.of("zoe@example.com", "ada@example.com"), "UK");

        // Then
        assertThat(both).containsExactly("ada@example.com");
    }

    @Test
    void aContactCarriesItsMembershipsJurisdictionsAndTags() {
        // When
        Contact ada = selection.contact("ada@example.com", List.of("opt_in", "ccpa_opt_out"));
        Contact karl = selection.contact("karl@example.com", List.of());
        Contact zoe = selection.contact("zoe@example.com", List.of("unsubscribed"));

        // Then
        assertThat(ada).isEqualTo(new Contact("ada@example.com", List.of("M-ADA"), List.of("LDN-1", "SFO-1"),
                List.of("UK", "US-CA"), List.of("ccpa_opt_out", "opt_in")));
        assertThat(karl.locationIds()).as("a location the directory no longer has").containsExactly("BER-1", "GONE-1");
        assertThat(karl.jurisdictions()).containsExactly("EU");
        assertThat(zoe).isEqualTo(new Contact("zoe@example.com", List.of(), List.of(), List.of(),
                List.of("unsubscribed")));
    }

    private static Location location(String id, String jurisdiction) {
        return Location.newBuilder(aLocation().build()).setLocationId(id).setJurisdiction(jurisdiction).build();
    }

    private static Member member(String id, String email, String... locations) {
        return Member.newBuilder()
                .setHeader(EventHeader.newBuilder().setEventId("e-" + id).setOccurredAt(Instant.EPOCH)
                        .setSource("test").setEntityVersion(1).setLocationId(locations[0]).setCorrelationId(id).build())
                .setMemberId(id).setEmail(email).setName(id).setLocationIds(List.of(locations)).build();
    }
}
