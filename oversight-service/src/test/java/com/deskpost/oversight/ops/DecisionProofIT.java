package com.deskpost.oversight.ops;

import static com.deskpost.oversight.ops.RunningOversight.WAIT;
import static com.deskpost.testfixtures.LocationBuilder.aLocation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.deskpost.events.ApprovalDecision;
import com.deskpost.events.AuditEvent;
import com.deskpost.events.AuditType;
import com.deskpost.events.DecisionAction;
import com.deskpost.events.EmailDraft;
import com.deskpost.events.Location;
import com.deskpost.events.OutboundEmail;
import com.deskpost.oversight.queue.HeldDraft.Status;
import com.deskpost.platform.topic.Lane;
import com.deskpost.schemas.proof.DecisionProof;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A decision on mail.decisions proves who decided (DESIGN §4): without a proof, with an unknown
 * key or a wrong secret, by a key not allowed to speak for the decider, replayed onto another
 * draft, or with its edit changed after signing, it is refused and audited DECISION_REFUSED with
 * the reason, and the draft stays held. A proven decision is released, attested for delivery.
 */
class DecisionProofIT {

    private static final String APPROVER = "M-PROOF-LEAD";
    private static RunningOversight oversight;

    @BeforeAll
    static void start() {
        Location london = Location.newBuilder(aLocation("LDN-PRF").build())
                .setApprovers(List.of(APPROVER, RunningOversight.PERSONAL_KEY_OWNER)).build();
        oversight = RunningOversight.start(List.of(london), Map.of());
    }

    @AfterAll
    static void stop() {
        oversight.close();
    }

    @Test
    void aDecisionWithoutProofIsRefusedAndTheDraftStaysHeld() {
        // Given a held master keycode reset
        EmailDraft draft = held();

        // When a decision naming a real approver arrives without proof
        ApprovalDecision unsigned = approve(draft, APPROVER);
        oversight.decide(unsigned);

        // Then it is refused with the reason, audited, and the draft stays held
        assertRefused(draft, unsigned, "carries no proof");
    }

    @Test
    void aDecisionSignedWithAnUnknownKeyOrAWrongSecretIsRefused() {
        // Given a held draft
        EmailDraft draft = held();

        // When decisions arrive signed with a key oversight does not know, and with a guessed secret
        // Then each is refused with its reason
        ApprovalDecision unknownKey = DecisionProof.sign(approve(draft, APPROVER), "stolen-laptop",
                RunningOversight.OPS_KEY_SECRET);
        oversight.decide(unknownKey);
        assertRefused(draft, unknownKey, "decision key 'stolen-laptop', which oversight does not know");

        ApprovalDecision wrongSecret = DecisionProof.sign(approve(draft, APPROVER), RunningOversight.OPS_KEY,
                "a-guessed-secret-that-is-long-enough-0000");
        oversight.decide(wrongSecret);
        assertRefused(draft, wrongSecret, "proof does not match");
    }

    @Test
    void aPersonalKeyCannotDecideForAnotherApprover() {
        // Given a held draft
        EmailDraft draft = held();

        // When a key that decides only for one approver signs a decision naming another
        ApprovalDecision forSomeoneElse = DecisionProof.sign(approve(draft, APPROVER), RunningOversight.PERSONAL_KEY,
                RunningOversight.PERSONAL_KEY_SECRET);
        oversight.decide(forSomeoneElse);

        // Then it is refused
        assertRefused(draft, forSomeoneElse, "'" + RunningOversight.PERSONAL_KEY + "' may not decide for " + APPROVER);
    }

    @Test
    void aValidDecisionReplayedOntoAnotherDraftIsRefused() {
        // Given a proven approval of one draft, and a second held draft
        EmailDraft approved = held();
        EmailDraft target = held();
        ApprovalDecision genuine = signed(approve(approved, APPROVER));
        oversight.decide(genuine);
        await().atMost(WAIT).until(() -> oversight.find(approved.getDraftId()).status() == Status.APPROVED);

        // When someone copies it onto the other draft
        ApprovalDecision replayed = ApprovalDecision.newBuilder(genuine).setDraftId(target.getDraftId())
                .setDecisionId(UUID.randomUUID().toString()).build();
        oversight.decide(replayed);

        // Then it is refused, and the other draft stays held
        assertRefused(target, replayed, "proof does not match");
    }

