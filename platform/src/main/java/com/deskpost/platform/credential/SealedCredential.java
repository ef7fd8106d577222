package com.deskpost.platform.credential;

import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A credential (door code, keycode, entry code) in its sealed form, the only form in which it travels
 * and rests: {@code sealed:v1:<key id>:<base64url of HPKE enc || ciphertext>}. It is HPKE base mode
 * (RFC 9180) with DHKEM(X25519, HKDF-SHA256), HKDF-SHA256 and AES-256-GCM, the associated data empty
 * and the info the {@link CredentialContext} of the location and member it belongs to, so a facility
 * system in any language can seal one with an RFC 9180 implementation and Deskpost's public key.
 *
 * @param keyId which of Deskpost's credential keys it was sealed for
 * @param payload the encapsulated key (32 bytes) followed by the AES-GCM ciphertext and tag
 */
public record SealedCredential(String keyId, byte[] payload) {

    public static final String PREFIX = "sealed:v1:";
    /** X25519 encapsulated key (32) + GCM tag (16): nothing shorter can be a sealed value. */
    static final int MIN_PAYLOAD = 48;
    private static final Pattern FORM = Pattern.compile("sealed:v1:([A-Za-z0-9._-]{1,64}):([A-Za-z0-9_-]+)");

    /** Whether the text claims to be sealed (it may still be malformed: {@link #parse} says). */
    public static boolean isSealed(String text) {
        return text != null && text.startsWith(PREFIX);
    }

    /** @throws IllegalArgumentException naming what is wrong with the text, never echoing it */
    public static SealedCredential parse(String text) {
        Matcher form = FORM.matcher(text == null ? "" : text);
        if (!form.matches()) {
            throw new IllegalArgumentException("a sealed credential has the form sealed:v1:<key id>:<base64url>,"
                    + " the key id of letters, digits, '.', '_' or '-'");
        }
        byte[] payload;
        try {
            payload = Base64.getUrlDecoder().decode(form.group(2));
        } catch (IllegalArgumentException notBase64) {
            throw new IllegalArgumentException("the sealed credential's payload is not base64url (RFC 4648 §5)");
        }
        if (payload.length < MIN_PAYLOAD) {
            throw new IllegalArgumentException("the sealed credential's payload has " + payload.length
                    + " bytes; HPKE with X25519 and AES-GCM gives at least " + MIN_PAYLOAD);
        }
        return new SealedCredential(form.group(1), payload);
    }

    /** The text form carried in events and drafts. */
    public String text() {
        return PREFIX + keyId + ":" + Base64.getUrlEncoder().withoutPadding().encodeToString(payload);
    }

    @Override
    public String toString() {
        return "SealedCredential[" + keyId + "]";
    }
}
