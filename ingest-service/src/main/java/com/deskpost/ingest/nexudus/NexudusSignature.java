package com.deskpost.ingest.nexudus;

import com.deskpost.ingest.auth.AuthenticationFailed;
import com.deskpost.ingest.auth.Hmacs;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * Nexudus's webhook signature, header {@code X-Nexudus-Hook-Signature}, as Nexudus documents generating it
 * (help.nexudus.com, "Verifying Webhooks Created via the API"): the HMAC-SHA256 of the request's JSON (the record in a
 * one-element array) under the app's shared secret, both taken as ASCII, written as upper-case hex. The digest is
 * compared in constant time over the raw body; because .NET's ASCII encoding turns every non-ASCII character into
 * {@code ?} before hashing, a body with such characters (a coworker named "Zoë") is also checked in that form.
 *
 * <p>The scheme signs no time, so a captured call stays valid: replays are answered "duplicate" within the dedup
 * window and, beyond it, yield the same event id (and so the same drafts, which delivery sends once).
 */
final class NexudusSignature {

    static final String HEADER = "X-Nexudus-Hook-Signature";

    private NexudusSignature() {
    }

    static void verify(String header, byte[] body, String secret) {
        if (header == null || header.isBlank()) {
            throw new AuthenticationFailed(HEADER + " is missing: register the webhook through a Nexudus app that has "
                    + "a shared secret, and set deskpost.ingest.nexudus.webhook-secret to it");
        }
        if (!Hmacs.matchesHex(mac(secret, body), header)
                && !Hmacs.matchesHex(mac(secret, asNexudusAscii(body)), header)) {
            throw new AuthenticationFailed("The " + HEADER + " signature does not match the body: check that "
                    + "deskpost.ingest.nexudus.webhook-secret is the shared secret of the Nexudus app");
        }
    }

    /** What Nexudus puts in the header for {@code body}: upper-case hex. */
    static String sign(String secret, byte[] body) {
        return HexFormat.of().withUpperCase().formatHex(mac(secret, body));
    }

    private static byte[] mac(String secret, byte[] body) {
        return Hmacs.hmacSha256(asciiSecret(secret), body);
    }

    /** The secret as .NET's ASCII encoding sees it (Hmacs keys with UTF-8, which is the same for ASCII). */
    private static String asciiSecret(String secret) {
        return new String(asNexudusAscii(secret.getBytes(StandardCharsets.UTF_8)), StandardCharsets.US_ASCII);
    }

    /** UTF-8 bytes as .NET's {@code ASCIIEncoding} would produce them from the same text: non-ASCII as '?'. */
    static byte[] asNexudusAscii(byte[] utf8) {
        String text = new String(utf8, StandardCharsets.UTF_8);
        StringBuilder ascii = new StringBuilder(text.length());
        text.codePoints().forEach(c -> ascii.append(c < 0x80 ? (char) c : '?'));
        return ascii.toString().getBytes(StandardCharsets.US_ASCII);
    }
}
