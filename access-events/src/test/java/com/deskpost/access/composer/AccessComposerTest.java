package com.deskpost.access.composer;

import static com.deskpost.access.testdata.AccessEvents.contractor;
import static com.deskpost.access.testdata.AccessEvents.doorCode;
import static com.deskpost.access.testdata.AccessEvents.event;
import static com.deskpost.access.testdata.AccessEvents.incident;
import static com.deskpost.access.testdata.AccessEvents.keycard;
import static com.deskpost.access.testdata.AccessEvents.masterReset;
import static com.deskpost.access.testdata.AccessEvents.revoked;
import static com.deskpost.access.testdata.AccessEvents.visitor;
import static com.deskpost.access.testdata.TestDirectory.newLocation;
import static com.deskpost.access.testdata.TestDirectory.newMember;
import static com.deskpost.access.testdata.TestDirectory.newStaff;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.deskpost.access.testdata.TestDirectory;
import com.deskpost.events.AfterHoursAccess;
import com.deskpost.events.BuildingIncident;
import com.deskpost.events.EmailCategory;
import com.deskpost.events.EmailDraft;
import com.deskpost.events.EntityStatus;
import com.deskpost.events.IncidentSeverity;
import com.deskpost.events.MemberRole;
import com.deskpost.events.MemberStatus;
import com.deskpost.events.RecipientRole;
import com.deskpost.platform.credential.CredentialKeys;
import com.deskpost.platform.credential.CredentialOpener;
import com.deskpost.platform.credential.CredentialPlaceholders;
import com.deskpost.platform.credential.CredentialSealer;
import com.deskpost.platform.streams.RejectedEvent;
import com.deskpost.platform.template.TemplateRenderer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Who gets which access mail, and what it says: the composer without a broker. Credentials are sealed
 * with a test key pair: a draft never holds a code in clear, and its sealed secret opens, with the
 * private key, to the right code for the draft's own location and member only.
 */
class AccessComposerTest {

    private static final String PLACEHOLDER = CredentialPlaceholders.of(1);

    private final CredentialKeys.PrivateKey key = CredentialKeys.generate("test-2026");
    private final CredentialSealer sealer = new CredentialSealer(List.of(key.publicKey()));
    private final CredentialOpener opener = new CredentialOpener(List.of(key));
    private final AccessComposer composer = new AccessComposer(new TemplateRenderer(getClass().getClassLoader()),
            sealer, LateReports.DEFAULTS, Clock.fixed(Instant.parse("2026-11-24T09:00:00Z"), ZoneOffset.UTC));
    private final TestDirectory directory = new TestDirectory()
            .add(newLocation("LDN")).add(newLocation("BER"))
            .add(newMember("ADA", "LDN")).add(newMember("BOB", "LDN")).add(newMember("EVE", "BER"))
            .add(newMember("LEFT", MemberRole.MEMBER, MemberStatus.LEFT, "LDN"))
            .add(newStaff("SAM", "LDN")).add(newStaff("KAI", "BER"));

    @Test
    void aNewDoorCodeGoesToItsHolderAloneSealedWithAPlaceholderWhereTheCodeGoes() {
        AccessComposer.Composition out = composer.compose(event("e-1", 4, "LDN", "ADA", doorCode("D1", "4821-7730")),
                directory);

        assertThat(out.refused()).isEmpty();
        EmailDraft draft = only(out.drafts());
        assertThat(draft.getRecipient().getEmail()).isEqualTo("ada@members.example");
        assertThat(draft.getRecipient().getRole()).isEqualTo(RecipientRole.MEMBER);
        assertThat(draft.getAboutMemberId()).isEqualTo("ADA");
        assertThat(draft.getLocationId()).isEqualTo("LDN");
        assertThat(draft.getCategory()).isEqualTo(EmailCategory.SECURITY);
        assertThat(draft.getEventType()).isEqualTo("door_code_changed");
        // The code is nowhere in clear: sealed in secrets, a placeholder in the text
        assertThat(draft.toString()).doesNotContain("4821");
        assertThat(draft.getSecrets()).singleElement().asString().startsWith("sealed:v1:test-2026:");
        assertThat(opensTo(draft)).isEqualTo("4821-7730");
        assertThat(draft.getBodyText()).contains("Hello Member ADA", "Door D1", "New code:    " + PLACEHOLDER,
                "Deskpost LDN");
        assertThat(draft.getBodyHtml()).contains(PLACEHOLDER);
        assertThat(draft.getSubject()).doesNotContain(PLACEHOLDER);
        // and what delivery sends its holder shows the code
        assertThat(opener.reveal(draft).getBodyText()).contains("New code:    4821-7730");
        assertThat(draft.getSupersedeKey()).isEqualTo("door-code:D1:ADA");
        assertThat(only(out.versions()).getVersion()).isEqualTo(4);
    }

