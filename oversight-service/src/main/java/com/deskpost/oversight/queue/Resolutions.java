package com.deskpost.oversight.queue;

import com.deskpost.events.ApprovalEvent;
import com.deskpost.events.ApprovalOutcome;
import com.deskpost.events.ApprovalStage;
import com.deskpost.events.AuditEvent;
import com.deskpost.events.AuditType;
import com.deskpost.events.EmailCategory;
import com.deskpost.events.EmailDraft;
import com.deskpost.events.Location;
import com.deskpost.events.OversightMode;
import com.deskpost.events.Recipient;
import com.deskpost.events.RecipientRole;
import com.deskpost.events.Release;
import com.deskpost.platform.outbox.Outbox;
import com.deskpost.platform.attestation.ReleaseAttestation;
import com.deskpost.platform.audit.AuditEvents;
import com.deskpost.platform.id.DraftIds;
import com.deskpost.platform.serde.AvroSerdes;
import com.deskpost.platform.topic.DraftKeys;
import com.deskpost.platform.topic.Lane;
import com.deskpost.platform.topic.Topics;
import com.samskivert.mustache.Escapers;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The records a held draft's way out of the queue causes, written to the outbox inside the
 * transaction that moved it: the release itself, its audit events, and the RESOLVED approval
 * event that tells ops tools the request is closed.
 */
@Component
public class Resolutions {

    public static final String ACTOR = "oversight-service";

    private final Outbox outbox;
    private final AvroSerdes serdes;
    private final ReleaseAttestation attestation;

    public Resolutions(Outbox outbox, AvroSerdes serdes, ReleaseAttestation attestation) {
        this.outbox = outbox;
        this.serdes = serdes;
        this.attestation = attestation;
    }

    public EmailDraft draftOf(HeldDraft held) {
        return serdes.deserialize(Topics.MAIL_DRAFTS, held.draft());
    }

    public void released(HeldDraft held, EmailDraft draft, String approver, Instant at) {
        audit(AuditEvents.of(draft, AuditType.APPROVED, approver).detail("Approved by " + approver).at(at));
        Release release = Release.newBuilder().setMode(held.mode()).setRule(held.reason() + "; approved by " + approver)
                .setReleasedBy(approver).setReleasedAt(at).build();
        outbox.add(Lane.of(draft).outbound(), DraftKeys.of(draft), attestation.release(draft, release));
        audit(AuditEvents.of(draft, AuditType.RELEASED, ACTOR).detail("Released after approval by " + approver)
                .attribute("mode", held.mode().name()).at(at));
        resolved(held, ApprovalOutcome.APPROVED, approver, at);
    }

    public void edited(EmailDraft draft, String approver, String diff, Instant at) {
        audit(AuditEvents.of(draft, AuditType.EDITED, approver).detail(diff).at(at));
    }

    public void closed(HeldDraft held, AuditType type, ApprovalOutcome outcome, String actor, String detail,
            Instant at) {
        audit(AuditEvents.of(draftOf(held), type, actor).detail(detail).at(at));
        resolved(held, outcome, actor, at);
    }

    /**
     * A held draft dropped because its recipient's address was erased (GDPR art. 17): the audit and
     * approval records name the person only by the pseudonym, so the erasure publishes no trace of them.
     */
    public void erased(HeldDraft held, String pseudonym, String detail, Instant at) {
        audit(AuditEvents.of(draftOf(held), AuditType.SUPPRESSED, ACTOR).recipient(pseudonym).detail(detail).at(at));
        resolved(held.erased(pseudonym), ApprovalOutcome.CANCELLED, ACTOR, at);
    }

    /** A decision that was not accepted, audited against the draft it named (known or not). */
    public void refused(String draftId, String decidedBy, String reason, String cause, Instant at) {
        outbox.add(Topics.MAIL_AUDIT, draftId, AuditEvent.newBuilder()
                .setAuditId(DraftIds.nameBased("audit", draftId, AuditType.DECISION_REFUSED.name(), cause))
                .setDraftId(draftId).setType(AuditType.DECISION_REFUSED).setOccurredAt(at).setActor(decidedBy)
                .setDetail(reason).setAttributes(Map.of()).build());
    }

    /** Tells the location's staff a held mail expired unsent: released straight to delivery. */
    public void expiryAlert(HeldDraft held, Location location, Instant now) {
        String alertId = DraftIds.nameBased("expiry-alert", held.draftId());
        String text = "A held mail to " + held.recipient() + " was not decided on before " + held.expiresAt()
                + " and has expired; it was not sent.\nReason it was held: " + held.reason() + "\nDraft "
                + held.draftId() + "\n\n" + StaffText.of(held.previewText());
        EmailDraft alert = EmailDraft.newBuilder(draftOf(held))
                .setDraftId(alertId)
                .setEventType("approval_expired")
                .setTemplate("approval-expired")
                .setCategory(EmailCategory.TRANSACTIONAL)
                .setRecipient(Recipient.newBuilder().setEmail(location.getStaffMailbox()).setRole(RecipientRole.STAFF)
                        .build())
                .setSubject("Approval expired: " + StaffText.of(held.subject()))
                .setBodyText(text)
                .setBodyHtml("<pre>" + Escapers.HTML.escape(text) + "</pre>")
                .setAttachments(List.of())
                .setSecrets(List.of())
                .setSupersedeKey("alert:" + held.draftId())
                .setEntityVersion(1)
                .setRequestedBy(ACTOR)
                .setCreatedAt(now)
                .build();
        Release release = Release.newBuilder().setMode(OversightMode.AUTONOMOUS)
                .setRule("staff alert: held draft expired").setReleasedBy(ACTOR).setReleasedAt(now)
                .build();
        outbox.add(Lane.of(alert).outbound(), DraftKeys.of(alert), attestation.release(alert, release));
    }

    private void resolved(HeldDraft held, ApprovalOutcome outcome, String decidedBy, Instant at) {
        outbox.add(Topics.MAIL_APPROVALS, held.draftId(), ApprovalEvent.newBuilder()
                .setDraftId(held.draftId()).setStage(ApprovalStage.RESOLVED).setLocationId(held.locationId())
                .setMode(held.mode()).setReason(held.reason()).setRequestedBy(held.requestedBy())
                .setRecipient(held.recipient()).setSubject(held.subject()).setPreviewText(held.previewText())
                .setExpiresAt(held.expiresAt()).setOutcome(outcome).setDecidedBy(decidedBy).setOccurredAt(at)
                .build());
    }

    private void audit(AuditEvents event) {
        AuditEvent built = event.build();
        outbox.add(Topics.MAIL_AUDIT, built.getDraftId(), built);
    }
}
