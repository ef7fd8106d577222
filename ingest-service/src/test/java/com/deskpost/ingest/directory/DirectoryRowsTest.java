package com.deskpost.ingest.directory;

import static org.assertj.core.api.Assertions.assertThat;

import com.deskpost.events.Location;
import com.deskpost.events.Member;
import com.deskpost.events.MemberRole;
import com.deskpost.ingest.directory.DirectoryRows.Batch;
import com.deskpost.ingest.directory.DirectoryRows.Outcome;
import com.deskpost.ingest.directory.DirectoryRows.Problem;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** A directory file is read whole: every row's problems reported, or every row a directory record. */
class DirectoryRowsTest {

    private static final Batch BATCH = new Batch("directory-import:hr", Instant.parse("2026-12-06T09:00:00Z"), "c-1");

    @Test
    void aMemberFileBecomesMembersWithListsRolesAndLocales() {
        // Given the sample members file (quoted cells, a ;-separated list, a blank status)
        Outcome<Member> outcome = DirectoryRows.members(ImportRows.csv(resource("members.csv")), BATCH);

        // Then every row is a member
        assertThat(outcome.problems()).isEmpty();
        assertThat(outcome.records()).extracting(Member::getMemberId).containsExactly("M-IMP-1", "M-IMP-2", "M-IMP-3");
        Member oskar = outcome.records().get(1);
        assertThat(oskar.getName()).isEqualTo("Oskar \"Ossi\" Import");
        assertThat(oskar.getLocationIds()).containsExactly("LDN-IMP", "BER-IMP");
        assertThat(oskar.getTags()).containsExactly("early-adopter", "night-owl");
        assertThat(oskar.getLocale()).isEqualTo("de");
        assertThat(oskar.getHeader().getLocationId()).isEqualTo("LDN-IMP");
        assertThat(oskar.getHeader().getSource()).isEqualTo("directory-import:hr");
        assertThat(outcome.records().get(2).getRole()).isEqualTo(MemberRole.STAFF);
    }

    @Test
    void importingTheSameRowsAgainGivesTheSameEventIds() {
        // Given the same file imported twice, a day apart
        Outcome<Member> first = DirectoryRows.members(ImportRows.csv(resource("members.csv")), BATCH);
        Outcome<Member> again = DirectoryRows.members(ImportRows.csv(resource("members.csv")),
                new Batch("directory-import:hr", BATCH.at().plusSeconds(86_400), "c-2"));

        // Then the events are the same events (a newer version of each member), and an edited row is a new one
        assertThat(again.records()).extracting(m -> m.getHeader().getEventId())
                .isEqualTo(first.records().stream().map(m -> m.getHeader().getEventId()).toList());
        assertThat(again.records().get(0).getHeader().getEntityVersion())
                .isGreaterThan(first.records().get(0).getHeader().getEntityVersion());
        String edited = new String(resource("members.csv"), StandardCharsets.UTF_8).replace("Inès", "Ines");
        Outcome<Member> changed = DirectoryRows.members(ImportRows.csv(edited.getBytes(StandardCharsets.UTF_8)), BATCH);
        assertThat(changed.records().get(0).getHeader().getEventId())
                .isNotEqualTo(first.records().get(0).getHeader().getEventId());
    }

    @Test
    void everyProblemIsReportedWithRowAndColumnAndNothingIsKept() {
        // Given a file with a missing email, a bad locale, an unknown column, a duplicate id and a bad role
        String csv = """
                member_id,email,name,locale,emial,role
                M-1,,Ann,en,,member
                M-2,bob@example.com,Bob,??,,member
                M-3,cy@example.com,Cy,en,cy@example.com,member
                M-2,dee@example.com,Dee,en,,boss
                """;

        Outcome<Member> outcome = DirectoryRows.members(ImportRows.csv(csv.getBytes(StandardCharsets.UTF_8)), BATCH);

        // Then nothing is kept and each problem names its line and column
        assertThat(outcome.records()).isEmpty();
        assertThat(outcome.problems()).extracting(Problem::row, Problem::column).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple(2, "email"),
                org.assertj.core.groups.Tuple.tuple(3, "locale"),
                org.assertj.core.groups.Tuple.tuple(4, "emial"),
                org.assertj.core.groups.Tuple.tuple(5, "member_id"));
        assertThat(outcome.problems()).filteredOn(p -> p.row() == 4).first()
                .satisfies(p -> assertThat(p.message()).contains("unknown column", "email"));
    }

    @Test
    void aBadRoleIsReportedWithTheChoices() {
        String csv = "member_id,email,name,role\nM-9,nine@example.com,Nine,boss\n";

        Outcome<Member> outcome = DirectoryRows.members(ImportRows.csv(csv.getBytes(StandardCharsets.UTF_8)), BATCH);

        assertThat(outcome.problems()).singleElement().satisfies(p -> {
            assertThat(p.column()).isEqualTo("role");
            assertThat(p.message()).isEqualTo("boss is not one of [member, staff]");
        });
    }

    @Test
    void aLocationFileInJsonBecomesLocations() {
        Outcome<Location> outcome = DirectoryRows.locations(ImportRows.json(resource("locations.json")), BATCH);

        assertThat(outcome.problems()).isEmpty();
        Location yard = outcome.records().get(0);
        assertThat(yard.getLocationId()).isEqualTo("LDN-IMP");
        assertThat(yard.getJurisdiction()).isEqualTo("UK");
        assertThat(yard.getAddress().getPostalCode()).isEqualTo("E1 6AN");
        assertThat(yard.getApprovers()).containsExactly("lead@deskpost.example");
        assertThat(yard.getDefaultLocale()).isEqualTo("en-GB");
    }

    @Test
    void aLocationWithABadTimeZoneAndMailboxIsRefused() {
        String json = """
                [{"location_id": "X", "name": "X", "line1": "1", "city": "C", "postal_code": "1", "country": "DE",
                  "time_zone": "Europe/Atlantis", "jurisdiction": "DE", "sender_mailbox": "not-a-mailbox",
                  "sender_name": "X", "staff_mailbox": "s@x.example"}]
                """;

        Outcome<Location> outcome = DirectoryRows.locations(ImportRows.json(json.getBytes(StandardCharsets.UTF_8)),
                BATCH);

        assertThat(outcome.problems()).extracting(Problem::column).containsExactlyInAnyOrder("time_zone",
                "sender_mailbox");
    }

    private static byte[] resource(String name) {
        try (InputStream in = DirectoryRowsTest.class.getResourceAsStream("/directory/" + name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
