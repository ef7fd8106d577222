package com.deskpost.reliability.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.Properties;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MailSinkTest {

    private final MailSink sink = MailSink.start();

    @AfterEach
    void close() {
        sink.close();
    }

    @Test
    void aRelayInTroubleRefusesEveryMessageWith451AndCountsNoneAsAccepted() throws Exception {
        sink.refuseEveryMessage(451);

        assertThatThrownBy(() -> send("d-1@ldn-1.deskpost.example"))
                .isInstanceOfSatisfying(SMTPSendFailedException.class, e -> assertThat(e.getReturnCode()).isEqualTo(451));

        assertThat(sink.refusals()).isEqualTo(1);
        assertThat(sink.messages()).isZero();
        assertThat(sink.timesAccepted("d-1@ldn-1.deskpost.example")).isZero();
    }

    @Test
    void onceTheRelayAcceptsAgainTheSameMessageIsAcceptedOnce() throws Exception {
        sink.refuseEveryMessage(451);
        assertThatThrownBy(() -> send("d-2@ldn-1.deskpost.example")).isInstanceOf(MessagingException.class);

        sink.acceptMessages();
        send("d-2@ldn-1.deskpost.example");

        assertThat(sink.timesAccepted("d-2@ldn-1.deskpost.example")).isEqualTo(1);
        assertThat(sink.refusals()).isEqualTo(1);
    }

    @Test
    void onlyATransientReplyIsARefusal() {
        assertThatThrownBy(() -> sink.refuseEveryMessage(550)).isInstanceOf(IllegalArgumentException.class);
    }

    private void send(String messageId) throws MessagingException {
        Properties properties = new Properties();
        properties.put("mail.smtp.host", "127.0.0.1");
        properties.put("mail.smtp.port", Integer.toString(sink.port()));
        MimeMessage message = new MimeMessage(Session.getInstance(properties)) {
            @Override
            protected void updateMessageID() throws MessagingException {
                setHeader("Message-ID", "<" + messageId + ">");
            }
        };
        message.setFrom(new InternetAddress("desk@ldn-1.deskpost.example"));
        message.setRecipient(MimeMessage.RecipientType.TO, new InternetAddress("member@reliability.example"));
        message.setSubject("Your booking");
        message.setText("See you on Friday.");
        Transport.send(message);
    }
}
