package com.deskpost.oversight.decision;

import com.deskpost.events.ApprovalDecision;
import com.deskpost.oversight.decision.DecisionKeysProperties.DecisionKey;
import com.deskpost.schemas.proof.DecisionProof;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A claimed {@code decided_by} alone is never trusted (DESIGN §4): a decision from mail.decisions
 * counts only with a proof ({@link DecisionProof}) made with a key oversight knows, over exactly
 * this decision, by a key allowed to decide for that member. The REST door and the ops page
 * authenticate their users and need no proof.
 */
public final class DecisionKeys {

    private final Map<String, DecisionKey> byId;

    public DecisionKeys(DecisionKeysProperties properties) {
        this.byId = properties.decisionKeys().stream().collect(Collectors.toMap(DecisionKey::id, Function.identity()));
    }

    /** Why the decision is not proven, or empty when its proof holds. */
    public Optional<String> problem(ApprovalDecision decision) {
        if (decision.getProof() == null || decision.getProofKeyId() == null) {
            return Optional.of("The decision carries no proof: sign it with a decision key (ops-cli decide)");
        }
        DecisionKey key = byId.get(decision.getProofKeyId());
        if (key == null) {
            return Optional.of("The decision is signed with decision key '" + decision.getProofKeyId()
                    + "', which oversight does not know (deskpost.oversight.decision-keys)");
        }
        if (!DecisionProof.verify(decision, key.secret())) {
            return Optional.of("The proof does not match the decision: made with another secret, or for another"
                    + " draft, action, decision id, decider or edit");
        }
        if (!key.mayDecideFor(decision.getDecidedBy())) {
            return Optional.of("Decision key '" + key.id() + "' may not decide for " + decision.getDecidedBy());
        }
        return Optional.empty();
    }
}