    @Test
    void aRevokedKeycardClosesTheCardsKeySoAPendingWelcomeForItIsSuperseded() {
        EmailDraft issued = only(composer.compose(event("e-1", 1, "LDN", "BOB", keycard("K-7")), directory).drafts());
        AccessComposer.Composition revoked = composer.compose(event("e-2", 2, "LDN", "BOB", revoked("K-7")), directory);

        assertThat(only(revoked.versions()).getSupersedeKey()).isEqualTo(issued.getSupersedeKey());
        assertThat(only(revoked.versions()).getStatus()).isEqualTo(EntityStatus.CLOSED);
        assertThat(only(revoked.versions()).getVersion()).isGreaterThan(issued.getEntityVersion());
        assertThat(only(revoked.drafts()).getBodyText()).contains("K-7", "reported lost");
    }

    @Test
    void aVisitorsEntryCodeGoesToTheSponsorAndTheStaffNoticeNamesTheVisitorWithoutIt() {
        AccessComposer.Composition out = composer.compose(event("e-1", 1, "LDN", "ADA", visitor("Grace", "9911")),
                directory);

        assertThat(out.drafts()).hasSize(2);
        EmailDraft sponsor = byRole(out.drafts(), RecipientRole.SPONSOR);
        EmailDraft staff = byRole(out.drafts(), RecipientRole.STAFF);
        assertThat(sponsor.getRecipient().getEmail()).isEqualTo("ada@members.example");
        assertThat(sponsor.toString()).doesNotContain("9911");
        assertThat(opensTo(sponsor)).isEqualTo("9911");
        assertThat(sponsor.getBodyText()).contains("Grace", "Entry code:  " + PLACEHOLDER);
        assertThat(staff.getRecipient().getEmail()).isEqualTo("staff@ldn.example");
        assertThat(staff.getSecrets()).isEmpty();
        assertThat(staff.toString()).doesNotContain("9911").doesNotContain(PLACEHOLDER);
        assertThat(staff.getBodyText() + staff.getBodyHtml() + staff.getSubject())
                .contains("Grace", "Member ADA").doesNotContain("Entry code");
        assertThat(out.versions()).as("one-off: nothing newer can supersede it").isEmpty();
    }

    @Test
    void aContractorWithoutACodeStillNotifiesSponsorAndStaff() {
        AccessComposer.Composition out = composer.compose(event("e-1", 1, "LDN", "BOB", contractor("Ivan", null)),
                directory);

        assertThat(out.drafts()).extracting(d -> d.getRecipient().getEmail())
                .containsExactlyInAnyOrder("bob@members.example", "staff@ldn.example");
        assertThat(out.drafts()).allSatisfy(d -> assertThat(d.getSecrets()).isEmpty());
        assertThat(byRole(out.drafts(), RecipientRole.SPONSOR).getBodyText()).contains("Ivan", "Fixit Ltd")
                .doesNotContain("Entry code", PLACEHOLDER);
    }

    @Test
    void aContractorsEntryCodeIsSealedForTheSponsor() {
        AccessComposer.Composition out = composer.compose(event("e-1", 1, "LDN", "BOB", contractor("Ivan", "7070-1")),
                directory);

        EmailDraft sponsor = byRole(out.drafts(), RecipientRole.SPONSOR);
        assertThat(out.drafts()).allSatisfy(d -> assertThat(d.toString()).doesNotContain("7070-1"));
        assertThat(opensTo(sponsor)).isEqualTo("7070-1");
        assertThat(sponsor.getAboutMemberId()).isEqualTo("BOB");
        assertThat(byRole(out.drafts(), RecipientRole.STAFF).getSecrets()).isEmpty();
    }

    @Test
    void aCodeTheFacilitySystemSealedIsCarriedAsItWasSentAndOpensForItsHolder() {
        // Given a door code sealed by the facility system for LDN and ADA with Deskpost's public key
        String sealed = sealer.seal("5150-2", "LDN", "ADA");

        EmailDraft draft = only(composer.compose(event("e-1", 1, "LDN", "ADA", doorCode("D1", sealed)), directory)
                .drafts());

        assertThat(draft.getSecrets()).containsExactly(sealed);
        assertThat(opensTo(draft)).isEqualTo("5150-2");
    }

