package com.deskpost.oversight.ops;

import static com.deskpost.oversight.ops.HeldDrafts.aHeldDraft;
import static org.assertj.core.api.Assertions.assertThat;

import com.deskpost.oversight.decision.DecisionResult.Accepted;
import com.deskpost.oversight.decision.DecisionResult.Refusal;
import com.deskpost.oversight.decision.DecisionResult.Refused;
import com.deskpost.oversight.queue.HeldDraft;
import com.deskpost.oversight.queue.HeldDraft.Status;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OpsDecisionMessagesTest {

    private final Optional<HeldDraft> held = Optional.of(aHeldDraft().build());

    @Test
    void anApprovalSaysTheMailIsOnItsWay() {
        Flash flash = DecisionMessages.of(new Accepted(Status.APPROVED, false), "d-1", held);

        assertThat(flash.kind()).isEqualTo(Flash.Kind.OK);
        assertThat(flash.text()).isEqualTo(
                "Approved “Your master keycode was reset” to ada@example.com: released for delivery.");
    }

    @Test
    void aRejectionSaysTheMailWillNotBeSent() {
        Flash flash = DecisionMessages.of(new Accepted(Status.REJECTED, false), "d-1", held);

        assertThat(flash.text()).startsWith("Rejected “Your master keycode was reset”").endsWith("will not be sent.");
    }

    @Test
    void aRepeatedFormSaysNothingChanged() {
        Flash flash = DecisionMessages.of(new Accepted(Status.APPROVED, true), "d-1", held);

        assertThat(flash.kind()).isEqualTo(Flash.Kind.OK);
        assertThat(flash.text()).contains("already recorded", "stays approved");
    }

    @Test
    void aRefusalIsAnErrorWithTheReasonAndNamesNoDraftTheMemberMayNotSee() {
        Flash flash = DecisionMessages.of(new Refused(Refusal.NOT_AN_APPROVER,
                "M-9 is not an approver of location LDN-1"), "d-1", Optional.empty());

        assertThat(flash.kind()).isEqualTo(Flash.Kind.ERROR);
        assertThat(flash.role()).isEqualTo("alert");
        assertThat(flash.text())
                .isEqualTo("Not done: M-9 is not an approver of location LDN-1. Nothing changed for draft d-1.");
    }
}
