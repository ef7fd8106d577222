package com.deskpost.delivery.sending.dkim;

import com.deskpost.delivery.sending.DeliveryProperties;
import com.deskpost.delivery.sending.dkim.DkimKeys.SigningKey;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.simplejavamail.utils.mail.dkim.Canonicalization;
import org.simplejavamail.utils.mail.dkim.DkimException;
import org.simplejavamail.utils.mail.dkim.DkimSigner;
import org.simplejavamail.utils.mail.dkim.SigningAlgorithm;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * DKIM (RFC 6376) for outbound mail: a message whose From domain has a key is signed with it
 * ({@code d=} that domain, rsa-sha256, relaxed/relaxed), so receivers can verify mail that went
 * through a plain SMTP relay; mail from a domain without a key goes out unsigned, noted once per
 * domain. The signature is made while the finished message is written to the relay, so it covers
 * the final headers (the stable Message-ID, Date) and exactly the body bytes sent.
 *
 * <p>Keys are parsed once, at start-up; each message gets a signer of its own because the library's
 * signer keeps digest state and must not be shared between sending threads.
 */
public final class DkimSigning {

    private static final Logger log = LoggerFactory.getLogger(DkimSigning.class);

    /**
     * Signed when present. List-Unsubscribe-Post must be (RFC 8058 §4), or a one-click unsubscribe
     * could be added to someone else's mail; the rest are what a receiver shows or threads by.
     */
    static final List<String> SIGNED_HEADERS = List.of("From", "To", "Cc", "Subject", "Date", "Message-ID",
            "MIME-Version", "Content-Type", "Content-Transfer-Encoding", "Reply-To", "List-Unsubscribe",
            "List-Unsubscribe-Post", "In-Reply-To", "References", "Auto-Submitted");

    private final Map<String, SigningKey> keys;
    private final Set<String> unsignedDomains = ConcurrentHashMap.newKeySet();

    private DkimSigning(Map<String, SigningKey> keys) {
        this.keys = keys;
    }

    /** @throws InvalidDkimSettings naming the setting that cannot be used */
    public static DkimSigning from(DeliveryProperties.Dkim settings) {
        Map<String, SigningKey> keys = DkimKeys.load(settings.keys());
        for (SigningKey key : keys.values()) {
            try {
                signer(key);
            } catch (DkimException e) {
                throw new InvalidDkimSettings("cannot sign for " + key.domain() + ": " + e.getMessage(), e);
            }
            log.info("DKIM: mail from {} is signed with selector {} (RSA, {} bits)", key.domain(), key.selector(),
                    key.privateKey().getModulus().bitLength());
        }
        return new DkimSigning(Map.copyOf(keys));
    }

    /** The message to hand to the relay: signed when its sender domain has a key, else the message itself. */
    public MimeMessage sign(MimeMessage message) throws MessagingException {
        String domain = senderDomain(message);
        SigningKey key = domain == null ? null : keys.get(domain);
        if (key == null) {
            if (unsignedDomains.add(String.valueOf(domain))) {
                log.info("DKIM: no key for sender domain {}, its mail is sent unsigned", domain);
            }
            return message;
        }
        return new SignedMessage(message, signer(key));
    }

    private static String senderDomain(MimeMessage message) throws MessagingException {
        Address[] from = message.getFrom();
        if (from == null || from.length == 0 || !(from[0] instanceof InternetAddress sender)) {
            return null;
        }
        String address = sender.getAddress();
        int at = address == null ? -1 : address.lastIndexOf('@');
        return at < 0 ? null : address.substring(at + 1).toLowerCase(Locale.ROOT);
    }

    private static DkimSigner signer(SigningKey key) {
        DkimSigner signer = new DkimSigner(key.domain(), key.selector(), key.privateKey());
        signer.setSigningAlgorithm(SigningAlgorithm.SHA256_WITH_RSA);
        signer.setHeaderCanonicalization(Canonicalization.RELAXED);
        signer.setBodyCanonicalization(Canonicalization.RELAXED);
        // Its check would look the public key up in DNS for every message; publishing it is an operator's step.
        signer.setCheckDomainKey(false);
        SIGNED_HEADERS.forEach(signer::addHeaderToSign);
        return signer;
    }
}
