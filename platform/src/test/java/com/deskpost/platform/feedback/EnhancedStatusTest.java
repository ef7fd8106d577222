package com.deskpost.platform.feedback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EnhancedStatusTest {

    @Test
    void findsTheCodeInAnSmtpReplyAndTellsWhoseProblemItIs() {
        EnhancedStatus unknownUser = EnhancedStatus.find("550 5.1.1 <ann@example.com>: Recipient address rejected").orElseThrow();
        assertThat(unknownUser).hasToString("5.1.1");
        assertThat(unknownUser.permanent()).isTrue();
        assertThat(unknownUser.recipientProblem()).isTrue();
        assertThat(unknownUser.policy()).isFalse();

        EnhancedStatus spam = EnhancedStatus.find("554 5.7.1 Message rejected as spam").orElseThrow();
        assertThat(spam.policy()).isTrue();
        assertThat(spam.recipientProblem()).isFalse();

        EnhancedStatus throttled = EnhancedStatus.find("421 4.7.0 Try again later, closing connection").orElseThrow();
        assertThat(throttled.transientFailure()).isTrue();
        assertThat(throttled.policy()).isTrue();

        assertThat(EnhancedStatus.find("552 5.2.2 Mailbox full").orElseThrow().mailboxFull()).isTrue();
        assertThat(EnhancedStatus.find("550 5.2.1 Mailbox disabled").orElseThrow().recipientProblem()).isTrue();
    }

    @Test
    void ignoresNumbersThatAreNotACode() {
        assertThat(EnhancedStatus.find("550 User unknown")).isEmpty();
        assertThat(EnhancedStatus.find("Received from 10.5.1.12 by mx")).isEmpty();
        assertThat(EnhancedStatus.find("version 1.2.3")).isEmpty();
        assertThat(EnhancedStatus.find(null)).isEmpty();
    }

    @Test
    void parsesExactlyOneCodeAndRefusesAnythingElse() {
        assertThat(EnhancedStatus.parse(" 4.4.7 ")).isEqualTo(new EnhancedStatus(4, 4, 7));
        assertThatThrownBy(() -> EnhancedStatus.parse("5.1")).hasMessageContaining("RFC 3463");
        assertThatThrownBy(() -> EnhancedStatus.parse("3.1.1")).hasMessageContaining("RFC 3463");
    }

    @Test
    void infersTheCodeAReplyMeansWhenItStatesNone() {
        assertThat(EnhancedStatus.infer("550 User unknown")).contains(new EnhancedStatus(5, 1, 1));
        assertThat(EnhancedStatus.infer("552 mailbox full")).contains(new EnhancedStatus(5, 2, 2));
        assertThat(EnhancedStatus.infer("421 try again later")).contains(new EnhancedStatus(4, 7, 0));
        assertThat(EnhancedStatus.infer("554 Message rejected: listed on a blocklist")).contains(new EnhancedStatus(5, 7, 1));
        assertThat(EnhancedStatus.infer("550 5.1.1 stated codes win")).contains(new EnhancedStatus(5, 1, 1));
        // x.0.0 says nothing about whose problem it is; the words do
        assertThat(EnhancedStatus.infer("550 5.0.0 <ann@example.com>... User unknown")).contains(new EnhancedStatus(5, 1, 1));
        assertThat(EnhancedStatus.infer("550 Rejected")).contains(new EnhancedStatus(5, 2, 0));
        assertThat(EnhancedStatus.infer("Sorry, no mailbox here by that name.")).contains(new EnhancedStatus(5, 1, 1));
        assertThat(EnhancedStatus.infer("Thanks, all good")).isEmpty();
        assertThat(EnhancedStatus.infer(null)).isEmpty();
    }
}
