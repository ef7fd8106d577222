package com.deskpost.devstack;

import com.deskpost.community.inbound.SmtpListener;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.UUID;

/**
 * Reports a mailbox provider sends back about a mail the stack delivered, through community-events' inbound SMTP
 * listener to the mail's signed return path, as a remote MTA would: for tests that need a person's feedback history.
 */
final class FeedbackReports {

    private FeedbackReports() {
    }

    /** A complaint (ARF, RFC 5965) about {@code received}, as the recipient's mailbox provider reports it. */
    static void complain(LocalStack stack, MimeMessage received, String recipient) throws Exception {
        String returnPath = received.getHeader("Return-Path", null).replace("<", "").replace(">", "").strip();
        String arf = """
                From: feedbackloop@mailbox.example
                To: %1$s
                Subject: FW: complaint about a message from Deskpost
                Message-ID: <%2$s@mailbox.example>
                MIME-Version: 1.0
                Content-Type: multipart/report; report-type=feedback-report; boundary="arf-boundary"

                --arf-boundary
                Content-Type: text/plain; charset=us-ascii

                This is an email abuse report.

                --arf-boundary
                Content-Type: message/feedback-report

                Feedback-Type: abuse
                User-Agent: MailboxFBL/1.0
                Version: 1
                Original-Rcpt-To: %3$s

                --arf-boundary
                Content-Type: text/rfc822-headers

                Message-ID: %4$s
                To: %3$s

                --arf-boundary--
                """.formatted(returnPath, UUID.randomUUID(), recipient, received.getMessageID());
        send(stack, returnPath, arf);
    }

    /** The draft a delivered mail was made from: its Message-ID is {@code <draft id@...>}. */
    static String draftIdOf(MimeMessage received) throws MessagingException {
        String id = received.getMessageID();
        return id.substring(1, id.indexOf('@'));
    }

    private static void send(LocalStack stack, String to, String raw) throws Exception {
        Properties smtp = new Properties();
        smtp.put("mail.smtp.host", "127.0.0.1");
        smtp.put("mail.smtp.port", Integer.toString(stack.service("community-events").getBean(SmtpListener.class).port()));
        smtp.put("mail.smtp.from", "MAILER-DAEMON@mailbox.example");
        Session session = Session.getInstance(smtp);
        MimeMessage message = new MimeMessage(session, new ByteArrayInputStream(
                raw.replace("\n", "\r\n").getBytes(StandardCharsets.US_ASCII))) {
            @Override
            protected void updateMessageID() {
                // keep the report's own Message-ID
            }
        };
        Transport.send(message, new InternetAddress[] {new InternetAddress(to)});
    }
}
