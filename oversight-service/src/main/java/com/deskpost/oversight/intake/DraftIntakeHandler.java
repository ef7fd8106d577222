package com.deskpost.oversight.intake;

import com.deskpost.events.ApprovalEvent;
import com.deskpost.events.ApprovalStage;
import com.deskpost.events.AuditType;
import com.deskpost.events.EmailDraft;
import com.deskpost.events.Location;
import com.deskpost.events.OutboundEmail;
import com.deskpost.events.OversightMode;
import com.deskpost.events.Release;
import com.deskpost.oversight.policy.OversightPolicy;
import com.deskpost.oversight.policy.OversightPolicy.Verdict;
import com.deskpost.oversight.queue.StaffText;
import com.deskpost.platform.attestation.ReleaseAttestation;
import com.deskpost.platform.audit.AuditEvents;
import com.deskpost.platform.directory.Directory;
import com.deskpost.platform.id.DraftIds;
import com.deskpost.platform.streams.Emit;
import com.deskpost.platform.streams.EventHandler;
import com.deskpost.platform.streams.RejectedEvent;
import com.deskpost.platform.topic.DraftKeys;
import com.deskpost.platform.topic.Lane;
import com.deskpost.platform.topic.Topics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Every draft gets its effective oversight mode. Autonomous and monitored drafts are released at
 * once to {@code mail.outbound} (monitored ones with the location's staff mailbox as copy
 * recipient); gated drafts are held and announced on {@code mail.approvals}. Each outcome is
 * audited with the rule that produced it. A release is keyed by {@link DraftKeys} whatever key the draft
 * arrived with, as the approval queue's later releases of held drafts are, so a recipient's mail about one
 * entity shares one outbound partition however it was released.
 */
public final class DraftIntakeHandler implements EventHandler<EmailDraft> {

    static final String ACTOR = "oversight-policy";

    /** Where held drafts wait: the approval queue. Holding a draft twice is a no-op. */
    @FunctionalInterface
    public interface Queue {
        void hold(EmailDraft draft, Verdict verdict, Instant heldAt, Instant expiresAt);
    }

    /** Where monitored releases wait for the staff's hourly digest; null when staff get a copy per message. */
    @FunctionalInterface
    public interface Digest {
        void note(EmailDraft draft, Instant releasedAt);
    }

    private final OversightPolicy policy;
    private final Directory directory;
    private final Queue queue;
    private final Digest digest;
    private final Duration holdExpiry;
    private final ReleaseAttestation attestation;
    private final Clock clock;

    public DraftIntakeHandler(OversightPolicy policy, Directory directory, Queue queue, Digest digest,
            Duration holdExpiry, ReleaseAttestation attestation, Clock clock) {
        this.policy = policy;
        this.directory = directory;
        this.queue = queue;
        this.digest = digest;
        this.holdExpiry = holdExpiry;
        this.attestation = attestation;
        this.clock = clock;
    }

    @Override
    public List<Emit<?>> handle(String key, EmailDraft draft) {
        Location location = directory.location(draft.getLocationId()).orElseThrow(() -> new RejectedEvent(
                "Unknown location " + draft.getLocationId() + " for draft " + draft.getDraftId()));
        Verdict verdict = policy.evaluate(draft);
        Instant now = clock.instant();
        if (verdict.mode().compareTo(OversightMode.MONITORED) <= 0) {
            return release(draft, verdict, location, now);
        }
        return hold(draft, verdict, now);
    }

    private List<Emit<?>> release(EmailDraft draft, Verdict verdict, Location location, Instant now) {
        Release release = Release.newBuilder()
                .setMode(verdict.mode())
                .setRule(verdict.rule())
                .setReleasedBy("policy")
                .setReleasedAt(now)
                .setCopyTo(verdict.mode() == OversightMode.MONITORED && digest == null && !toStaffMailbox(draft, location)
                        ? location.getStaffMailbox() : null)
                .build();
        if (verdict.mode() == OversightMode.MONITORED && digest != null) {
            digest.note(draft, now);
        }
        OutboundEmail outbound = attestation.release(draft, release);
        return List.of(
                Emit.to(Lane.of(draft).outbound(), DraftKeys.of(draft), outbound),
                Emit.to(Topics.MAIL_AUDIT, draft.getDraftId(), withLooseningAttempt(
                        AuditEvents.of(draft, AuditType.RELEASED, ACTOR).detail(verdict.rule())
                                .attribute("mode", verdict.mode().name()).at(now), draft, verdict).build()));
    }

    /** Mail addressed to the staff mailbox itself (a visitor notice, an incident) needs no copy there. */
    private static boolean toStaffMailbox(EmailDraft draft, Location location) {
        return DraftIds.normaliseEmail(draft.getRecipient().getEmail())
                .equals(DraftIds.normaliseEmail(location.getStaffMailbox()));
    }

    private List<Emit<?>> hold(EmailDraft draft, Verdict verdict, Instant now) {
        // The queue row first: if this transaction aborts, the replay finds it held and emits again.
        queue.hold(draft, verdict, now, now.plus(holdExpiry));
        ApprovalEvent request = ApprovalEvent.newBuilder()
                .setDraftId(draft.getDraftId())
                .setStage(ApprovalStage.REQUESTED)
                .setLocationId(draft.getLocationId())
                .setMode(verdict.mode())
                .setReason(verdict.rule())
                .setRequestedBy(draft.getRequestedBy())
                .setRecipient(draft.getRecipient().getEmail())
                .setSubject(StaffText.held(draft.getSubject(), draft.getSecrets()))
                .setPreviewText(StaffText.held(draft.getBodyText(), draft.getSecrets()))
                .setExpiresAt(now.plus(holdExpiry))
                .setOccurredAt(now)
                .build();
        return List.of(
                Emit.to(Topics.MAIL_APPROVALS, draft.getDraftId(), request),
                Emit.to(Topics.MAIL_AUDIT, draft.getDraftId(), withLooseningAttempt(
                        AuditEvents.of(draft, AuditType.HELD, ACTOR).detail(verdict.rule())
                                .attribute("mode", verdict.mode().name()).at(now), draft, verdict).build()));
    }

    /** A draft that asked for a looser mode than it got is recorded as such: nothing can loosen oversight. */
    private static AuditEvents withLooseningAttempt(AuditEvents audit, EmailDraft draft, Verdict verdict) {
        OversightMode requested = draft.getRequestedMode();
        if (requested != null && requested.compareTo(verdict.mode()) < 0) {
            audit.attribute("loosening_refused", "requested " + requested.name().toLowerCase() + ", effective "
                    + verdict.mode().name().toLowerCase());
        }
        return audit;
    }
}
