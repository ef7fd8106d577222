package com.deskpost.delivery.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Whose problem a permanent SMTP refusal is, by its enhanced status code. */
class SmtpRefusalTest {

    @Test
    void aRecipientProblemBlamesTheAddress() {
        assertThat(SmtpRefusal.of(550, "SMTP relay replied 550: Invalid Addresses; nested exception is:\n\t"
                + "SMTPAddressFailedException: 550 5.1.1 <gone@example.com>: Recipient address rejected"))
                .isEqualTo(SmtpRefusal.ADDRESS);
        assertThat(SmtpRefusal.of(550, "550 5.2.1 The email account that you tried to reach is disabled"))
                .isEqualTo(SmtpRefusal.ADDRESS);
        assertThat(SmtpRefusal.of(553, "553 5.1.3 Bad recipient address syntax")).isEqualTo(SmtpRefusal.ADDRESS);
    }

    @Test
    void aPolicyOrContentRefusalBlamesTheMessageNotTheAddress() {
        assertThat(SmtpRefusal.of(554, "554 5.7.1 Message rejected: spam content")).isEqualTo(SmtpRefusal.POLICY);
        assertThat(SmtpRefusal.of(550, "550 5.7.26 Unauthenticated email is not accepted (DMARC)"))
                .isEqualTo(SmtpRefusal.POLICY);
    }

    @Test
    void anythingElseBlamesNobody() {
        // A bare 550 (relays use it for policy too), a full mailbox, a transient reply, no reply at all
        assertThat(SmtpRefusal.of(550, "550 Requested action not taken")).isEqualTo(SmtpRefusal.OTHER);
        assertThat(SmtpRefusal.of(552, "552 5.2.2 Mailbox full")).isEqualTo(SmtpRefusal.OTHER);
        assertThat(SmtpRefusal.of(450, "450 4.1.1 try later")).isEqualTo(SmtpRefusal.OTHER);
        assertThat(SmtpRefusal.of(-1, "connection refused from 127.0.0.1")).isEqualTo(SmtpRefusal.OTHER);
        // An IP address in the text is not a status code
        assertThat(SmtpRefusal.of(554, "554 rejected by 10.5.1.1")).isEqualTo(SmtpRefusal.OTHER);
    }
}
