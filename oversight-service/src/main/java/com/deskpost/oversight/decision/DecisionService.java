package com.deskpost.oversight.decision;

import com.deskpost.events.ApprovalOutcome;
import com.deskpost.events.AuditType;
import com.deskpost.events.DecisionAction;
import com.deskpost.events.EmailDraft;
import com.deskpost.events.OversightMode;
import com.deskpost.oversight.decision.DecisionResult.Accepted;
import com.deskpost.oversight.decision.DecisionResult.Refusal;
import com.deskpost.oversight.decision.DecisionResult.Refused;
import com.deskpost.oversight.queue.HeldDraft;
import com.deskpost.oversight.queue.HeldDraft.Status;
import com.deskpost.oversight.queue.HoldQueue;
import com.deskpost.oversight.queue.Resolutions;
import com.deskpost.oversight.staff.StaffDirectory;
import com.deskpost.platform.credential.CredentialPlaceholders;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One set of rules for decisions from every door (DESIGN §3.3): only an approver of the draft's
 * location may decide; the identity that requested a draft can never approve it; edits only in
 * gated_all; a rejection needs a reason; the first decision wins and repeating it is idempotent;
 * an expired or already-decided draft cannot be decided; an edit may keep or drop the draft's credential
 * placeholders but not name a credential the draft does not carry. Every refusal is audited.
 */
@Service
public class DecisionService {

    private final HoldQueue queue;
    private final StaffDirectory approvers;
    private final Resolutions resolutions;
    private final TransactionTemplate tx;
    private final Clock clock = Clock.systemUTC();

    public DecisionService(HoldQueue queue, StaffDirectory approvers, Resolutions resolutions, TransactionTemplate tx) {
        this.queue = queue;
        this.approvers = approvers;
        this.resolutions = resolutions;
        this.tx = tx;
    }

    public DecisionResult decide(DecisionRequest request) {
        Instant now = clock.instant();
        DecisionResult result = tx.execute(status -> {
            Optional<HeldDraft> found = queue.find(request.draftId());
            if (found.isEmpty()) {
                return new Refused(Refusal.UNKNOWN_DRAFT, "No held draft " + request.draftId());
            }
            HeldDraft held = found.get();
            if (held.status() != Status.PENDING) {
                return alreadyDecided(held, request);
            }
            Optional<Refused> refused = check(held, request, now);
            if (refused.isPresent()) {
                return refused.get();
            }
            Status outcome = request.action() == DecisionAction.REJECT ? Status.REJECTED : Status.APPROVED;
            if (!queue.resolve(held.draftId(), outcome, request.decidedBy(), now, request.decisionId(), request.reason())) {
                return alreadyDecided(queue.find(held.draftId()).orElseThrow(), request);
            }
            apply(held, request, now);
            return new Accepted(outcome, false);
        });
        if (result instanceof Refused refused) {
            audit(request, refused, now);
        }
        return result;
    }

    /** Refuses a decision before the rules are applied (an unproven decision): audited, the draft untouched. */
    public Refused refuse(DecisionRequest request, Refusal refusal, String message) {
        Refused refused = new Refused(refusal, message);
        audit(request, refused, clock.instant());
        return refused;
    }

    private void audit(DecisionRequest request, Refused refused, Instant now) {
        // In its own transaction: the refusal is recorded even though the decision changed nothing.
        tx.executeWithoutResult(status -> resolutions.refused(request.draftId(), request.decidedBy(),
                refused.refusal() + ": " + refused.message(), request.decisionId(), now));
    }

