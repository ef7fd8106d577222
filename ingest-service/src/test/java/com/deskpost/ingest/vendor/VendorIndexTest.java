package com.deskpost.ingest.vendor;

import static com.deskpost.testfixtures.LocationBuilder.aLocation;
import static com.deskpost.testfixtures.MemberBuilder.aMember;
import static org.assertj.core.api.Assertions.assertThat;

import com.deskpost.events.Location;
import com.deskpost.events.Member;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VendorIndexTest {

    private final VendorIndex index = new VendorIndex();

    @Test
    void aVendorsIdNamesTheMemberWhoseDirectoryEntryCarriesIt() {
        // Given a member synced from Nexudus and OfficeRnD
        index.member("M-1", member("M-1", "ada@members.example", Map.of("nexudus", "1234", "officernd", "5e8c")));

        // Then either vendor's id finds them, and another vendor's same id does not
        assertThat(index.memberOf("nexudus", "1234")).contains("M-1");
        assertThat(index.memberOf("officernd", "5e8c")).contains("M-1");
        assertThat(index.memberOf("cobot", "1234")).isEmpty();
    }

    @Test
    void withoutTheVendorsIdTheEmailFindsTheMemberElseThePrefixedVendorIdIsUsed() {
        index.member("M-1", member("M-1", "Ada@Members.example", Map.of()));

        assertThat(index.member("kisi", "77", " ada@members.EXAMPLE")).contains("M-1");
        assertThat(index.member("kisi", "77", "someone@else.example", "kisi-")).isEqualTo("kisi-77");
        assertThat(index.member("kisi", "77", null, "")).isEqualTo("77");
    }

    @Test
    void aReplacedEntryTakesItsOldIdsAwayAndATombstoneRemovesTheRest() {
        // Given a member whose Nexudus id and email changed
        index.member("M-1", member("M-1", "old@members.example", Map.of("nexudus", "1")));
        index.member("M-1", member("M-1", "new@members.example", Map.of("nexudus", "2")));

        // Then only the new ones find them
        assertThat(index.memberOf("nexudus", "1")).isEmpty();
        assertThat(index.memberOf("nexudus", "2")).contains("M-1");
        assertThat(index.memberByEmail("old@members.example")).isEmpty();

        // When the member is deleted (tombstone)
        index.member("M-1", null);

        // Then nothing finds them
        assertThat(index.memberOf("nexudus", "2")).isEmpty();
        assertThat(index.memberByEmail("new@members.example")).isEmpty();
        assertThat(index.size()).isZero();
    }

    @Test
    void aVendorsSiteIdNamesTheLocationElseTheFallback() {
        Location shoreditch = Location.newBuilder(aLocation("LDN-1").build())
                .setExternalIds(Map.of("salto", "site-9")).build();
        index.location("LDN-1", shoreditch);

        assertThat(index.location("salto", "site-9", "fallback")).isEqualTo("LDN-1");
        assertThat(index.location("salto", "site-10", "fallback")).isEqualTo("fallback");
    }

    private static Member member(String id, String email, Map<String, String> externalIds) {
        return Member.newBuilder(aMember(id).email(email).at("LDN-1").build()).setExternalIds(externalIds).build();
    }
}
