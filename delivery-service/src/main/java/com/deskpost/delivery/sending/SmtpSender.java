package com.deskpost.delivery.sending;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import jakarta.mail.MessagingException;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.stereotype.Component;

/**
 * Sends over one SMTP connection kept open between messages (a TLS handshake and AUTH per mail
 * would dominate the cost), reconnecting when it has been idle longer than relays tolerate or
 * after any failure. Sends are paced to the provider's rate limit. Failures are classified:
 * 5xx replies are permanent, everything else is transient.
 */
@Component
public class SmtpSender {

    private final JavaMailSenderImpl relay;
    private final Bucket rate;
    private final Duration idleTimeout;
    private Transport transport;
    private long lastUsedNanos;

    public SmtpSender(JavaMailSenderImpl relay, DeliveryProperties properties) {
        this.relay = relay;
        this.idleTimeout = properties.smtpIdleTimeout();
        this.rate = Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(properties.ratePerSecond())
                        .refillGreedy(properties.ratePerSecond(), Duration.ofSeconds(1)).build())
                .build();
    }

    public synchronized void send(MimeMessage message) {
        try {
            rate.asBlocking().consume(1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SmtpFailure.Transient("Interrupted while waiting for the SMTP rate limit", -1, e);
        }
        try {
            connection().sendMessage(message, message.getAllRecipients());
            lastUsedNanos = System.nanoTime();
        } catch (MessagingException e) {
            close();
            throw classify(e);
        }
    }

    private Transport connection() throws MessagingException {
        boolean stale = transport != null
                && System.nanoTime() - lastUsedNanos > idleTimeout.toNanos();
        if (stale) {
            close();
        }
        if (transport == null) {
            Transport fresh = relay.getSession().getTransport(relay.getProtocol() == null ? "smtp" : relay.getProtocol());
            fresh.connect(relay.getHost(), relay.getPort(), relay.getUsername(), relay.getPassword());
            transport = fresh;
            lastUsedNanos = System.nanoTime();
        }
        return transport;
    }

    public synchronized void close() {
        if (transport != null) {
            try {
                transport.close();
            } catch (MessagingException ignored) {
                // The connection is being discarded; a failed QUIT changes nothing.
            }
            transport = null;
        }
    }

    static SmtpFailure classify(MessagingException e) {
        int code = replyCode(e);
        String message = "SMTP relay " + (code > 0 ? "replied " + code + ": " : "failed: ") + e.getMessage();
        return code >= 500 && code < 600 ? new SmtpFailure.Permanent(message, code, e)
                : new SmtpFailure.Transient(message, code, e);
    }

    private static int replyCode(Throwable e) {
        // Angus Mail nests the reply-carrying exception in the chain of the one it throws.
        for (Throwable cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof SMTPSendFailedException sendFailed) {
                return sendFailed.getReturnCode();
            }
            if (cause instanceof SMTPAddressFailedException addressFailed) {
                return addressFailed.getReturnCode();
            }
        }
        return -1;
    }
}
