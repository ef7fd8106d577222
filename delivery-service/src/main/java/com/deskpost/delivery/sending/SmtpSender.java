package com.deskpost.delivery.sending;

import com.deskpost.delivery.sending.dkim.DkimSigning;
import com.deskpost.platform.observability.MailMetrics;
import jakarta.annotation.PreDestroy;
import jakarta.mail.MessagingException;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPMessage;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.util.CRLFOutputStream;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.stereotype.Component;

/**
 * Sends over SMTP connections kept open between messages (a TLS handshake and AUTH per mail
 * would dominate the cost), reconnecting when one has been idle longer than relays tolerate or
 * after any failure. Each concurrent sender (every listener thread of every lane) takes a
 * connection of its own, so priority mail never waits for a bulk send to finish. Sends are paced
 * to the provider's rate limit by one token bucket that every delivery instance shares
 * ({@link SharedRelayRate}); its waits are served in arrival order, so a priority send waits behind
 * at most one pending send of each other sending thread, of any instance. Failures are classified:
 * 5xx replies are permanent, everything else is transient.
 */
@Component
public class SmtpSender {

    private final JavaMailSenderImpl relay;
    private final RelayPermits rate;
    private final Duration idleTimeout;
    private final Deque<Connection> idle = new ArrayDeque<>();
    private final MailMetrics metrics;
    private final DkimSigning dkim;

    public SmtpSender(JavaMailSenderImpl relay, DeliveryProperties properties, MailMetrics metrics, RelayPermits rate) {
        this.relay = relay;
        this.metrics = metrics;
        this.idleTimeout = properties.smtpIdleTimeout();
        this.dkim = DkimSigning.from(properties.dkim()); // keys parsed once; bad settings stop the start
        this.rate = rate;
    }

    /** An empty message in the relay's session, for mail delivery writes itself (staff alerts). */
    public MimeMessage newMessage() {
        return new MimeMessage(relay.getSession());
    }

    /** Sends with the default envelope sender (the From address): mail that is no draft's (staff alerts). */
    public byte[] send(MimeMessage message) {
        return send(message, null);
    }

    /**
     * Sends with {@code envelopeFrom} as MAIL FROM (the signed return path bounces come back to), or the From
     * address when null.
     *
     * @return the exact bytes handed to the relay as the message (DKIM-Signature included; before the SMTP
     *     transport's dot-stuffing): what the sent-mail archive keeps
     */
    public byte[] send(MimeMessage message, String envelopeFrom) {
        rate.take(); // PostgreSQL away: fails as such, and the caller waits it out (nothing sent)
        Connection connection = take();
        long started = System.nanoTime(); // The relay's round trip for the message; rate-limit waits excluded.
        try {
            byte[] bytes = written(dkim.sign(message));
            connection.transport().sendMessage(asSent(bytes, envelopeFrom), message.getAllRecipients());
            metrics.smtpSend(System.nanoTime() - started, "sent");
            give(new Connection(connection.transport(), System.nanoTime()));
            return bytes;
        } catch (MessagingException e) {
            quit(connection.transport());
            SmtpFailure failure = classify(e);
            metrics.smtpSend(System.nanoTime() - started, failure instanceof SmtpFailure.Permanent ? "permanent" : "transient");
            throw failure;
        }
    }

    /**
     * The finished message written once: MIME boundaries and the DKIM signature are made as a message is written,
     * so writing it again could give other bytes. These bytes are sent and archived, so the two cannot differ. They
     * are written as the SMTP transport writes DATA, through Angus Mail's {@link CRLFOutputStream}: a 7bit text part
     * keeps the bare line feeds of its text, which the transport would turn into CRLF on the wire. And they end with
     * a line break: the SMTP client would add one before the end of DATA (RFC 5321 §4.1.1.4). Either way the relay
     * would otherwise hold bytes the archive lacks.
     */
    private static byte[] written(MimeMessage message) throws MessagingException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (CRLFOutputStream lines = new CRLFOutputStream(bytes)) {
            message.writeTo(lines);
        } catch (IOException e) {
            throw new MessagingException("Cannot write the message", e);
        }
        byte[] written = bytes.toByteArray();
        int n = written.length;
        if (n >= 2 && written[n - 2] == '\r' && written[n - 1] == '\n') {
            return written;
        }
        bytes.write('\r');
        bytes.write('\n');
        return bytes.toByteArray();
    }

    /**
     * The written bytes as the message the relay is handed. A message parsed from bytes is written back byte for
     * byte (Jakarta Mail keeps its raw header lines and content; nothing here asks it to re-encode: 8BITMIME
     * conversion is off). Angus Mail takes MAIL FROM from an {@link SMTPMessage}'s envelope sender, else from the
     * session (shared by every thread, so not per message).
     */
    private SMTPMessage asSent(byte[] bytes, String envelopeFrom) throws MessagingException {
        SMTPMessage smtp = new SMTPMessage(relay.getSession(), new ByteArrayInputStream(bytes));
        if (envelopeFrom != null) {
            smtp.setEnvelopeFrom(envelopeFrom);
        }
        return smtp;
    }

    private Connection take() {
        Connection kept;
        synchronized (idle) {
            kept = idle.pollFirst();
        }
        if (kept != null && System.nanoTime() - kept.lastUsedNanos() <= idleTimeout.toNanos()) {
            return kept;
        }
        if (kept != null) {
            quit(kept.transport());
        }
        try {
            Transport fresh = relay.getSession().getTransport(relay.getProtocol() == null ? "smtp" : relay.getProtocol());
            fresh.connect(relay.getHost(), relay.getPort(), relay.getUsername(), relay.getPassword());
            return new Connection(fresh, System.nanoTime());
        } catch (MessagingException e) {
            throw classify(e);
        }
    }

    private void give(Connection connection) {
        synchronized (idle) {
            idle.addFirst(connection);
        }
    }

    /** Says QUIT on every kept connection at shutdown. */
    @PreDestroy
    void close() {
        synchronized (idle) {
            idle.forEach(connection -> quit(connection.transport()));
            idle.clear();
        }
    }

    private static void quit(Transport transport) {
        try {
            transport.close();
        } catch (MessagingException ignored) {
            // The connection is being discarded; a failed QUIT changes nothing.
        }
    }

    private record Connection(Transport transport, long lastUsedNanos) {
    }

    static SmtpFailure classify(MessagingException e) {
        MessagingException reply = reply(e);
        int code = reply == null ? -1 : reply instanceof SMTPSendFailedException sendFailed ? sendFailed.getReturnCode()
                : ((SMTPAddressFailedException) reply).getReturnCode();
        // A refused RCPT is reported as "Invalid Addresses" with the relay's reply nested: the reply's own words
        // (its enhanced status code, RFC 3463) are what says whose problem it is, so they go into the message.
        String text = reply == null || reply == e ? e.getMessage() : e.getMessage() + ": " + reply.getMessage();
        String message = "SMTP relay " + (code > 0 ? "replied " + code + ": " : "failed: ") + text;
        return code >= 500 && code < 600 ? new SmtpFailure.Permanent(message, code, e)
                : new SmtpFailure.Transient(message, code, e);
    }

    private static MessagingException reply(Throwable e) {
        // Angus Mail nests the reply-carrying exception in the chain of the one it throws.
        for (Throwable cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof SMTPSendFailedException || cause instanceof SMTPAddressFailedException) {
                return (MessagingException) cause;
            }
        }
        return null;
    }
}