    @Test
    void aCodeSealedUnderAKeyDeskpostDoesNotPublishIsRefusedAsBadInputNamingTheKey() {
        String foreign = new CredentialSealer(List.of(CredentialKeys.generate("retired-2025").publicKey()))
                .seal("5150-2", "LDN", "ADA");

        assertThatThrownBy(() -> composer.compose(event("e-1", 1, "LDN", "ADA", doorCode("D1", foreign)), directory))
                .isInstanceOf(RejectedEvent.class)
                .hasMessageContaining("key id retired-2025, which Deskpost does not publish (published: test-2026)")
                .hasMessageNotContaining(foreign).hasMessageNotContaining("5150");
        assertThatThrownBy(() -> composer.compose(event("e-2", 1, "LDN", "ADA", visitor("Grace", "sealed:v1:1234")),
                directory)).isInstanceOf(RejectedEvent.class).hasMessageContaining("sealed:v1:<key id>:<base64url>")
                .hasMessageNotContaining("1234");
    }

    @Test
    void anIncidentReachesEachActiveMemberAndTheStaffOfThatLocationOnly() {
        AccessComposer.Composition out = composer.compose(event("e-1", 1, "LDN", "SAM", incident("INC-1")), directory);

        assertThat(out.drafts()).extracting(d -> d.getRecipient().getEmail()).containsExactlyInAnyOrder(
                "staff@ldn.example", "ada@members.example", "bob@members.example", "sam@members.example");
        assertThat(out.drafts()).extracting(EmailDraft::getDraftId).doesNotHaveDuplicates();
        assertThat(out.drafts()).allSatisfy(d -> {
            assertThat(d.getSupersedeKey()).isEqualTo("incident:INC-1");
            assertThat(d.getSubject()).isEqualTo("[CRITICAL] Fire alarm – Deskpost LDN");
        });
    }

    @Test
    void aDoorForcedOpenIsAnInfoIncidentForTheStaffMailboxAloneNotEveryMember() {
        AccessComposer.Composition out = composer.compose(event("e-1", 1, "LDN", "SAM", forcedDoor("INC-2")),
                directory);

        EmailDraft draft = only(out.drafts());
        assertThat(draft.getRecipient().getEmail()).isEqualTo("staff@ldn.example");
        assertThat(draft.getSubject()).startsWith("[INFO] Door forced open: Side door");
        // its header says 08:00, the composer's clock 09:00: reported an hour late, and the mail says so
        assertThat(draft.getBodyText()).contains("Reported 1 hour after it happened.");
    }

    @Test
    void anAfterHoursEntryReportedLateSaysSoAndOneReportedTooLateIsAuditedNotMailed() {
        Instant now = Instant.parse("2026-11-24T09:00:00Z");

        // Within a quarter of an hour: news, said as such
        EmailDraft fresh = only(composer.compose(event("e-1", 1, "LDN", "ADA", afterHoursAt(now.minusSeconds(120))),
                directory).drafts());
        assertThat(fresh.getBodyText()).contains("Door:  Door D1").doesNotContain("reported");
        assertThat(fresh.getBodyHtml()).doesNotContain("reported");

        // Three hours late (an offline lock): mailed, with when it was reported
        EmailDraft late = only(composer.compose(event("e-2", 1, "LDN", "ADA",
                afterHoursAt(now.minus(Duration.ofHours(3)))), directory).drafts());
        assertThat(late.getBodyText()).contains("The lock reported this 3 hours after it happened.");
        assertThat(late.getBodyHtml()).contains("<p>The lock reported this 3 hours after it happened.</p>");

        // Two days late: past mail-within, so not mailed; the draft is kept for the audit, with the reason
        AccessComposer.Composition tooLate = composer.compose(event("e-3", 1, "LDN", "ADA",
                afterHoursAt(now.minus(Duration.ofDays(2)))), directory);
        assertThat(tooLate.drafts()).isEmpty();
        AccessComposer.Withheld withheld = only(tooLate.suppressed());
        assertThat(withheld.draft().getRecipient().getEmail()).isEqualTo("ada@members.example");
        assertThat(withheld.reason()).contains("Not mailed: reported late", "2 days after it happened",
                "2026-11-22T09:00:00Z", "deskpost.access.late.mail-within (PT24H)");
    }

    @Test
    void theLateLimitsAreTheOperatorsAndAForcedDoorPastThemIsNotMailedEither() {
        AccessComposer strict = new AccessComposer(new TemplateRenderer(getClass().getClassLoader()), sealer,
                new LateReports(Duration.ofMinutes(1), Duration.ofMinutes(30)),
                Clock.fixed(Instant.parse("2026-11-24T09:00:00Z"), ZoneOffset.UTC));

        AccessComposer.Composition out = strict.compose(event("e-1", 1, "LDN", "SAM", forcedDoor("INC-2")), directory);

        assertThat(out.drafts()).isEmpty();
        assertThat(only(out.suppressed()).reason()).contains("1 hour after it happened", "(PT30M)");
        assertThat(out.versions()).as("a later report of the incident still supersedes this one").hasSize(1);
        // A CRITICAL incident is the operator's own alarm, not a lock's report: never held back for its age
        assertThat(strict.compose(event("e-2", 1, "LDN", "SAM", incident("INC-1")), directory).drafts()).hasSize(4);
    }

