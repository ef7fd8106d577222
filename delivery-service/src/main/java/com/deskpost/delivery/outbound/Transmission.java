package com.deskpost.delivery.outbound;

import com.deskpost.delivery.feedback.ReturnPaths;
import com.deskpost.delivery.ledger.DeliveryLedger.Kind;
import com.deskpost.delivery.sending.MessageFactory;
import com.deskpost.delivery.sending.SmtpFailure;
import com.deskpost.delivery.sending.SmtpSender;
import com.deskpost.events.EmailDraft;
import com.deskpost.events.Location;
import com.deskpost.platform.audit.Secrets;
import com.deskpost.platform.credential.CredentialOpener;
import com.deskpost.platform.credential.CredentialUnavailable;
import com.deskpost.platform.credential.SealedCredential;
import com.deskpost.platform.streams.RejectedEvent;
import com.samskivert.mustache.Escapers;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.util.ArrayList;
import java.util.List;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.stereotype.Component;

/**
 * Builds one recipient's message and hands it to the relay. The last hop of a sealed credential
 * (DESIGN §5): the recipient's own message is built from the draft as {@link CredentialOpener#reveal}
 * opens it, here and nowhere else; the revealed draft never leaves {@link #send} (not in an exception,
 * a log line, the ledger or an audit event). A staff copy is built from the sealed draft, so it shows
 * the placeholder. Should the relay echo the message in its reply, the failure is re-worded with every
 * opened value masked before it travels on to audit, retry headers and logs.
 */
@Component
class Transmission {

    private final MessageFactory messages;
    private final JavaMailSenderImpl relay;
    private final SmtpSender smtp;
    private final CredentialOpener opener;
    private final ReturnPaths returnPaths;

    Transmission(MessageFactory messages, JavaMailSenderImpl relay, SmtpSender smtp, CredentialOpener opener,
            ReturnPaths returnPaths) {
        this.messages = messages;
        this.relay = relay;
        this.smtp = smtp;
        this.opener = opener;
        this.returnPaths = returnPaths;
    }

    /**
     * @return the message the relay accepted: its Message-ID and its exact bytes
     * @throws CredentialUnavailable when a credential of the recipient's message does not open: nothing is sent
     * @throws SmtpFailure when the relay does not accept it (its text free of credential values)
     */
    Accepted send(EmailDraft draft, Location location, Kind kind, String recipient) {
        if (kind == Kind.COPY) {
            MimeMessage copy = build(draft, recipient, () -> messages.copy(relay.getSession(), draft, location, recipient));
            byte[] sent = smtp.send(copy, returnPaths.of(draft.getDraftId(), recipient));
            return new Accepted(messageId(copy), sent);
        }
        EmailDraft revealed = opener.reveal(draft);
        boolean opened = !draft.getSecrets().isEmpty();
        MimeMessage message;
        try {
            message = build(draft, recipient, () -> messages.primary(relay.getSession(), revealed, location));
        } catch (RejectedEvent refused) {
            throw opened ? new RejectedEvent(masked(refused.getMessage(), draft)) : refused;
        }
        byte[] sent;
        try {
            // MAIL FROM is the signed return path of this draft and recipient: bounces come back to it.
            sent = smtp.send(message, returnPaths.of(draft.getDraftId(), recipient));
        } catch (SmtpFailure failure) {
            throw opened ? masked(failure, draft) : failure;
        }
        return new Accepted(messageId(message), sent);
    }

    /**
     * A message the relay accepted.
     *
     * @param messageId its Message-ID header
     * @param bytes exactly what was handed to the relay; holds opened credential values for a sealed draft's own
     *     recipient, so it goes nowhere but the archive, which withholds such content
     */
    record Accepted(String messageId, byte[] bytes) {
    }

    private interface Builder {
        MimeMessage build() throws MessagingException;
    }

    private static MimeMessage build(EmailDraft draft, String recipient, Builder builder) {
        try {
            return builder.build();
        } catch (MessagingException e) {
            throw new RejectedEvent("Cannot build mail for draft " + draft.getDraftId() + " to " + recipient + ": "
                    + e.getMessage());
        }
    }

    /**
     * The failure with the opened values masked, and without its cause: the cause chain carries the relay's
     * own reply, which dead-letter and retry headers would copy as a stack trace.
     */
    private SmtpFailure masked(SmtpFailure failure, EmailDraft draft) {
        String text = masked(failure.getMessage(), draft);
        return failure.permanent() ? new SmtpFailure.Permanent(text, failure.replyCode(), null)
                : new SmtpFailure.Transient(text, failure.replyCode(), null);
    }

    /** The text with each opened value masked, as written in the text body and HTML-escaped as in the HTML body. */
    private String masked(String text, EmailDraft draft) {
        List<String> values = new ArrayList<>();
        for (String secret : draft.getSecrets()) {
            // Opened again only on this failure path; it opened a moment ago.
            String value = SealedCredential.isSealed(secret)
                    ? opener.open(secret, draft.getLocationId(), draft.getAboutMemberId()) : secret;
            values.add(value);
            values.add(Escapers.HTML.escape(value));
        }
        return Secrets.mask(text, values);
    }

    private static String messageId(MimeMessage message) {
        try {
            return message.getHeader("Message-ID", null);
        } catch (MessagingException e) {
            throw new IllegalStateException("A built message always has readable headers", e);
        }
    }
}
