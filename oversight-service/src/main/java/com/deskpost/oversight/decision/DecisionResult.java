package com.deskpost.oversight.decision;

import com.deskpost.oversight.queue.HeldDraft;

/** What became of a decision or a withdrawal: accepted (possibly as a repeat of one already made) or refused, with why. */
public sealed interface DecisionResult {

    /** @param repeated the same decision had already been made; nothing changed this time */
    record Accepted(HeldDraft.Status outcome, boolean repeated) implements DecisionResult {
    }

    record Refused(Refusal refusal, String message) implements DecisionResult {
    }

    /** Why a decision was not accepted. */
    enum Refusal {
        UNKNOWN_DRAFT, ALREADY_DECIDED, EXPIRED, NOT_AN_APPROVER, OWN_DRAFT, EDIT_NOT_ALLOWED, REASON_REQUIRED,
        /** An edit shows a credential placeholder the draft has no sealed credential for. */
        EDIT_NAMES_UNKNOWN_CREDENTIAL,
        /** Only the identity that requested a held draft may withdraw it. */
        NOT_THE_REQUESTER,
        /** A decision from mail.decisions without a valid proof of who decided (DESIGN §4). */
        INVALID_PROOF
    }
}
