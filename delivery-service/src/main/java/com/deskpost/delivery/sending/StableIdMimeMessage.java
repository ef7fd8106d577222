package com.deskpost.delivery.sending;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import org.eclipse.angus.mail.smtp.SMTPMessage;

/**
 * A message whose Message-ID is fixed by us: Jakarta Mail otherwise replaces it with a random one
 * on every save, and a stable id derived from the draft id lets receivers and audits match resends.
 * An {@link SMTPMessage}, so the sender can give it its own envelope sender (the signed return path).
 */
final class StableIdMimeMessage extends SMTPMessage {

    private final String messageId;

    StableIdMimeMessage(Session session, String messageId) {
        super(session);
        this.messageId = messageId;
    }

    @Override
    protected void updateMessageID() throws MessagingException {
        setHeader("Message-ID", messageId);
    }
}
