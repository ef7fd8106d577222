package com.deskpost.oversight.decision;

import com.deskpost.events.DecisionAction;

/**
 * A decision on a held draft, from either door (the REST API or mail.decisions).
 *
 * @param decisionId unique id of this decision; repeating the same decision is idempotent
 */
public record DecisionRequest(String decisionId, String draftId, DecisionAction action, String decidedBy,
        String reason, String editedSubject, String editedBodyText) {
}
