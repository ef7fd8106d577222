package com.deskpost.delivery.sending.dkim;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.simplejavamail.utils.mail.dkim.DkimMessage;
import org.simplejavamail.utils.mail.dkim.DkimSigner;

/**
 * A copy of a finished message that adds its {@code DKIM-Signature} as it is written to the relay,
 * over exactly the bytes written. It keeps the Message-ID of the message it copies: Jakarta Mail
 * would otherwise give it a random one on a later save (Angus Mail saves again when it converts a
 * message to 8BITMIME), and the ledger and audit name the original id.
 */
final class SignedMessage extends DkimMessage {

    SignedMessage(MimeMessage message, DkimSigner signer) throws MessagingException {
        super(message, signer);
    }

    @Override
    protected void updateMessageID() {
        // The copied headers already carry the stable Message-ID.
    }
}
