package com.deskpost.mcp.draft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.deskpost.events.EmailCategory;
import com.deskpost.events.EmailDraft;
import com.deskpost.events.OversightMode;
import com.deskpost.events.RecipientRole;
import com.deskpost.mcp.agent.Agent;
import com.deskpost.mcp.agent.Scope;
import com.deskpost.mcp.testdata.Facility;
import com.deskpost.platform.credential.CredentialKeys;
import com.deskpost.platform.credential.CredentialOpener;
import com.deskpost.platform.credential.CredentialSealer;
import com.deskpost.platform.credential.SealedCredential;
import com.deskpost.platform.directory.Directory;
import com.deskpost.mcp.tools.ToolError;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What an agent may send, and the draft it becomes. */
class AgentDraftsTest {

    private static final Instant NOW = Instant.parse("2026-11-24T09:00:00Z");
    private static final Agent WRITER = new Agent("writer", Set.of(Scope.SEND));
    private final Directory facility = Facility.london();
    private static final CredentialKeys.PrivateKey DELIVERY_KEY = CredentialKeys.generate("test-key");
    private final AgentDrafts drafts = new AgentDrafts(OversightMode.MONITORED,
            new CredentialSealer(List.of(DELIVERY_KEY.publicKey())));
    private final CredentialOpener delivery = new CredentialOpener(List.of(DELIVERY_KEY));

    private static AgentMail booking(String key, String to) {
        return new AgentMail(key, Facility.LOCATION, to, "Ada", null, null, EmailCategory.TRANSACTIONAL,
                "booking_modified", "Your desk moved", "Hello Ada, <b>desk</b> 4 now.", null, null, null, null, null);
    }

    private static AgentMail access(String to, String memberId, String about, List<String> credentials) {
        return new AgentMail("door-1", Facility.LOCATION, to, null, memberId, null, EmailCategory.SECURITY,
                "door_code_changed", "Your new door code", "Your code is 4821.", null, null, null, about, credentials);
    }

    @Test
    void theDraftIsRequestedByTheAgentWithAnIdFromItsKeyAndTheRecipient() {
        // When
        EmailDraft draft = drafts.compose(WRITER, booking("k-1", "guest@example.com"), facility, NOW);

        // Then
        assertThat(draft.getRequestedBy()).isEqualTo("agent:writer");
        assertThat(draft.getRequestedMode()).isEqualTo(OversightMode.MONITORED);
        assertThat(draft.getDraftId()).isEqualTo(drafts.compose(WRITER, booking("k-1", "guest@example.com"), facility,
                NOW.plusSeconds(60)).getDraftId());
        assertThat(draft.getDraftId()).isNotEqualTo(drafts.compose(WRITER, booking("k-2", "guest@example.com"),
                facility, NOW).getDraftId());
        assertThat(draft.getDraftId()).isNotEqualTo(drafts.compose(WRITER, booking("k-1", "other@example.com"),
                facility, NOW).getDraftId());
        assertThat(draft.getDraftId()).isNotEqualTo(drafts.compose(new Agent("other", Set.of(Scope.SEND)),
                booking("k-1", "guest@example.com"), facility, NOW).getDraftId());
        assertThat(draft.getRecipient().getRole()).isEqualTo(RecipientRole.GUEST);
        assertThat(draft.getBodyHtml()).contains("&lt;b&gt;desk&lt;/b&gt;").doesNotContain("<b>");
        assertThat(draft.getThread().getThreadKey()).isEqualTo("agent:writer:k-1");
    }

    @Test
    void anAgentMayAskForStricterOversightButALooserRequestIsRaisedToTheMinimum() {
        AgentMail gated = withMode(booking("k-3", "guest@example.com"), OversightMode.GATED_ALL);
        AgentMail loose = withMode(booking("k-4", "guest@example.com"), OversightMode.AUTONOMOUS);

        assertThat(drafts.compose(WRITER, gated, facility, NOW).getRequestedMode()).isEqualTo(OversightMode.GATED_ALL);
        assertThat(drafts.compose(WRITER, loose, facility, NOW).getRequestedMode()).isEqualTo(OversightMode.MONITORED);
    }

    @Test
    void anUnknownLocationOrAnEventTypeOfAnotherCategoryIsRefused() {
        AgentMail nowhere = new AgentMail("k", "NOWHERE", "a@example.com", null, null, null,
                EmailCategory.TRANSACTIONAL, "agent_message", "s", "b", null, null, null, null, null);
        assertThat(refusal(nowhere).field()).isEqualTo("location_id");

        AgentMail disguised = new AgentMail("k", Facility.LOCATION, "a@example.com", null, null, null,
                EmailCategory.TRANSACTIONAL, "master_keycode_reset", "s", "b", null, null, null, null, null);
        ToolError error = refusal(disguised);
        assertThat(error.field()).isEqualTo("event_type");
        assertThat(error.getMessage()).contains("not a transactional event type");
    }