    @Test
    void lateLimitsThatCannotBothHoldAreRefusedWithTheSettingsNamed() {
        assertThatThrownBy(() -> new LateReports(Duration.ofHours(2), Duration.ofHours(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("deskpost.access.late.note-after (PT2H)", "deskpost.access.late.mail-within (PT1H)");
        assertThat(LateReports.spoken(Duration.ofSeconds(20))).isEqualTo("1 minute");
        assertThat(LateReports.spoken(Duration.ofMinutes(59))).isEqualTo("59 minutes");
        assertThat(LateReports.spoken(Duration.ofHours(1))).isEqualTo("1 hour");
        assertThat(LateReports.spoken(Duration.ofHours(47))).isEqualTo("1 day");
    }

    private static AfterHoursAccess afterHoursAt(Instant accessedAt) {
        return AfterHoursAccess.newBuilder().setDoorId("D1").setDoorName("Door D1").setAccessedAt(accessedAt).build();
    }

    private static BuildingIncident forcedDoor(String id) {
        return BuildingIncident.newBuilder().setIncidentId(id).setSeverity(IncidentSeverity.INFO)
                .setSummary("Door forced open: Side door").setDetails("The side door's lock reported it forced.").build();
    }

    @Test
    void theMasterKeycodeGoesToTheStaffHolderAndIsRefusedForAnyoneElse() {
        AccessComposer.Composition toStaff = composer.compose(event("e-1", 3, "LDN", "SAM", masterReset("7-7-7-1", "KAI")),
                directory);
        EmailDraft draft = only(toStaff.drafts());
        assertThat(draft.getRecipient().getEmail()).isEqualTo("sam@members.example");
        assertThat(draft.getBodyText()).contains("New keycode:  " + PLACEHOLDER, "Reset by:     Member KAI");
        assertThat(draft.toString()).doesNotContain("7-7-7-1");
        assertThat(opensTo(draft)).isEqualTo("7-7-7-1");
        assertThat(draft.getSupersedeKey()).isEqualTo("master-keycode:LDN");

        // A member, and staff of another location, are not holders of this location's master keycode
        for (String notHolder : List.of("ADA", "KAI")) {
            AccessComposer.Composition refused = composer.compose(
                    event("e-2" + notHolder, 4, "LDN", notHolder, masterReset("7-7-7-2", "SAM")), directory);
            assertThat(refused.drafts()).isEmpty();
            assertThat(only(refused.refused()).reason()).contains("master keycode of LDN", "who is not staff there")
                    .doesNotContain("7-7-7-2");
            assertThat(only(refused.refused()).draft().toString()).doesNotContain("7-7-7-2");
        }
    }

    @Test
    void anEventForAMemberOrLocationNotInTheDirectoryIsRejectedWithTheFix() {
        assertThatThrownBy(() -> composer.compose(event("e-1", 1, "LDN", "NOBODY", keycard("K-1")), directory))
                .isInstanceOf(RejectedEvent.class).hasMessageContaining("Member NOBODY")
                .hasMessageContaining("facility.members");
        assertThatThrownBy(() -> composer.compose(event("e-2", 1, "PAR", "ADA", keycard("K-1")), directory))
                .isInstanceOf(RejectedEvent.class).hasMessageContaining("Location PAR")
                .hasMessageContaining("facility.locations");
    }

    /** The draft's one secret, opened as delivery opens it: for the draft's own location and member. */
    private String opensTo(EmailDraft draft) {
        assertThat(draft.getSecrets()).hasSize(1);
        String opened = opener.open(draft.getSecrets().get(0), draft.getLocationId(), draft.getAboutMemberId());
        // and for no other member of the location
        assertThatThrownBy(() -> opener.open(draft.getSecrets().get(0), draft.getLocationId(), "EVE"))
                .hasMessageContaining("sealed for another location or member");
        return opened;
    }

    private static <T> T only(List<T> items) {
        assertThat(items).hasSize(1);
        return items.get(0);
    }

    private static EmailDraft byRole(List<EmailDraft> drafts, RecipientRole role) {
        return only(drafts.stream().filter(d -> d.getRecipient().getRole() == role).toList());
    }
}
