package com.deskpost.oversight.ops;

import com.deskpost.oversight.decision.DecisionResult;
import com.deskpost.oversight.decision.DecisionResult.Accepted;
import com.deskpost.oversight.decision.DecisionResult.Refused;
import com.deskpost.oversight.queue.HeldDraft;
import java.util.Locale;
import java.util.Optional;

/** Tells the approver, in one sentence, what their decision did, or why it changed nothing. */
final class DecisionMessages {

    private DecisionMessages() {
    }

    static Flash of(DecisionResult result, String draftId, Optional<HeldDraft> held) {
        String draft = held.map(h -> "“" + h.subject() + "” to " + h.recipient()).orElse("draft " + draftId);
        if (result instanceof Refused refused) {
            return Flash.error("Not done: " + refused.message() + ". Nothing changed for " + draft + ".");
        }
        Accepted accepted = (Accepted) result;
        if (accepted.repeated()) {
            return Flash.ok("This decision was already recorded; " + draft + " stays "
                    + accepted.outcome().name().toLowerCase(Locale.ROOT) + ".");
        }
        return switch (accepted.outcome()) {
            case APPROVED -> Flash.ok("Approved " + draft + ": released for delivery.");
            case REJECTED -> Flash.ok("Rejected " + draft + ": it will not be sent.");
            default -> Flash.ok("Recorded: " + draft + " is " + accepted.outcome().name().toLowerCase(Locale.ROOT)
                    + ".");
        };
    }
}
