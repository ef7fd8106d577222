package com.deskpost.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Properties;

import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SmtpServerIT {

    private final SmtpServer smtp = SmtpServer.start();

    @AfterEach
    void stop() {
        smtp.close();
    }

    @Test
    void aMailToAnyRecipientIsReceived() throws Exception {
        // When
        send("member-17@coworking.example", "Your desk is booked");

        // Then
        assertThat(smtp.messagesTo("member-17@coworking.example"))
                .singleElement()
                .satisfies(message -> assertThat(message.getSubject()).isEqualTo("Your desk is booked"));
        assertThat(smtp.messagesTo("someone-else@coworking.example")).isEmpty();
    }

    @Test
    void aMailToTwoRecipientsIsOneMessageDeliveredTwice() throws Exception {
        // When
        send("a@coworking.example, b@coworking.example", "Room change");

        // Then
        assertThat(smtp.messages()).hasSize(1);
        assertThat(smtp.messagesTo("a@coworking.example")).hasSize(1);
        assertThat(smtp.messagesTo("B@coworking.example")).hasSize(1);
    }

    @Test
    void aStoppedServerRefusesMailAndAfterRestartTakesItOnTheSamePortKeepingEarlierMail() throws Exception {
        // Given
        int port = smtp.port();
        send("member@coworking.example", "before");

        // When
        smtp.stop();

        // Then
        assertThatThrownBy(() -> send("member@coworking.example", "during")).isInstanceOf(MessagingException.class);

        // When
        smtp.restart();
        send("member@coworking.example", "after");

        // Then
        assertThat(smtp.port()).isEqualTo(port);
        assertThat(smtp.messagesTo("member@coworking.example"))
                .extracting(MimeMessage::getSubject)
                .containsExactly("before", "after");
    }

    @Test
    void withImapAPersonCanReadTheMailWithAnyPassword() throws Exception {
        // Given
        int imapPort = FreePorts.find();
        try (SmtpServer withImap = SmtpServer.start(FreePorts.find(), imapPort)) {

            // When
            send(withImap, "reader@coworking.example", "Read me");

            // Then
            Store store = Session.getInstance(new Properties()).getStore("imap");
            store.connect(withImap.host(), imapPort, "reader@coworking.example", "any password");
            try {
                Folder inbox = store.getFolder("INBOX");
                inbox.open(Folder.READ_ONLY);
                assertThat(inbox.getMessages()).extracting(Message::getSubject).containsExactly("Read me");
                inbox.close(false);
            } finally {
                store.close();
            }
        }
    }

    private void send(String recipients, String subject) throws MessagingException {
        send(smtp, recipients, subject);
    }

    private static void send(SmtpServer server, String recipients, String subject) throws MessagingException {
        Properties properties = new Properties();
        properties.put("mail.smtp.host", server.host());
        properties.put("mail.smtp.port", String.valueOf(server.port()));
        properties.put("mail.smtp.connectiontimeout", "2000");
        properties.put("mail.smtp.timeout", "2000");
        Transport.send(message(Session.getInstance(properties), recipients, subject));
    }

    private static MimeMessage message(Session session, String recipients, String subject) throws MessagingException {
        MimeMessage message = new MimeMessage(session);
        message.setFrom("bookings@deskpost.example");
        message.setRecipients(Message.RecipientType.TO, InternetAddress.parse(recipients));
        message.setSubject(subject);
        message.setText("Deskpost test mail");
        return message;
    }
}
