package com.deskpost.platform.attestation;

import com.deskpost.events.Attachment;
import com.deskpost.events.EmailDraft;
import com.deskpost.events.MailThread;
import com.deskpost.events.OutboundEmail;
import com.deskpost.events.Recipient;
import com.deskpost.events.Release;
import com.deskpost.schemas.proof.CanonicalMac;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What was approved is what is sent (DESIGN §4): oversight attests every record it writes to
 * {@code mail.outbound.*}, and delivery sends only records whose attestation matches. The
 * attestation is {@code v1:<key id>:<base64url HMAC-SHA256>} over the canonical encoding
 * ({@link CanonicalMac}) of everything delivery builds the mail from: draft id, effective mode,
 * released_by, copy_to, the recipient (email, name, member id, role), subject, both bodies,
 * attachments (name, type, bytes), credential values, category, location, template, event type,
 * supersede key and entity version, about_member_id and the thread. A record written by anyone
 * without the secret, or changed after release, does not match.
 *
 * <p>The key id is a fingerprint of the secret, so delivery can accept the current secret and
 * previous ones during a rotation and say which key a refused record names. Thread-safe: each
 * thread reuses its own MAC.
 */
public final class ReleaseAttestation {

    /** Shortest secret accepted. */
    public static final int MIN_SECRET_LENGTH = 16;

    static final String VERSION = "v1";
    private static final String LABEL = "deskpost/release/v1";

    private final Key current;
    private final Map<String, Key> accepted = new LinkedHashMap<>();

    public ReleaseAttestation(String secret, List<String> previousSecrets) {
        this.current = new Key(secret);
        accepted.put(current.id, current);
        for (String previous : previousSecrets) {
            Key key = new Key(previous);
            accepted.putIfAbsent(key.id, key);
        }
    }

    /** Id of the current key, as attestations name it. */
    public String keyId() {
        return current.id;
    }

    /** The released record, attested with the current secret. */
    public OutboundEmail release(EmailDraft draft, Release release) {
        return attest(OutboundEmail.newBuilder().setDraft(draft).setRelease(release).build());
    }

    /** A copy of the record carrying its attestation with the current secret (any attestation it had is replaced). */
    public OutboundEmail attest(OutboundEmail outbound) {
        return OutboundEmail.newBuilder(outbound).setAttestation(current.attestationOf(outbound)).build();
    }

    /**
     * Why the record must not be sent, or empty when its attestation matches it under the current
     * or a previous secret. Compared in constant time.
     */
    public Optional<String> problem(OutboundEmail outbound) {
        String attestation = outbound.getAttestation();
        if (attestation == null) {
            return Optional.of("Release attestation missing: the record was not released by oversight");
        }
        String[] parts = attestation.split(":", -1);
        if (parts.length != 3 || !VERSION.equals(parts[0])) {
            return Optional.of("Release attestation malformed (expected " + VERSION + ":<key id>:<mac>)");
        }
        Key key = accepted.get(parts[1]);
        if (key == null) {
            return Optional.of("Release attestation made with unknown key " + parts[1] + " (this delivery accepts "
                    + String.join(", ", accepted.keySet()) + "): not released by this oversight, or the secret"
                    + " was rotated without listing the old one in deskpost.attestation.previous-secrets");
        }
        byte[] claimed;
        try {
            claimed = Base64.getUrlDecoder().decode(parts[2]);
        } catch (IllegalArgumentException notBase64) {
            return Optional.of("Release attestation malformed: the MAC is not base64url");
        }
        if (!MessageDigest.isEqual(key.mac(outbound), claimed)) {
            return Optional.of("Release attestation does not match the record (key " + key.id
                    + "): it was changed after oversight released it");
        }
        return Optional.empty();
    }

    private static final class Key {

        private final String id;
        private final ThreadLocal<CanonicalMac> macs;

        Key(String secret) {
            if (secret == null || secret.length() < MIN_SECRET_LENGTH) {
                throw new IllegalArgumentException("deskpost.attestation secrets need at least " + MIN_SECRET_LENGTH
                        + " characters; generate one with: openssl rand -base64 32");
            }
            this.id = fingerprint(secret);
            CanonicalMac.keyed(secret); // fails here, at start-up, rather than on the first record
            this.macs = ThreadLocal.withInitial(() -> CanonicalMac.keyed(secret));
        }

        String attestationOf(OutboundEmail outbound) {
            return VERSION + ":" + id + ":" + Base64.getUrlEncoder().withoutPadding().encodeToString(mac(outbound));
        }

        byte[] mac(OutboundEmail outbound) {
            EmailDraft draft = outbound.getDraft();
            Release release = outbound.getRelease();
            Recipient recipient = draft.getRecipient();
            MailThread thread = draft.getThread();
            CanonicalMac mac = macs.get().start(LABEL)
                    .text(draft.getDraftId())
                    .text(release.getMode().name())
                    .text(release.getReleasedBy())
                    .text(release.getCopyTo())
                    .text(recipient.getEmail())
                    .text(recipient.getName())
                    .text(recipient.getMemberId())
                    .text(recipient.getRole().name())
                    .text(draft.getSubject())
                    .text(draft.getBodyText())
                    .text(draft.getBodyHtml())
                    .count(draft.getAttachments().size());
            for (Attachment attachment : draft.getAttachments()) {
                mac.text(attachment.getFilename()).text(attachment.getContentType()).bytes(attachment.getContent());
            }
            return mac.texts(draft.getSecrets())
                    .text(draft.getCategory().name())
                    .text(draft.getLocationId())
                    .text(draft.getTemplate())
                    .text(draft.getEventType())
                    .text(draft.getSupersedeKey())
                    .number(draft.getEntityVersion())
                    .text(draft.getAboutMemberId())
                    .text(thread == null ? null : thread.getThreadKey())
                    .text(thread == null ? null : thread.getInReplyTo())
                    .texts(thread == null ? null : thread.getReferences())
                    .finish();
        }

        /** 8 characters naming the secret without revealing it. */
        private static String fingerprint(String secret) {
            try {
                byte[] digest = MessageDigest.getInstance("SHA-256")
                        .digest(("deskpost/attestation-key-id\0" + secret).getBytes(StandardCharsets.UTF_8));
                return Base64.getUrlEncoder().withoutPadding().encodeToString(digest).substring(0, 8);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("The JDK offers no SHA-256", e);
            }
        }
    }
}