    @Test
    void accessMailMustNameTheMemberItConcerns() {
        ToolError error = refusal(access(Facility.MEMBER_EMAIL, Facility.MEMBER, null, List.of()));

        assertThat(error.field()).isEqualTo("about_member_id");
    }

    @Test
    void accessMailToTheMemberItConcernsPassesTheScopingPolicy() {
        EmailDraft draft = drafts.compose(WRITER, access(Facility.MEMBER_EMAIL, Facility.MEMBER, Facility.MEMBER,
                List.of("4821")), facility, NOW);

        assertThat(draft.getCategory()).isEqualTo(EmailCategory.SECURITY);
        assertThat(draft.getAboutMemberId()).isEqualTo(Facility.MEMBER);
        assertThat(draft.getSecrets()).hasSize(1);
    }

    @Test
    void credentialsWrittenInTheMailTravelOnlySealedWithPlaceholdersWhereTheyWere() {
        // Given a mail with a master keycode and a door code that is a prefix of it, in subject and body
        AgentMail mail = new AgentMail("door-2", Facility.LOCATION, Facility.MEMBER_EMAIL, null, Facility.MEMBER, null,
                EmailCategory.SECURITY, "door_code_changed", "Code 4821 <now>",
                "Door: 4821. Master: 4821-7730. Again 4821.", null, null, null, Facility.MEMBER,
                List.of("4821", "4821-7730"));

        // When it is composed
        EmailDraft draft = drafts.compose(WRITER, mail, facility, NOW);

        // Then no clear value is left in the draft: each occurrence shows its placeholder, the longer one whole
        assertThat(draft.toString()).doesNotContain("4821");
        assertThat(draft.getSubject()).isEqualTo("Code ⟦credential 1⟧ <now>");
        assertThat(draft.getBodyText()).isEqualTo("Door: ⟦credential 1⟧. Master: ⟦credential 2⟧. Again ⟦credential 1⟧.");
        assertThat(draft.getBodyHtml()).contains("Master: ⟦credential 2⟧.");
        // And the secrets are sealed for the location and the member the mail is about, in placeholder order
        assertThat(draft.getSecrets()).allSatisfy(secret -> assertThat(SealedCredential.isSealed(secret)).isTrue());
        assertThat(delivery.open(draft.getSecrets().get(0), Facility.LOCATION, Facility.MEMBER)).isEqualTo("4821");
        assertThat(delivery.open(draft.getSecrets().get(1), Facility.LOCATION, Facility.MEMBER)).isEqualTo("4821-7730");
        // And delivery's fill-in restores the mail the agent wrote, for the holder alone
        EmailDraft revealed = delivery.reveal(draft);
        assertThat(revealed.getSubject()).isEqualTo("Code 4821 <now>");
        assertThat(revealed.getBodyText()).isEqualTo(mail.bodyText());
    }

    @Test
    void aCredentialForSomeoneElseIsRefusedByTheScopingPolicy() {
        // Given a door code that belongs to Ada, sent to the staff member
        AgentMail misdirected = access("staff.member@ldn-t.example", Facility.STAFF, Facility.MEMBER, List.of("4821"));

        // When
        ToolError error = catchThrowableOfType(ToolError.class,
                () -> drafts.compose(WRITER, misdirected, facility, NOW));

        // Then
        assertThat(error.code()).isEqualTo("outside_access_scope");
        assertThat(error.getMessage()).contains("carries a credential");
        assertThat(error.hint()).contains("holder alone");
    }

    @Test
    void aMemberIdWhoseAddressDiffersFromTheRecipientIsRefused() {
        AgentMail wrong = access("someone@else.example", Facility.MEMBER, Facility.MEMBER, List.of());

        assertThat(refusal(wrong).field()).isEqualTo("to");
    }

    @Test
    void credentialsOutsideSecurityMailOrAbsentFromTheBodyAreRefused() {
        AgentMail commercial = new AgentMail("k", Facility.LOCATION, "a@example.com", null, null, null,
                EmailCategory.COMMERCIAL, "agent_announcement", "s", "code 1234", null, null, null, null,
                List.of("1234"));
        assertThat(refusal(commercial).getMessage()).contains("Only security mail");

        assertThat(refusal(access(Facility.MEMBER_EMAIL, Facility.MEMBER, Facility.MEMBER, List.of("9999")))
                .getMessage()).contains("does not appear");
    }

    private ToolError refusal(AgentMail mail) {
        ToolError error = catchThrowableOfType(ToolError.class, () -> drafts.compose(WRITER, mail, facility, NOW));
        assertThat(error).as("refused").isNotNull();
        return error;
    }

    private static AgentMail withMode(AgentMail mail, OversightMode mode) {
        return new AgentMail(mail.idempotencyKey(), mail.locationId(), mail.to(), mail.recipientName(),
                mail.recipientMemberId(), mail.role(), mail.category(), mail.eventType(), mail.subject(),
                mail.bodyText(), mail.threadKey(), mail.inReplyTo(), mode, mail.aboutMemberId(), mail.credentials());
    }
}
