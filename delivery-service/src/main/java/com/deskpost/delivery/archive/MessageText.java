package com.deskpost.delivery.archive;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Properties;

/**
 * The readable text of an archived message, for people and agents who cannot read MIME: its first text/plain part, or
 * its first text/html part when it has none. The exact message stays what the archive serves as message/rfc822.
 */
final class MessageText {

    private static final Session PARSING = Session.getInstance(new Properties());

    private MessageText() {
    }

    static String of(byte[] message) {
        try {
            MimeMessage parsed = new MimeMessage(PARSING, new ByteArrayInputStream(message));
            String plain = first(parsed, "text/plain");
            return plain != null ? plain : first(parsed, "text/html");
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException("An archived message does not parse as MIME: " + e.getMessage(), e);
        }
    }

    private static String first(Part part, String type) throws MessagingException, IOException {
        if (part.isMimeType(type) && !Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
            return part.getContent().toString();
        }
        if (part.isMimeType("multipart/*") && part.getContent() instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart child = multipart.getBodyPart(i);
                String text = first(child, type);
                if (text != null) {
                    return text;
                }
            }
        }
        return null;
    }
}
