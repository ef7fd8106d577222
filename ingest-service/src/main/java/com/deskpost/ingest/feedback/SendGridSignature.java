package com.deskpost.ingest.feedback;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * SendGrid's signed Event Webhook: {@code X-Twilio-Email-Event-Webhook-Signature} is a base64 ECDSA (P-256,
 * SHA-256, DER) signature over the {@code X-Twilio-Email-Event-Webhook-Timestamp} header's text followed by the raw
 * body, under the key pair SendGrid generates; its public half is shown in SendGrid's mail settings as base64 DER.
 */
final class SendGridSignature {

    static final String SIGNATURE_HEADER = "X-Twilio-Email-Event-Webhook-Signature";
    static final String TIMESTAMP_HEADER = "X-Twilio-Email-Event-Webhook-Timestamp";

    private final PublicKey key;

    SendGridSignature(String base64PublicKey) {
        try {
            String der = base64PublicKey.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            key = KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(der)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("deskpost.ingest.feedback.sendgrid.public-key is not the base64 "
                    + "verification key SendGrid shows for the signed Event Webhook", e);
        }
    }

    void verify(String signature, String timestamp, byte[] body) {
        if (signature == null || timestamp == null) {
            throw new WebhookRefused(WebhookRefused.Reason.UNAUTHORIZED, "Unsigned call: enable the signed Event "
                    + "Webhook in SendGrid so it sends " + SIGNATURE_HEADER + " and " + TIMESTAMP_HEADER);
        }
        boolean valid;
        try {
            Signature verifier = Signature.getInstance("SHA256withECDSA");
            verifier.initVerify(key);
            verifier.update(timestamp.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            verifier.update(body);
            valid = verifier.verify(Base64.getDecoder().decode(signature.strip()));
        } catch (GeneralSecurityException | IllegalArgumentException notASignature) {
            valid = false;
        }
        if (!valid) {
            throw new WebhookRefused(WebhookRefused.Reason.UNAUTHORIZED, "The " + SIGNATURE_HEADER + " does not "
                    + "match the timestamp and body: check that deskpost.ingest.feedback.sendgrid.public-key is the "
                    + "current verification key of the signed Event Webhook");
        }
    }

    /**
     * What identifies a call for replay protection: a digest of exactly what was signed. Not the signature itself:
     * an ECDSA signature can be re-encoded into another valid one ((r, s) and (r, n - s)), which would pass as new.
     */
    static String callId(String timestamp, byte[] body) {
        try {
            java.security.MessageDigest digest = java.security.MessageDigest.getInstance("SHA-256");
            digest.update(timestamp.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(digest.digest(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }

    static java.time.Instant at(String timestamp) {
        try {
            return java.time.Instant.ofEpochSecond(Long.parseLong(timestamp.strip()));
        } catch (NumberFormatException e) {
            throw WebhookJson.malformed(TIMESTAMP_HEADER, "not Unix seconds: \"" + timestamp + "\"");
        }
    }
}
