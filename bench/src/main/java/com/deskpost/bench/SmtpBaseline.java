package com.deskpost.bench;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.Properties;

/**
 * The SMTP sink's own acceptance rate with a plain client: one connection, messages of the size
 * the pipeline sends, one after another, as Deskpost's sender does per lane.
 */
final class SmtpBaseline {

    private SmtpBaseline() {
    }

    /** @return messages per second the sink accepted */
    static double run(int port, byte[] sampleMail, int messages) throws MessagingException {
        Properties settings = new Properties();
        settings.put("mail.smtp.host", "127.0.0.1");
        settings.put("mail.smtp.port", Integer.toString(port));
        Session session = Session.getInstance(settings);
        MimeMessage message = new MimeMessage(session, new java.io.ByteArrayInputStream(sampleMail));
        long start = System.nanoTime();
        try (Transport transport = session.getTransport("smtp")) {
            transport.connect();
            for (int i = 0; i < messages; i++) {
                message.setHeader("Message-ID", "<baseline-" + i + "@bench.example>");
                transport.sendMessage(message, new InternetAddress[] {new InternetAddress("sink@bench.example")});
            }
        }
        return messages / ((System.nanoTime() - start) / 1e9);
    }

}
