package com.deskpost.ingest.officernd;

import static com.deskpost.ingest.officernd.OfficeRndBookingsTest.sample;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.deskpost.events.BookingEvent;
import com.deskpost.events.Location;
import com.deskpost.events.Member;
import com.deskpost.events.MemberRole;
import com.deskpost.events.MemberStatus;
import com.deskpost.ingest.officernd.OfficeRndEvents.Ignored;
import com.deskpost.ingest.officernd.OfficeRndEvents.Mapped;
import com.deskpost.ingest.officernd.OfficeRndProperties.Office;
import com.deskpost.ingest.web.ApiException;
import com.deskpost.platform.topic.Topics;
import com.deskpost.schemas.ContractClasses;
import com.deskpost.schemas.json.InvalidJsonException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** OfficeRnD's member and office webhooks as directory entries, and which webhooks map to nothing. */
class OfficeRndDirectoryTest {

    private static final String OLD_STREET = "5e1d8bd37f8759001051c0ff";
    private static final String CANAL_SIDE = "5e1d8bd37f8759001051d00d";
    private static final String GRACE = "6751c0de5a1b2c0012d4a0a1";
    private static final Office OLD_STREET_MAIL = new Office(null, null, null, null, null, null, null, "uk",
            "old-street@deskpost.example", null, "staff.old-street@deskpost.example",
            List.of("approver@deskpost.example"), null, "en-GB");
    private static final Office CANAL_SIDE_MAIL = new Office(null, null, null, null, null, null, "Europe/London",
            "UK", "canal@deskpost.example", "Deskpost Canal", "staff.canal@deskpost.example", null, null, null);
    private static final OfficeRndEvents EVENTS = events(Map.of(OLD_STREET, OLD_STREET_MAIL, CANAL_SIDE,
            CANAL_SIDE_MAIL));

    @BeforeAll
    static void trust() {
        ContractClasses.trust();
    }

    @Test
    void memberCreatedIsAnActiveMemberOfTheMappedLocation() {
        Mapped<?> mapped = mapped(sample("member-created"));

        assertThat(mapped.topic()).isEqualTo(Topics.FACILITY_MEMBERS);
        Member member = (Member) mapped.event();
        assertThat(member.getMemberId()).isEqualTo("ornd-" + GRACE);
        assertThat(member.getEmail()).isEqualTo("grace.hopper@members.example");
        assertThat(member.getName()).isEqualTo("Grace Hopper");
        assertThat(member.getLocale()).isEqualTo("en");
        assertThat(member.getLocationIds()).containsExactly("LDN-OLD");
        assertThat(member.getRole()).isEqualTo(MemberRole.MEMBER);
        assertThat(member.getStatus()).isEqualTo(MemberStatus.ACTIVE);
        assertThat(member.getHeader().getEventId()).isEqualTo(
                UUID.nameUUIDFromBytes("officernd:6751c0de5a1b2c0012d4e101".getBytes()).toString());
        assertThat(member.getHeader().getCorrelationId()).isEqualTo("officernd:6751c0de5a1b2c0012d4e101");
        assertThat(member.getHeader().getEntityVersion())
                .isEqualTo(Instant.parse("2026-11-30T08:00:00Z").toEpochMilli());
        assertThat(member.getHeader().getLocationId()).isEqualTo("LDN-OLD");
        assertThat(member.getHeader().getSource()).isEqualTo("officernd-webhook");
        assertThat(mapped.header()).isEqualTo(member.getHeader());
        assertThat(mapped.officeRndEventId()).isEqualTo("6751c0de5a1b2c0012d4e101");
    }

    @Test
    void memberUpdatedToFormerHasLeftAndSupersedesTheCreation() {
        Member created = (Member) mapped(sample("member-created")).event();
        Member updated = (Member) mapped(sample("member-updated")).event();

        // calculatedStatus (the platform's own reckoning) wins over the status the admin set
        assertThat(updated.getStatus()).isEqualTo(MemberStatus.LEFT);
        assertThat(updated.getName()).isEqualTo("Grace B. Hopper");
        assertThat(updated.getLocationIds()).containsExactly("LDN-OLD");
        assertThat(updated.getHeader().getEntityVersion()).isGreaterThan(created.getHeader().getEntityVersion());
    }

    @Test
    void aContactIsSuspendedAndAGivenLocaleIsKept() {
        ObjectNode webhook = (ObjectNode) sample("member-created");
        object(webhook).put("calculatedStatus", "contact").put("locale", "de_DE");

        Member member = (Member) mapped(webhook).event();

        assertThat(member.getStatus()).isEqualTo(MemberStatus.SUSPENDED);
        assertThat(member.getLocale()).isEqualTo("de-DE");
    }