    private Optional<Refused> check(HeldDraft held, DecisionRequest request, Instant now) {
        if (!approvers.approves(request.decidedBy(), held.locationId())) {
            return refuse(Refusal.NOT_AN_APPROVER, request.decidedBy() + " is not an approver of location "
                    + held.locationId());
        }
        if (request.decidedBy().equals(held.requestedBy())) {
            return refuse(Refusal.OWN_DRAFT, request.decidedBy() + " requested this draft and cannot decide on it");
        }
        if (!held.expiresAt().isAfter(now)) {
            return refuse(Refusal.EXPIRED, "The draft expired at " + held.expiresAt());
        }
        if (request.action() == DecisionAction.REJECT && (request.reason() == null || request.reason().isBlank())) {
            return refuse(Refusal.REASON_REQUIRED, "A rejection needs a reason");
        }
        if (request.action() == DecisionAction.EDIT_AND_APPROVE && held.mode() != OversightMode.GATED_ALL) {
            return refuse(Refusal.EDIT_NOT_ALLOWED, "Edits are allowed only for gated_all drafts; this one is "
                    + held.mode().name().toLowerCase());
        }
        if (request.action() == DecisionAction.EDIT_AND_APPROVE) {
            return unknownCredential(held, request);
        }
        return Optional.empty();
    }

    /**
     * Delivery fills ⟦credential n⟧ from the draft's n-th sealed credential; an approver cannot add a
     * credential (they never see one), only keep, move or drop the placeholders the draft has.
     */
    private Optional<Refused> unknownCredential(HeldDraft held, DecisionRequest request) {
        List<String> secrets = resolutions.draftOf(held).getSecrets();
        for (String edited : new String[] {request.editedSubject(), request.editedBodyText()}) {
            if (!CredentialPlaceholders.contains(edited)) {
                continue;
            }
            try {
                // Filled with the sealed values only to check every placeholder names one; the result is dropped.
                CredentialPlaceholders.fill(edited, secrets, value -> value);
            } catch (IllegalArgumentException unknown) {
                return refuse(Refusal.EDIT_NAMES_UNKNOWN_CREDENTIAL, "The edit names a credential this draft does not"
                        + " carry: it carries " + secrets.size() + " (" + placeholders(secrets.size()) + "). Keep,"
                        + " move or remove those placeholders; a new credential cannot be added in an edit: reject the"
                        + " draft and have it composed again.");
            }
        }
        return Optional.empty();
    }

    private static String placeholders(int count) {
        if (count == 0) {
            return "none";
        }
        StringBuilder names = new StringBuilder();
        for (int i = 1; i <= count; i++) {
            names.append(i == 1 ? "" : ", ").append(CredentialPlaceholders.of(i));
        }
        return names.toString();
    }

    /** The first decision stands; the same decision again is accepted as a repeat, any other refused. */
    private static DecisionResult alreadyDecided(HeldDraft held, DecisionRequest request) {
        boolean same = request.decisionId() != null && request.decisionId().equals(held.decisionId());
        if (same) {
            return new Accepted(held.status(), true);
        }
        Refusal refusal = held.status() == Status.EXPIRED ? Refusal.EXPIRED : Refusal.ALREADY_DECIDED;
        return new Refused(refusal, "Already " + held.status().name().toLowerCase()
                + (held.decidedBy() == null ? "" : " by " + held.decidedBy()) + " at " + held.decidedAt());
    }

    private void apply(HeldDraft held, DecisionRequest request, Instant now) {
        EmailDraft draft = resolutions.draftOf(held);
        switch (request.action()) {
            case REJECT -> resolutions.closed(held, AuditType.REJECTED, ApprovalOutcome.REJECTED, request.decidedBy(),
                    "Rejected by " + request.decidedBy() + ": " + request.reason(), now);
            case EDIT_AND_APPROVE -> {
                Edit edit = Edit.of(draft, request.editedSubject(), request.editedBodyText());
                resolutions.edited(draft, request.decidedBy(), edit.diff(), now);
                resolutions.released(held, edit.draft(), request.decidedBy(), now);
            }
            case APPROVE -> resolutions.released(held, draft, request.decidedBy(), now);
        }
    }

    private static Optional<Refused> refuse(Refusal refusal, String message) {
        return Optional.of(new Refused(refusal, message));
    }
}
