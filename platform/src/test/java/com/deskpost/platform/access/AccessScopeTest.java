package com.deskpost.platform.access;

import static org.assertj.core.api.Assertions.assertThat;

import com.deskpost.events.EmailDraft;
import com.deskpost.events.EventHeader;
import com.deskpost.events.Location;
import com.deskpost.events.Member;
import com.deskpost.events.MemberRole;
import com.deskpost.events.PostalAddress;
import com.deskpost.events.Recipient;
import com.deskpost.events.RecipientRole;
import com.deskpost.platform.TestDrafts;
import com.deskpost.platform.directory.Directory;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AccessScopeTest {

    private static final EventHeader HEADER = EventHeader.newBuilder().setEventId("e").setOccurredAt(Instant.EPOCH)
            .setSource("t").setEntityVersion(1).setCorrelationId("c").build();
    private static final Location LONDON = Location.newBuilder().setHeader(HEADER).setLocationId("LDN-1")
            .setName("Shoreditch").setAddress(PostalAddress.newBuilder().setLine1("1 Market St").setCity("London")
                    .setPostalCode("E1").setCountry("GB").build())
            .setTimeZone("Europe/London").setJurisdiction("UK").setSenderMailbox("hello@ldn.example")
            .setSenderName("Shoreditch").setStaffMailbox("staff@ldn.example").build();
    private static final Map<String, Member> MEMBERS = Map.of(
            "M-ADA", member("M-ADA", "ada@example.com", MemberRole.MEMBER, "LDN-1"),
            "M-ALAN", member("M-ALAN", "alan@example.com", MemberRole.MEMBER, "LDN-1"),
            "M-GRACE", member("M-GRACE", "grace@example.com", MemberRole.MEMBER, "NYC-1"),
            "M-STAFF", member("M-STAFF", "lead@ldn.example", MemberRole.STAFF, "LDN-1"));
    private static final Directory DIRECTORY = Directory.of(List.of(LONDON), MEMBERS.values());

    @Test
    void aDoorCodeGoesToItsHolderAndToNoOtherMember() {
        assertThat(AccessScope.violation(mail("door_code_changed", "M-ADA", RecipientRole.MEMBER, "M-ADA",
                "ada@example.com"), DIRECTORY)).isEmpty();
        assertThat(AccessScope.violation(mail("door_code_changed", "M-ADA", RecipientRole.MEMBER, "M-ALAN",
                "alan@example.com"), DIRECTORY)).hasValueSatisfying(reason -> assertThat(reason)
                .contains("door_code_changed", "M-ALAN", "M-ADA"));
    }

    @Test
    void aDraftWhoseAddressIsNotTheNamedMembersIsRefused() {
        assertThat(AccessScope.violation(mail("door_code_changed", "M-ADA", RecipientRole.MEMBER, "M-ADA",
                "attacker@example.com"), DIRECTORY)).isPresent();
    }

    @Test
    void visitorMailGoesToTheSponsorOnly() {
        assertThat(AccessScope.violation(mail("visitor_pre_authorized", "M-ADA", RecipientRole.SPONSOR, "M-ADA",
                "ada@example.com"), DIRECTORY)).isEmpty();
        assertThat(AccessScope.violation(mail("visitor_pre_authorized", "M-ADA", RecipientRole.MEMBER, "M-ADA",
                "ada@example.com"), DIRECTORY)).isPresent();
        assertThat(AccessScope.violation(mail("visitor_pre_authorized", "M-ADA", RecipientRole.SPONSOR, "M-ALAN",
                "alan@example.com"), DIRECTORY)).isPresent();
    }

    @Test
    void staffOfTheLocationMayReceiveAnyAccessMail() {
        assertThat(AccessScope.violation(mail("master_keycode_reset", "M-ADA", RecipientRole.STAFF, null,
                "staff@ldn.example"), DIRECTORY)).isEmpty();
        assertThat(AccessScope.violation(mail("master_keycode_reset", "M-ADA", RecipientRole.STAFF, "M-STAFF",
                "lead@ldn.example"), DIRECTORY)).isEmpty();
    }

    @Test
    void incidentNoticesReachTheLocationsMembersOnly() {
        assertThat(AccessScope.violation(mail("building_incident", null, RecipientRole.MEMBER, "M-ALAN",
                "alan@example.com"), DIRECTORY)).isEmpty();
        assertThat(AccessScope.violation(mail("building_incident", null, RecipientRole.MEMBER, "M-GRACE",
                "grace@example.com"), DIRECTORY)).hasValueSatisfying(reason -> assertThat(reason)
                .contains("not a member there"));
    }

    @Test
    void aCredentialGoesToItsHolderAloneNotEvenToStaff() {
        EmailDraft visitorCode = withSecret(mail("visitor_pre_authorized", "M-ADA", RecipientRole.SPONSOR, "M-ADA",
                "ada@example.com"));
        assertThat(AccessScope.violation(visitorCode, DIRECTORY)).isEmpty();
        for (Recipient staff : List.of(
                Recipient.newBuilder().setEmail("staff@ldn.example").setRole(RecipientRole.STAFF).build(),
                Recipient.newBuilder().setEmail("lead@ldn.example").setMemberId("M-STAFF").setRole(RecipientRole.STAFF)
                        .build())) {
            assertThat(AccessScope.violation(EmailDraft.newBuilder(visitorCode).setRecipient(staff).build(), DIRECTORY))
                    .hasValueSatisfying(reason -> assertThat(reason).contains("carries a credential")
                            .doesNotContain("9911"));
        }
    }

    @Test
    void aMasterKeycodeGoesOnlyToAStaffHolderAtThatLocation() {
        assertThat(AccessScope.violation(withSecret(mail("master_keycode_reset", "M-STAFF", RecipientRole.STAFF,
                "M-STAFF", "lead@ldn.example")), DIRECTORY)).isEmpty();
        assertThat(AccessScope.violation(withSecret(mail("master_keycode_reset", "M-ADA", RecipientRole.MEMBER,
                "M-ADA", "ada@example.com")), DIRECTORY)).hasValueSatisfying(reason -> assertThat(reason)
                .contains("master keycode of LDN-1 to M-ADA, who is not staff there"));
    }

    @Test
    void aVisitorOrContractorReceivesOnlyTheirOwnPassSponsoredByAMemberThere() {
        // Their own pass, sponsored by a member of the location: inside the policy
        assertThat(AccessScope.violation(mail("visitor_pre_authorized", "M-ADA", RecipientRole.VISITOR, null,
                "grace@guests.example"), DIRECTORY)).isEmpty();
        assertThat(AccessScope.violation(mail("contractor_access_granted", "M-ADA", RecipientRole.CONTRACTOR, null,
                "ivan@fixit.example"), DIRECTORY)).isEmpty();
        // Another kind's pass, or any other access mail: refused
        assertThat(AccessScope.violation(mail("contractor_access_granted", "M-ADA", RecipientRole.VISITOR, null,
                "grace@guests.example"), DIRECTORY)).hasValueSatisfying(reason -> assertThat(reason)
                .contains("receives only their own pass", "visitor_pre_authorized"));
        for (String other : List.of("door_code_changed", "keycard_provisioned", "building_incident",
                "after_hours_override")) {
            assertThat(AccessScope.violation(mail(other, "M-ADA", RecipientRole.CONTRACTOR, null,
                    "ivan@fixit.example"), DIRECTORY)).as(other).isPresent();
        }
        // A pass that names no sponsor, or one who is no member of this location: refused
        assertThat(AccessScope.violation(mail("visitor_pre_authorized", null, RecipientRole.VISITOR, null,
                "grace@guests.example"), DIRECTORY)).hasValueSatisfying(reason -> assertThat(reason)
                .contains("names no sponsor", "none named"));
        assertThat(AccessScope.violation(mail("visitor_pre_authorized", "M-GRACE", RecipientRole.VISITOR, null,
                "grace@guests.example"), DIRECTORY)).hasValueSatisfying(reason -> assertThat(reason)
                .contains("member of LDN-1", "M-GRACE"));
    }

    @Test
    void theEntryCodeGoesToTheSponsorNeverToTheVisitorOrContractorThemselves() {
        for (RecipientRole role : List.of(RecipientRole.VISITOR, RecipientRole.CONTRACTOR)) {
            String type = role == RecipientRole.VISITOR ? "visitor_pre_authorized" : "contractor_access_granted";
            assertThat(AccessScope.violation(withSecret(mail(type, "M-ADA", role, null, "guest@guests.example")),
                    DIRECTORY)).as("%s", role).hasValueSatisfying(reason -> assertThat(reason)
                    .contains("carries a credential").doesNotContain("9911"));
        }
        // while the sponsor's mail still carries it, as before
        assertThat(AccessScope.violation(withSecret(mail("contractor_access_granted", "M-ADA", RecipientRole.SPONSOR,
                "M-ADA", "ada@example.com")), DIRECTORY)).isEmpty();
    }

    @Test
    void otherMailIsNotJudgedByThisPolicy() {
        assertThat(AccessScope.violation(mail("booking_created", null, RecipientRole.MEMBER, "M-GRACE",
                "anyone@example.com"), DIRECTORY)).isEmpty();
    }

    private static EmailDraft withSecret(EmailDraft draft) {
        return EmailDraft.newBuilder(draft).setSecrets(List.of("9911")).setBodyText("Your code: 9911").build();
    }

    private static EmailDraft mail(String eventType, String about, RecipientRole role, String memberId, String to) {
        return EmailDraft.newBuilder(TestDrafts.draft("d-" + eventType, List.of()))
                .setEventType(eventType)
                .setLocationId("LDN-1")
                .setAboutMemberId(about)
                .setRecipient(Recipient.newBuilder().setEmail(to).setMemberId(memberId).setRole(role).build())
                .build();
    }

    private static Member member(String id, String email, MemberRole role, String locationId) {
        return Member.newBuilder().setHeader(HEADER).setMemberId(id).setEmail(email).setName(id).setRole(role)
                .setLocationIds(List.of(locationId)).build();
    }
}
