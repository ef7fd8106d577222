package com.deskpost.schemas.proof;

import static org.assertj.core.api.Assertions.assertThat;

import com.deskpost.events.ApprovalDecision;
import com.deskpost.events.DecisionAction;
import java.time.Instant;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A decision's proof binds every field of the decision and the key. */
class DecisionProofTest {

    private static final String SECRET = "test-decision-key-secret-0123456789abcdef";

    private static ApprovalDecision decision() {
        return ApprovalDecision.newBuilder().setDecisionId("dec-1").setDraftId("draft-1")
                .setAction(DecisionAction.EDIT_AND_APPROVE).setDecidedBy("M-STAFF").setReason("typo")
                .setEditedSubject("Your booking").setEditedBodyText("Hello Ada").setDecidedAt(Instant.ofEpochMilli(1_000))
                .build();
    }

    static Stream<Arguments> changes() {
        Map<String, UnaryOperator<ApprovalDecision.Builder>> changes = Map.of(
                "decision id", b -> b.setDecisionId("dec-2"),
                "draft id (replay onto another draft)", b -> b.setDraftId("draft-2"),
                "action", b -> b.setAction(DecisionAction.APPROVE),
                "decided_by", b -> b.setDecidedBy("M-OTHER"),
                "reason", b -> b.setReason(null),
                "edited subject", b -> b.setEditedSubject("Your booking!"),
                "edited body text (changed after signing)", b -> b.setEditedBodyText("Pay at http://evil.example/"),
                "decided_at", b -> b.setDecidedAt(Instant.ofEpochMilli(1_001)),
                "key id", b -> b.setProofKeyId("other-key"),
                "text moved between neighbouring fields", b -> b.setReason("typoYour booking").setEditedSubject(""));
        return changes.entrySet().stream().map(change -> Arguments.of(change.getKey(), change.getValue()));
    }

    @Test
    void aSignedDecisionVerifiesWithItsSecret() {
        ApprovalDecision signed = DecisionProof.sign(decision(), "ops-cli", SECRET);

        assertThat(signed.getProofKeyId()).isEqualTo("ops-cli");
        assertThat(signed.getProof()).matches("[A-Za-z0-9_-]{43}");
        assertThat(DecisionProof.verify(signed, SECRET)).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("changes")
    void changingAnyFieldAfterSigningBreaksTheProof(String field, UnaryOperator<ApprovalDecision.Builder> change) {
        ApprovalDecision signed = DecisionProof.sign(decision(), "ops-cli", SECRET);

        ApprovalDecision changed = change.apply(ApprovalDecision.newBuilder(signed)).build();

        assertThat(DecisionProof.verify(changed, SECRET)).as(field).isFalse();
    }

    @Test
    void anotherSecretNoProofOrGarbageDoNotVerify() {
        ApprovalDecision signed = DecisionProof.sign(decision(), "ops-cli", SECRET);

        assertThat(DecisionProof.verify(signed, SECRET + "x")).isFalse();
        assertThat(DecisionProof.verify(decision(), SECRET)).isFalse();
        assertThat(DecisionProof.verify(ApprovalDecision.newBuilder(signed).setProof("not base64 !").build(), SECRET))
                .isFalse();
        assertThat(DecisionProof.verify(ApprovalDecision.newBuilder(signed).setProof("").build(), SECRET)).isFalse();
    }

    @Test
    void nullAndEmptyTextAreDifferentFields() {
        ApprovalDecision withEmptyReason = ApprovalDecision.newBuilder(decision()).setReason("").build();
        ApprovalDecision signed = DecisionProof.sign(withEmptyReason, "ops-cli", SECRET);

        assertThat(DecisionProof.verify(ApprovalDecision.newBuilder(signed).setReason(null).build(), SECRET)).isFalse();
    }
}
