package com.deskpost.oversight.intake;

import static com.deskpost.testfixtures.DraftBuilder.aDraft;
import static com.deskpost.testfixtures.LocationBuilder.aLocation;
import static com.deskpost.testfixtures.LocationBuilder.staffMailboxOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.deskpost.events.ApprovalEvent;
import com.deskpost.events.ApprovalStage;
import com.deskpost.events.AuditEvent;
import com.deskpost.events.AuditType;
import com.deskpost.events.EmailDraft;
import com.deskpost.events.OutboundEmail;
import com.deskpost.events.OversightMode;
import com.deskpost.oversight.policy.OversightPolicy;
import com.deskpost.oversight.policy.OversightProperties;
import com.deskpost.platform.credential.CredentialKeys;
import com.deskpost.platform.credential.CredentialSealer;
import com.deskpost.platform.directory.Directory;
import com.deskpost.platform.streams.Emit;
import com.deskpost.platform.streams.RejectedEvent;
import com.deskpost.platform.topic.DraftKeys;
import com.deskpost.platform.topic.Topic;
import com.deskpost.platform.topic.Topics;
import java.time.Clock;
import com.deskpost.oversight.testdata.OversightDatabase;
import com.deskpost.platform.attestation.ReleaseAttestation;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

/**
 * Autonomous and monitored drafts are released at once (monitored ones with a staff copy), gated
 * ones are held and announced for approval; every outcome is audited with the rule behind it.
 */
class DraftIntakeHandlerTest {

    private static final Instant NOW = Instant.parse("2025-03-03T09:00:00Z");
    private static final Duration HOLD_EXPIRY = Duration.ofHours(6);
    private static final ReleaseAttestation ATTESTATION = OversightDatabase.ATTESTATION;

