package com.deskpost.community.inbound;

import com.deskpost.events.InboundChannel;
import com.deskpost.events.InboundEmail;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** A webhook's JSON read into an {@link InboundEmail}, refusing what is not one mail with the field at fault. */
final class WebhookMail {

    private WebhookMail() {
    }

    static ReceivedMail read(WebhookMessage message, Instant receivedAt) {
        if (message == null) {
            throw new InvalidInbound("body", "Send the mail as a JSON object: {\"from\": ..., \"to\": [...], "
                    + "\"subject\": ..., \"text\": ...}");
        }
        InternetAddress from = sender(message.from());
        if (message.to() == null || message.to().isEmpty()) {
            throw new InvalidInbound("to", "'to' must list the recipient addresses the mail was sent to");
        }
        List<String> to = new ArrayList<>();
        for (String recipient : message.to()) {
            to.add(address("to", recipient).getAddress().toLowerCase(Locale.ROOT));
        }
        String subject = message.subject() == null ? "" : message.subject();
        if (subject.indexOf('\r') >= 0 || subject.indexOf('\n') >= 0) {
            throw new InvalidInbound("subject", "'subject' must be one line (no CR or LF)");
        }
        String text = message.text() != null && !message.text().isBlank() ? message.text()
                : message.html() != null ? HtmlText.of(message.html()) : "";
        String messageId = message.messageId() == null || message.messageId().isBlank()
                ? MessageIds.derived(from.getAddress(), String.join(",", to), subject, text)
                : MessageIds.first(message.messageId());
        if (messageId == null) {
            throw new InvalidInbound("messageId", "'messageId' must be one Message-ID, e.g. <abc123@mail.example.com>");
        }
        List<String> references = new ArrayList<>();
        if (message.references() != null) {
            message.references().forEach(reference -> references.addAll(MessageIds.tokens(reference)));
        }
        InboundEmail mail = InboundEmail.newBuilder()
                .setMessageId(messageId)
                .setReceivedAt(receivedAt)
                .setFromAddress(from.getAddress())
                .setFromName(from.getPersonal())
                .setTo(to)
                .setSubject(subject)
                .setBodyText(text)
                .setInReplyTo(MessageIds.first(message.inReplyTo()))
                .setReferences(references)
                .setChannel(InboundChannel.WEBHOOK)
                .build();
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (message.headers() != null) {
            headers.putAll(message.headers());
        }
        return new ReceivedMail(mail, MimeMail.autoSubmitted(headers.get("Auto-Submitted"), headers.get("Precedence")));
    }

    private static InternetAddress sender(String from) {
        if (from == null || from.isBlank()) {
            throw new InvalidInbound("from", "'from' is required: the sender, e.g. \"Ada <ada@example.com>\"");
        }
        return address("from", from);
    }

    private static InternetAddress address(String field, String value) {
        if (value == null || value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
            throw new InvalidInbound(field, "'" + field + "' must hold one address per entry, on one line");
        }
        try {
            InternetAddress address = new InternetAddress(value, true);
            address.validate();
            return address;
        } catch (AddressException e) {
            throw new InvalidInbound(field, "'" + field + "' has '" + value + "', which is not an email address: "
                    + e.getMessage());
        }
    }

    /**
     * The mail as RFC 5322 text rebuilt from the fields the provider parsed (headers already refused CR/LF), for a
     * text bounce that arrived without its raw form.
     */
    static String asRfc5322(ReceivedMail received) {
        InboundEmail mail = received.mail();
        return "From: " + mail.getFromAddress() + "\r\n"
                + "To: " + String.join(", ", mail.getTo()) + "\r\n"
                + "Subject: " + mail.getSubject() + "\r\n"
                + "Message-ID: " + mail.getMessageId() + "\r\n"
                + "Content-Type: text/plain; charset=utf-8\r\n\r\n"
                + mail.getBodyText().replaceAll("\r?\n", "\r\n");
    }
}