    @Test
    void anEditChangedAfterSigningIsRefused() {
        // Given an approver's signed edit of a held inquiry reply
        EmailDraft inquiry = GatedDrafts.inquiryReply("LDN-PRF", "prospect-edit@example.com");
        oversight.hold(inquiry);
        ApprovalDecision signedEdit = signed(ApprovalDecision.newBuilder(approve(inquiry, APPROVER))
                .setAction(DecisionAction.EDIT_AND_APPROVE).setEditedBodyText("Hello,\nTuesday at 10 suits us.\n")
                .build());

        // When the edited text is changed after signing
        ApprovalDecision changed = ApprovalDecision.newBuilder(signedEdit)
                .setEditedBodyText("Please confirm your card at http://evil.example/").build();
        oversight.decide(changed);

        // Then it is refused, and the reply stays held
        assertRefused(inquiry, changed, "proof does not match");
    }

    @Test
    void aProvenDecisionIsReleasedAndAttestedForDelivery() {
        // Given a held inquiry reply
        EmailDraft inquiry = GatedDrafts.inquiryReply("LDN-PRF", "prospect-proven@example.com");
        oversight.hold(inquiry);

        // When the approver's personal key signs an edit and approval
        ApprovalDecision edit = DecisionProof.sign(ApprovalDecision.newBuilder(approve(inquiry,
                        RunningOversight.PERSONAL_KEY_OWNER)).setAction(DecisionAction.EDIT_AND_APPROVE)
                        .setEditedBodyText("Hello,\nTuesday at 10 suits us.\n").build(),
                RunningOversight.PERSONAL_KEY, RunningOversight.PERSONAL_KEY_SECRET);
        oversight.decide(edit);

        // Then the edit is released, under the approver's name, with an attestation delivery accepts
        await().atMost(WAIT).until(() -> oversight.find(inquiry.getDraftId()).status() == Status.APPROVED);
        assertThat(oversight.find(inquiry.getDraftId()).decidedBy()).isEqualTo(RunningOversight.PERSONAL_KEY_OWNER);
        OutboundEmail released = await().atMost(WAIT).until(() -> released(inquiry), Optional::isPresent).orElseThrow();
        assertThat(released.getDraft().getBodyText()).isEqualTo("Hello,\nTuesday at 10 suits us.\n");
        assertThat(oversight.attestation().problem(released)).isEmpty();
        assertThat(auditTypes(inquiry)).contains(AuditType.EDITED, AuditType.APPROVED, AuditType.RELEASED)
                .doesNotContain(AuditType.DECISION_REFUSED);
    }

    private static EmailDraft held() {
        EmailDraft draft = GatedDrafts.keycodeReset("LDN-PRF", "proof-" + UUID.randomUUID() + "@example.com",
                "4711-0000");
        oversight.hold(draft);
        return draft;
    }

    private static ApprovalDecision approve(EmailDraft draft, String decidedBy) {
        return ApprovalDecision.newBuilder().setDecisionId(UUID.randomUUID().toString()).setDraftId(draft.getDraftId())
                .setAction(DecisionAction.APPROVE).setDecidedBy(decidedBy).setDecidedAt(Instant.now()).build();
    }

    private static ApprovalDecision signed(ApprovalDecision decision) {
        return DecisionProof.sign(decision, RunningOversight.OPS_KEY, RunningOversight.OPS_KEY_SECRET);
    }

    private static void assertRefused(EmailDraft draft, ApprovalDecision decision, String reason) {
        AuditEvent refusal = await().atMost(WAIT).until(() -> oversight.auditTrail()
                .getOrDefault(draft.getDraftId(), List.of()).stream()
                .filter(event -> event.getType() == AuditType.DECISION_REFUSED)
                .filter(event -> event.getDetail() != null && event.getDetail().contains(reason))
                .findFirst(), Optional::isPresent).orElseThrow();
        assertThat(refusal.getDetail()).startsWith("INVALID_PROOF: ");
        assertThat(refusal.getActor()).isEqualTo(decision.getDecidedBy());
        assertThat(oversight.find(draft.getDraftId()).status()).isEqualTo(Status.PENDING);
        assertThat(released(draft)).isEmpty();
    }

    private static Optional<OutboundEmail> released(EmailDraft draft) {
        return oversight.committed(Lane.of(draft).outbound()).stream()
                .filter(outbound -> outbound.getDraft().getDraftId().equals(draft.getDraftId())).findFirst();
    }

    private static List<AuditType> auditTypes(EmailDraft draft) {
        return oversight.auditTrail().getOrDefault(draft.getDraftId(), List.of()).stream().map(AuditEvent::getType)
                .toList();
    }
}
