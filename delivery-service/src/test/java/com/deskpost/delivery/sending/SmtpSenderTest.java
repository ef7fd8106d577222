package com.deskpost.delivery.sending;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.InternetAddress;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.util.MailConnectException;
import org.eclipse.angus.mail.util.SocketConnectException;
import org.junit.jupiter.api.Test;

/** How relay answers are judged: only a 5xx reply is final; everything else is worth another try. */
class SmtpSenderTest {

    @Test
    void aFiveHundredReplyIsPermanent() throws Exception {
        var refused = new SMTPSendFailedException("DATA", 554, "554 5.7.1 Message rejected as spam", null, null,
                null, null);

        SmtpFailure failure = SmtpSender.classify(refused);

        assertThat(failure).isInstanceOf(SmtpFailure.Permanent.class);
        assertThat(failure.replyCode()).isEqualTo(554);
        assertThat(failure.getMessage()).contains("replied 554");
    }

    @Test
    void aRejectedRecipientNestedInTheSendFailureIsReadToo() throws Exception {
        var noSuchUser = new SMTPAddressFailedException(new InternetAddress("gone@example.com"), "RCPT TO", 550,
                "550 5.1.1 User unknown");
        var wrapper = new SendFailedException("Invalid Addresses", noSuchUser);

        assertThat(SmtpSender.classify(wrapper)).isInstanceOf(SmtpFailure.Permanent.class)
                .extracting(SmtpFailure::replyCode).isEqualTo(550);
        // and its words, whose enhanced status code says whose problem it is
        assertThat(SmtpSender.classify(wrapper).getMessage()).contains("Invalid Addresses", "550 5.1.1 User unknown");
    }

    @Test
    void aFourHundredReplyIsTransient() throws Exception {
        var greylisted = new SMTPSendFailedException("RCPT TO", 451, "451 4.7.1 Greylisted, try again later", null,
                null, null, null);

        assertThat(SmtpSender.classify(greylisted)).isInstanceOf(SmtpFailure.Transient.class)
                .extracting(SmtpFailure::replyCode).isEqualTo(451);
    }

    @Test
    void anUnreachableRelayIsTransient() {
        var refused = new MailConnectException(new SocketConnectException("Connection refused",
                new java.net.ConnectException("Connection refused"), "127.0.0.1", 2525, 1000));

        SmtpFailure failure = SmtpSender.classify(refused);

        assertThat(failure).isInstanceOf(SmtpFailure.Transient.class);
        assertThat(failure.replyCode()).isEqualTo(-1);
    }

    @Test
    void anyOtherFailureIsTransient() {
        assertThat(SmtpSender.classify(new MessagingException("Read timed out")))
                .isInstanceOf(SmtpFailure.Transient.class);
    }
}
