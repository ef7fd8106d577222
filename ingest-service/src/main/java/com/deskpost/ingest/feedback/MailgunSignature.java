package com.deskpost.ingest.feedback;

import com.deskpost.ingest.auth.Hmacs;
import java.time.Instant;
import tools.jackson.databind.JsonNode;

/**
 * Mailgun's webhook signature, inside the body: {@code signature: {timestamp, token, signature}}, where
 * {@code signature} is the hex HMAC-SHA256 of {@code timestamp} followed by {@code token} (no separator) under the
 * account's HTTP webhook signing key. The token is random per call, so it identifies the call for replay protection.
 */
record MailgunSignature(String timestamp, String token, String signature) {

    static MailgunSignature from(JsonNode body) {
        if (!body.isObject()) {
            throw WebhookJson.malformed("$", "expected Mailgun's webhook object with signature and event-data");
        }
        JsonNode signature = WebhookJson.object(body, "$", "signature");
        return new MailgunSignature(WebhookJson.text(signature, "$.signature", "timestamp"),
                WebhookJson.text(signature, "$.signature", "token"),
                WebhookJson.text(signature, "$.signature", "signature"));
    }

    void verify(String signingKey) {
        byte[] expected = Hmacs.hmacSha256(signingKey, Hmacs.utf8(timestamp), Hmacs.utf8(token));
        if (!Hmacs.matchesHex(expected, signature)) {
            throw new WebhookRefused(WebhookRefused.Reason.UNAUTHORIZED, "Mailgun's signature does not match "
                    + "timestamp and token: check that deskpost.ingest.feedback.mailgun.signing-key is the account's "
                    + "current HTTP webhook signing key");
        }
    }

    Instant at() {
        try {
            return Instant.ofEpochSecond(Long.parseLong(timestamp.strip()));
        } catch (NumberFormatException e) {
            throw WebhookJson.malformed("$.signature.timestamp", "not Unix seconds: \"" + timestamp + "\"");
        }
    }
}
