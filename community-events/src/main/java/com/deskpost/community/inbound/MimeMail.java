package com.deskpost.community.inbound;

import com.deskpost.events.InboundChannel;
import com.deskpost.events.InboundEmail;
import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;

/**
 * A raw RFC 5322 message, as the SMTP listener receives it, read into an {@link InboundEmail}: the
 * sender from From (else the envelope), recipients from To and Cc plus the envelope's, the plain-text
 * part (else the HTML part with its tags removed), the threading headers, and whether a machine sent
 * it (Auto-Submitted other than "no", or Precedence auto_reply, bulk, junk or list).
 */
final class MimeMail {

    private static final Session SESSION = Session.getInstance(new Properties());

    private MimeMail() {
    }

    static ReceivedMail parse(byte[] raw, String envelopeFrom, String envelopeTo, Instant receivedAt)
            throws MessagingException, IOException {
        MimeMessage message = new MimeMessage(SESSION, new ByteArrayInputStream(raw));
        InternetAddress from = firstAddress(message.getFrom());
        String fromAddress = from != null ? from.getAddress() : envelopeFrom;
        if (fromAddress == null || fromAddress.isBlank()) {
            throw new MessagingException("The mail names no sender, neither in From nor in the envelope");
        }
        Set<String> to = new LinkedHashSet<>();
        Address[] recipients = message.getAllRecipients();
        if (recipients != null) {
            for (Address recipient : recipients) {
                if (recipient instanceof InternetAddress address) {
                    to.add(address.getAddress().toLowerCase(Locale.ROOT));
                }
            }
        }
        if (envelopeTo != null) {
            to.add(envelopeTo.toLowerCase(Locale.ROOT));
        }
        String subject = message.getSubject() == null ? "" : message.getSubject();
        String text = text(message);
        String messageId = MessageIds.first(message.getMessageID());
        if (messageId == null) {
            messageId = MessageIds.derived(fromAddress, String.join(",", to), subject, text,
                    message.getHeader("Date", null));
        }
        InboundEmail mail = InboundEmail.newBuilder()
                .setMessageId(messageId)
                .setReceivedAt(receivedAt)
                .setFromAddress(fromAddress)
                .setFromName(from == null ? null : oneLine(from.getPersonal()))
                .setTo(new ArrayList<>(to))
                .setSubject(oneLine(subject))
                .setBodyText(text)
                .setInReplyTo(MessageIds.first(message.getHeader("In-Reply-To", " ")))
                .setReferences(MessageIds.tokens(message.getHeader("References", " ")))
                .setChannel(InboundChannel.SMTP)
                .build();
        return new ReceivedMail(mail, autoSubmitted(message.getHeader("Auto-Submitted", ","),
                message.getHeader("Precedence", ",")));
    }

    static boolean autoSubmitted(String autoSubmitted, String precedence) {
        if (autoSubmitted != null && !autoSubmitted.strip().toLowerCase(Locale.ROOT).startsWith("no")) {
            return true;
        }
        if (precedence == null) {
            return false;
        }
        String value = precedence.strip().toLowerCase(Locale.ROOT);
        return value.equals("auto_reply") || value.equals("bulk") || value.equals("junk") || value.equals("list");
    }

    private static InternetAddress firstAddress(Address[] addresses) {
        if (addresses == null) {
            return null;
        }
        for (Address address : addresses) {
            if (address instanceof InternetAddress internet) {
                return internet;
            }
        }
        return null;
    }

    /** A display name or subject folded onto one line (a folded header may carry line breaks). */
    private static String oneLine(String value) {
        return value == null ? null : value.replaceAll("[\\r\\n]+", " ").strip();
    }

    private static String text(Part part) throws MessagingException, IOException {
        String plain = find(part, "text/plain");
        if (plain != null) {
            return plain;
        }
        String html = find(part, "text/html");
        return html == null ? "" : HtmlText.of(html);
    }

    private static String find(Part part, String type) throws MessagingException, IOException {
        if (Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
            return null;
        }
        if (part.isMimeType(type)) {
            Object content = part.getContent();
            return content instanceof String s ? s : null;
        }
        if (part.isMimeType("multipart/*") && part.getContent() instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart child = multipart.getBodyPart(i);
                String found = find(child, type);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }
}
