package com.deskpost.oversight.decision;

import com.deskpost.events.ApprovalOutcome;
import com.deskpost.events.AuditType;
import com.deskpost.oversight.decision.DecisionResult.Accepted;
import com.deskpost.oversight.decision.DecisionResult.Refusal;
import com.deskpost.oversight.decision.DecisionResult.Refused;
import com.deskpost.oversight.queue.HeldDraft;
import com.deskpost.oversight.queue.HeldDraft.Status;
import com.deskpost.oversight.queue.HoldQueue;
import com.deskpost.oversight.queue.Resolutions;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The identity that requested a held draft (an AI agent, through the MCP server) may withdraw it
 * while it waits: it is then never sent (queue status and approval outcome CANCELLED, audit
 * CANCELLED with the requester as actor). Withdrawing is not deciding: it can only stop a mail,
 * never release one, so it needs no approver and does not weaken separation of duties. Like a
 * decision it leaves PENDING once; withdrawing a draft already withdrawn by the same requester is
 * accepted as a repeat.
 */
@Service
public class Withdrawals {

    private final HoldQueue queue;
    private final Resolutions resolutions;
    private final TransactionTemplate tx;
    private final Clock clock = Clock.systemUTC();

    public Withdrawals(HoldQueue queue, Resolutions resolutions, TransactionTemplate tx) {
        this.queue = queue;
        this.resolutions = resolutions;
        this.tx = tx;
    }

    public DecisionResult withdraw(String draftId, String requester, String reason) {
        Instant now = clock.instant();
        return tx.execute(status -> {
            Optional<HeldDraft> found = queue.find(draftId);
            if (found.isEmpty()) {
                return new Refused(Refusal.UNKNOWN_DRAFT, "No held draft " + draftId);
            }
            HeldDraft held = found.get();
            if (!held.requestedBy().equals(requester)) {
                return new Refused(Refusal.NOT_THE_REQUESTER, "Only its requester can withdraw draft " + draftId
                        + "; ask an approver of " + held.locationId() + " to reject it instead");
            }
            String detail = "Withdrawn by its requester " + requester
                    + (reason == null || reason.isBlank() ? "" : ": " + reason.strip());
            if (held.status() == Status.PENDING && queue.resolve(draftId, Status.CANCELLED, requester, now, null, detail)) {
                resolutions.closed(held, AuditType.CANCELLED, ApprovalOutcome.CANCELLED, requester, detail, now);
                return new Accepted(Status.CANCELLED, false);
            }
            HeldDraft current = queue.find(draftId).orElseThrow();
            if (current.status() == Status.CANCELLED && requester.equals(current.decidedBy())) {
                return new Accepted(Status.CANCELLED, true);
            }
            Refusal refusal = current.status() == Status.EXPIRED ? Refusal.EXPIRED : Refusal.ALREADY_DECIDED;
            return new Refused(refusal, "Already " + current.status().name().toLowerCase()
                    + (current.decidedBy() == null ? "" : " by " + current.decidedBy()) + " at " + current.decidedAt());
        });
    }
}
