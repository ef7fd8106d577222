package com.deskpost.oversight.decision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.deskpost.events.ApprovalDecision;
import com.deskpost.events.DecisionAction;
import com.deskpost.oversight.decision.DecisionKeysProperties.DecisionKey;
import com.deskpost.schemas.proof.DecisionProof;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which proven decisions oversight accepts from mail.decisions, and which key settings it refuses to start with. */
class DecisionKeysTest {

    private static final String OPS_SECRET = "ops-unit-decision-key-secret-0123456789";
    private static final String ADA_SECRET = "ada-unit-decision-key-secret-0123456789";
    private static final DecisionKeys KEYS = new DecisionKeys(new DecisionKeysProperties(List.of(
            new DecisionKey("ops-cli", OPS_SECRET, List.of("*")),
            new DecisionKey("ada-phone", ADA_SECRET, List.of("M-ADA")))));

    private static ApprovalDecision decision(String decidedBy) {
        return ApprovalDecision.newBuilder().setDecisionId("dec-1").setDraftId("draft-1")
                .setAction(DecisionAction.APPROVE).setDecidedBy(decidedBy).setDecidedAt(Instant.now()).build();
    }

    @Test
    void anOpsKeySpeaksForAnyoneAPersonalKeyOnlyForItsOwner() {
        assertThat(KEYS.problem(DecisionProof.sign(decision("M-ALAN"), "ops-cli", OPS_SECRET))).isEmpty();
        assertThat(KEYS.problem(DecisionProof.sign(decision("M-ADA"), "ada-phone", ADA_SECRET))).isEmpty();
        assertThat(KEYS.problem(DecisionProof.sign(decision("M-ALAN"), "ada-phone", ADA_SECRET)))
                .hasValue("Decision key 'ada-phone' may not decide for M-ALAN");
    }

    @Test
    void noProofAnUnknownKeyAndAnotherKeysSecretAreRefusedWithTheirReason() {
        assertThat(KEYS.problem(decision("M-ADA"))).hasValueSatisfying(p -> assertThat(p).contains("no proof"));
        assertThat(KEYS.problem(DecisionProof.sign(decision("M-ADA"), "laptop", OPS_SECRET)))
                .hasValueSatisfying(p -> assertThat(p).contains("'laptop', which oversight does not know"));
        assertThat(KEYS.problem(DecisionProof.sign(decision("M-ADA"), "ops-cli", ADA_SECRET)))
                .hasValueSatisfying(p -> assertThat(p).contains("proof does not match"));
    }

    @Test
    void aShortSecretADuplicateIdOrNoDecidersStopTheStart() {
        assertThatThrownBy(() -> new DecisionKeysProperties(List.of(new DecisionKey("k", "short", List.of("*")))))
                .hasMessageContaining("at least 32 characters");
        assertThatThrownBy(() -> new DecisionKeysProperties(List.of(new DecisionKey("k", OPS_SECRET, List.of("*")),
                new DecisionKey("k", ADA_SECRET, List.of("*"))))).hasMessageContaining("listed twice");
        assertThatThrownBy(() -> new DecisionKeysProperties(List.of(new DecisionKey("k", OPS_SECRET, List.of()))))
                .hasMessageContaining("decides-for is empty");
    }
}