    @Test
    void memberRemovedWithTheMemberHasLeftAfterItsLastChange() {
        Member removed = (Member) mapped(sample("member-removed-full")).event();

        assertThat(removed.getStatus()).isEqualTo(MemberStatus.LEFT);
        // modifiedAt did not move on removal; the webhook's time orders it after the last change
        assertThat(removed.getHeader().getEntityVersion())
                .isEqualTo(Instant.parse("2026-12-03T10:15:00Z").toEpochMilli());
    }

    @Test
    void memberRemovedWithoutTheMembersEmailIsAcknowledgedAndNotMapped() {
        // OfficeRnD's documented member.removed carries the id and status, not the email a directory entry needs
        assertThat(EVENTS.map(sample("member-removed"), false)).isInstanceOfSatisfying(Ignored.class,
                ignored -> assertThat(ignored.reason()).contains("$.data.object.email"));
    }

    @Test
    void memberWithoutEmailOrWithABadOneOrAnUnknownStatusIsRefusedAtItsPath() {
        ObjectNode noEmail = (ObjectNode) sample("member-created");
        object(noEmail).remove("email");
        assertThatThrownBy(() -> EVENTS.map(noEmail, false)).isInstanceOfSatisfying(InvalidJsonException.class,
                e -> assertThat(e.path()).isEqualTo("$.data.object.email"));

        ObjectNode badEmail = (ObjectNode) sample("member-created");
        object(badEmail).put("email", "grace at members");
        assertRefused(badEmail, "invalid_officernd_member", "$.data.object.email");

        ObjectNode badLocale = (ObjectNode) sample("member-created");
        object(badLocale).put("locale", "!!");
        assertRefused(badLocale, "invalid_officernd_member", "$.data.object.locale");

        ObjectNode unknownStatus = (ObjectNode) sample("member-created");
        object(unknownStatus).put("calculatedStatus", "dormant");
        assertThatThrownBy(() -> EVENTS.map(unknownStatus, false)).isInstanceOfSatisfying(InvalidJsonException.class,
                e -> assertThat(e.path()).isEqualTo("$.data.object.calculatedStatus"));
    }

    @Test
    void officeCreatedIsALocationWithTheMailboxesConfiguredForIt() {
        Mapped<?> mapped = mapped(sample("office-created"));

        assertThat(mapped.topic()).isEqualTo(Topics.FACILITY_LOCATIONS);
        Location location = (Location) mapped.event();
        assertThat(location.getExternalIds()).isEqualTo(Map.of("officernd", OLD_STREET));
        assertThat(location.getLocationId()).isEqualTo("LDN-OLD");
        assertThat(location.getName()).isEqualTo("Deskpost Old Street");
        assertThat(location.getAddress().getLine1()).isEqualTo("1 Old Street Yard");
        assertThat(location.getAddress().getCity()).isEqualTo("London");
        assertThat(location.getAddress().getRegion()).isEqualTo("Greater London");
        assertThat(location.getAddress().getPostalCode()).isEqualTo("EC1Y 8AF");
        assertThat(location.getAddress().getCountry()).isEqualTo("GB");
        assertThat(location.getTimeZone()).isEqualTo("Europe/London");
        assertThat(location.getJurisdiction()).isEqualTo("UK");
        assertThat(location.getSenderMailbox()).isEqualTo("old-street@deskpost.example");
        // no sender name configured: the office's name, as OfficeRnD's own mail about it reads
        assertThat(location.getSenderName()).isEqualTo("Deskpost Old Street");
        assertThat(location.getStaffMailbox()).isEqualTo("staff.old-street@deskpost.example");
        assertThat(location.getApprovers()).containsExactly("approver@deskpost.example");
        assertThat(location.getDefaultLocale()).isEqualTo("en-GB");
        assertThat(location.getHeader().getEntityVersion())
                .isEqualTo(Instant.parse("2026-11-20T12:00:00Z").toEpochMilli());
        assertThat(location.getHeader().getLocationId()).isEqualTo("LDN-OLD");
    }

    @Test
    void anOfficeWithACountryNameAndNoTimeZoneTakesTheConfiguredOne() {
        Location location = (Location) mapped(sample("office-updated")).event();

        assertThat(location.getLocationId()).isEqualTo(CANAL_SIDE);
        assertThat(location.getAddress().getCountry()).isEqualTo("GB");
        assertThat(location.getAddress().getRegion()).isNull();
        assertThat(location.getTimeZone()).isEqualTo("Europe/London");
        assertThat(location.getSenderName()).isEqualTo("Deskpost Canal");
    }