    /** London follows the monitored default, San Francisco's mailbox runs autonomously. */
    private final OversightProperties properties = new OversightProperties(OversightMode.MONITORED,
            Map.of("SFO-1", OversightMode.AUTONOMOUS),
            Map.of("master_keycode_reset", OversightMode.GATED_SEND, "inquiry_reply", OversightMode.GATED_ALL),
            HOLD_EXPIRY, null);
    private final OversightPolicy policy = new OversightPolicy(properties);
    private final java.util.List<String> queued = new java.util.ArrayList<>();
    private final DraftIntakeHandler handler = new DraftIntakeHandler(policy,
            Directory.of(List.of(aLocation("LDN-1").build(), aLocation("SFO-1").build()), List.of()),
            (draft, verdict, heldAt, expiresAt) -> queued.add(draft.getDraftId() + " until " + expiresAt), null,
            properties.holdExpiry(), ATTESTATION, Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void aMonitoredDraftIsReleasedAtOnceWithACopyToTheLocationsStaff() {
        // Given
        EmailDraft draft = aDraft().at("LDN-1").build();

        // When
        List<Emit<?>> emitted = handler.handle(draft.getSupersedeKey(), draft);

        // Then
        assertThat(emitted).hasSize(2);
        Emit<OutboundEmail> outbound = only(emitted, Topics.MAIL_OUTBOUND);
        // keyed as its draft: the booking's mail to this recipient, whatever key the draft arrived with
        assertThat(outbound.key()).isEqualTo(DraftKeys.of("booking:B-1042", draft.getRecipient().getEmail()));
        assertThat(outbound.value().getDraft()).isEqualTo(draft);
        assertThat(outbound.value().getRelease().getMode()).isEqualTo(OversightMode.MONITORED);
        assertThat(outbound.value().getRelease().getCopyTo()).isEqualTo(staffMailboxOf("LDN-1"));
        assertThat(outbound.value().getRelease().getReleasedBy()).isEqualTo("policy");
        assertThat(outbound.value().getRelease().getReleasedAt()).isEqualTo(NOW);
        assertThat(outbound.value().getRelease().getRule()).isEqualTo(policy.evaluate(draft).rule()).contains("LDN-1");
        assertThat(ATTESTATION.problem(outbound.value())).as("delivery accepts the release").isEmpty();

        Emit<AuditEvent> audit = only(emitted, Topics.MAIL_AUDIT);
        assertThat(audit.key()).isEqualTo(draft.getDraftId());
        assertThat(audit.value().getType()).isEqualTo(AuditType.RELEASED);
        assertThat(audit.value().getDraftId()).isEqualTo(draft.getDraftId());
        assertThat(audit.value().getDetail()).isEqualTo(outbound.value().getRelease().getRule());
        assertThat(audit.value().getOccurredAt()).isEqualTo(NOW);
        assertThat(audit.value().getAttributes()).containsEntry("mode", "MONITORED");
    }

    @Test
    void monitoredMailToTheStaffMailboxItselfIsNotCopiedThereAgain() {
        // Given a visitor notice addressed to the London staff mailbox (in another case)
        EmailDraft draft = aDraft().at("LDN-1").to(staffMailboxOf("LDN-1").toUpperCase()).build();

        // When
        OutboundEmail outbound = only(handler.handle(draft.getSupersedeKey(), draft), Topics.MAIL_OUTBOUND).value();

        // Then it is released monitored, without a second copy to the same mailbox
        assertThat(outbound.getRelease().getMode()).isEqualTo(OversightMode.MONITORED);
        assertThat(outbound.getRelease().getCopyTo()).isNull();
    }

    @Test
    void aDraftForAnAutonomousMailboxIsReleasedWithoutACopy() {
        // Given
        EmailDraft draft = aDraft().at("SFO-1").build();

        // When
        List<Emit<?>> emitted = handler.handle(draft.getSupersedeKey(), draft);

        // Then
        assertThat(emitted).hasSize(2);
        OutboundEmail outbound = only(emitted, Topics.MAIL_OUTBOUND).value();
        assertThat(outbound.getRelease().getMode()).isEqualTo(OversightMode.AUTONOMOUS);
        assertThat(outbound.getRelease().getCopyTo()).isNull();
        assertThat(only(emitted, Topics.MAIL_AUDIT).value().getType()).isEqualTo(AuditType.RELEASED);
    }

    @Test
    void aDraftRequestingMonitoredAtAnAutonomousMailboxGetsTheStaffCopy() {
        // Given
        EmailDraft draft = aDraft().at("SFO-1").requesting(OversightMode.MONITORED).build();

        // When
        OutboundEmail outbound = only(handler.handle(draft.getSupersedeKey(), draft), Topics.MAIL_OUTBOUND).value();

        // Then
        assertThat(outbound.getRelease().getMode()).isEqualTo(OversightMode.MONITORED);
        assertThat(outbound.getRelease().getCopyTo()).isEqualTo(staffMailboxOf("SFO-1"));
    }

    @Test
    void aDraftWhoseEventTypeHasAGatedSendFloorIsHeldForApproval() {
        // Given: even at the autonomous mailbox
        EmailDraft draft = aDraft().at("SFO-1").eventType("master_keycode_reset").build();

        // When
        List<Emit<?>> emitted = handler.handle(draft.getSupersedeKey(), draft);

        // Then
        assertThat(emitted).hasSize(2).noneMatch(emit -> emit.topic().equals(Topics.MAIL_OUTBOUND));
        Emit<ApprovalEvent> approval = only(emitted, Topics.MAIL_APPROVALS);
        assertThat(approval.key()).isEqualTo(draft.getDraftId());
        assertThat(approval.value().getDraftId()).isEqualTo(draft.getDraftId());
        assertThat(approval.value().getStage()).isEqualTo(ApprovalStage.REQUESTED);
        assertThat(approval.value().getMode()).isEqualTo(OversightMode.GATED_SEND);
        assertThat(approval.value().getLocationId()).isEqualTo("SFO-1");
        assertThat(approval.value().getRecipient()).isEqualTo("ada@example.com");
        assertThat(approval.value().getRequestedBy()).isEqualTo("booking-composer");
        assertThat(approval.value().getOccurredAt()).isEqualTo(NOW);
        assertThat(approval.value().getExpiresAt()).isEqualTo(Instant.parse("2025-03-03T15:00:00Z"));
        assertThat(approval.value().getOutcome()).isNull();
        assertThat(approval.value().getReason()).contains("master_keycode_reset").contains("gated_send");

        Emit<AuditEvent> audit = only(emitted, Topics.MAIL_AUDIT);
        assertThat(audit.key()).isEqualTo(draft.getDraftId());
        assertThat(audit.value().getType()).isEqualTo(AuditType.HELD);
        assertThat(audit.value().getDetail()).isEqualTo(approval.value().getReason());
        assertThat(audit.value().getOccurredAt()).isEqualTo(NOW);
        assertThat(audit.value().getAttributes()).containsEntry("mode", "GATED_SEND");
        assertThat(queued).containsExactly(draft.getDraftId() + " until 2025-03-03T15:00:00Z");
    }

    @Test
    void aDraftAskingForALooserModeThanTheFloorIsHeldAndTheAttemptRecorded() {
        EmailDraft draft = EmailDraft.newBuilder(aDraft().at("SFO-1").eventType("master_keycode_reset").build())
                .setRequestedMode(OversightMode.AUTONOMOUS).build();

        List<Emit<?>> emitted = handler.handle(draft.getSupersedeKey(), draft);

        assertThat(emitted).noneMatch(emit -> emit.topic().equals(Topics.MAIL_OUTBOUND));
        assertThat(only(emitted, Topics.MAIL_AUDIT).value().getAttributes())
                .containsEntry("loosening_refused", "requested autonomous, effective gated_send");
    }

    @Test
    void aDraftThatAsksForGatingIsHeldEvenWithoutAFloor() {
        // Given
        EmailDraft draft = aDraft().at("LDN-1").requesting(OversightMode.GATED_ALL).build();

        // When
        List<Emit<?>> emitted = handler.handle(draft.getSupersedeKey(), draft);

        // Then
        assertThat(emitted).noneMatch(emit -> emit.topic().equals(Topics.MAIL_OUTBOUND));
        assertThat(only(emitted, Topics.MAIL_APPROVALS).value().getMode()).isEqualTo(OversightMode.GATED_ALL);
        assertThat(only(emitted, Topics.MAIL_AUDIT).value().getType()).isEqualTo(AuditType.HELD);
    }

    @Test
    void theApprovalRequestShowsTheDraftsPlaceholdersAndNoSealedValue() {
        // Given a draft as composers now write it: placeholders where the codes were, the codes sealed
        CredentialSealer sealer = new CredentialSealer(List.of(CredentialKeys.generate("test-key").publicKey()));
        String keycode = sealer.seal("4821-7730", "LDN-1", "M-ADA");
        String alarm = sealer.seal("A9-55", "LDN-1", "M-ADA");
        EmailDraft draft = aDraft().at("LDN-1").eventType("master_keycode_reset")
                .subject("Master keycode ⟦credential 1⟧ for Deskpost LDN-1")
                .bodyText("The new master keycode is ⟦credential 1⟧; the alarm code stays ⟦credential 2⟧.")
                .secrets(keycode, alarm)
                .build();

        // When
        List<Emit<?>> emitted = handler.handle(draft.getSupersedeKey(), draft);

        // Then staff are asked about the mail with its placeholders, as the draft shows it
        ApprovalEvent approval = only(emitted, Topics.MAIL_APPROVALS).value();
        assertThat(approval.getSubject()).isEqualTo("Master keycode ⟦credential 1⟧ for Deskpost LDN-1");
        assertThat(approval.getPreviewText())
                .isEqualTo("The new master keycode is ⟦credential 1⟧; the alarm code stays ⟦credential 2⟧.");
        // And neither the request nor its audit event carries a sealed value
        assertThat(approval.toString()).doesNotContain(keycode).doesNotContain(alarm);
        assertThat(only(emitted, Topics.MAIL_AUDIT).value().toString()).doesNotContain(keycode)
                .doesNotContain(alarm);
    }

    @Test
    void aReleasedDraftKeepsItsSecretsForTheRightfulRecipient() {
        // Given
        EmailDraft draft = aDraft().at("LDN-1").bodyText("Your door code is 2468.").secrets("2468").build();

        // When
        OutboundEmail outbound = only(handler.handle(draft.getSupersedeKey(), draft), Topics.MAIL_OUTBOUND).value();

        // Then
        assertThat(outbound.getDraft().getBodyText()).isEqualTo("Your door code is 2468.");
    }

    @Test
    void aDraftForAnUnknownLocationIsRejectedNamingTheLocation() {
        // Given
        EmailDraft draft = aDraft().at("NYC-9").build();

        // When / Then
        assertThatThrownBy(() -> handler.handle(draft.getSupersedeKey(), draft))
                .isInstanceOf(RejectedEvent.class)
                .hasMessageContaining("NYC-9");
    }

    @SuppressWarnings("unchecked")
    private static <V extends SpecificRecord> Emit<V> only(List<Emit<?>> emitted,
            Topic<V> topic) {
        List<Emit<?>> onTopic = emitted.stream().filter(emit -> emit.topic().equals(topic)).toList();
        assertThat(onTopic).as("records emitted to %s", topic.name()).hasSize(1);
        return (Emit<V>) onTopic.get(0);
    }

    @Test
    void withHourlyDigestsAMonitoredDraftIsNotedForTheDigestInsteadOfCopied() {
        java.util.List<String> noted = new java.util.ArrayList<>();
        DraftIntakeHandler digesting = new DraftIntakeHandler(policy,
                Directory.of(List.of(aLocation("LDN-1").build()), List.of()), (draft, verdict, heldAt, expiresAt) -> { },
                (draft, releasedAt) -> noted.add(draft.getDraftId() + " at " + releasedAt),
                properties.holdExpiry(), ATTESTATION, Clock.fixed(NOW, ZoneOffset.UTC));
        EmailDraft draft = aDraft().at("LDN-1").build();

        List<Emit<?>> emitted = digesting.handle(draft.getSupersedeKey(), draft);

        assertThat(only(emitted, Topics.MAIL_OUTBOUND).value().getRelease().getCopyTo()).isNull();
        assertThat(noted).containsExactly(draft.getDraftId() + " at " + NOW);
    }
}