    @Test
    void anOfficeWithoutItsMailConfigurationIsRefusedNamingEveryMissingField() {
        OfficeRndEvents unconfigured = events(Map.of());

        assertThatThrownBy(() -> unconfigured.map(sample("office-updated"), false))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT);
                    assertThat(e.code()).isEqualTo("officernd_location_incomplete");
                    String key = "deskpost.ingest.officernd.locations." + CANAL_SIDE + ".";
                    assertThat(paths(e)).containsExactlyInAnyOrder("$.data.object.timezone", key + "jurisdiction",
                            key + "sender-mailbox", key + "staff-mailbox");
                    assertThat(e.getMessage()).contains("set it in OfficeRnD, or set " + key + "time-zone");
                });
    }

    @Test
    void badValuesAreRefusedWhereTheyCameFrom() {
        ObjectNode badZone = (ObjectNode) sample("office-created");
        object(badZone).put("timezone", "London");
        assertRefused(badZone, "invalid_officernd_location", "$.data.object.timezone");

        ObjectNode unknownCountry = (ObjectNode) sample("office-created");
        object(unknownCountry).put("country", "Atlantis");
        assertThatThrownBy(() -> EVENTS.map(unknownCountry, false)).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.code()).isEqualTo("officernd_location_incomplete");
            assertThat(paths(e)).containsExactly("$.data.object.country");
            assertThat(e.getMessage()).contains("\"Atlantis\" is neither an ISO 3166-1 alpha-2 code");
        });

        OfficeRndEvents badMailbox = events(Map.of(OLD_STREET, new Office(null, null, null, null, null, null, null,
                "UK", "not-a-mailbox", null, "staff@deskpost.example", null, null, null)));
        assertThatThrownBy(() -> badMailbox.map(sample("office-created"), false))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(paths(e)).containsExactly(
                        "deskpost.ingest.officernd.locations." + OLD_STREET + ".sender-mailbox"));
    }

    @Test
    void companiesRemovedOfficesAndMembersOnTheBookingPathAreAcknowledgedAndNotMapped() {
        assertThat(EVENTS.map(sample("company-created"), false)).isInstanceOf(Ignored.class);
        ObjectNode removedOffice = (ObjectNode) sample("office-created");
        removedOffice.put("eventType", "office.removed");
        assertThat(EVENTS.map(removedOffice, false)).isInstanceOf(Ignored.class);
        assertThat(EVENTS.map(sample("member-created"), true)).isInstanceOfSatisfying(Ignored.class,
                ignored -> assertThat(ignored.reason()).contains("/api/v1/webhooks/officernd"));
        assertThat(((Mapped<?>) EVENTS.map(sample("booking-created"), true)).event()).isInstanceOf(BookingEvent.class);
        assertThat(((Mapped<?>) EVENTS.map(sample("booking-created"), false)).topic())
                .isEqualTo(Topics.FACILITY_BOOKINGS);
    }

    @Test
    void sameWebhookTwiceIsTheSameEntry() {
        assertThat(mapped(sample("member-created")).event()).isEqualTo(mapped(sample("member-created")).event());
        assertThat(mapped(sample("office-created")).event()).isEqualTo(mapped(sample("office-created")).event());
    }

    private static OfficeRndEvents events(Map<String, Office> offices) {
        return new OfficeRndEvents(new OfficeRndProperties("secret-secret-secret", "", "ornd-",
                Map.of(OLD_STREET, "LDN-OLD"), offices, null, null));
    }

    private static Mapped<?> mapped(JsonNode webhook) {
        return (Mapped<?>) EVENTS.map(webhook, false);
    }

    private static ObjectNode object(ObjectNode webhook) {
        return (ObjectNode) webhook.get("data").get("object");
    }

    private static void assertRefused(JsonNode webhook, String code, String path) {
        assertThatThrownBy(() -> EVENTS.map(webhook, false)).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.status()).isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT);
            assertThat(e.code()).isEqualTo(code);
            assertThat(e.details().get("path")).isEqualTo(path);
        });
    }

    @SuppressWarnings("unchecked")
    private static List<String> paths(ApiException refused) {
        return ((List<Map<String, Object>>) refused.details().get("problems")).stream()
                .map(problem -> (String) problem.get("path")).toList();
    }
}
