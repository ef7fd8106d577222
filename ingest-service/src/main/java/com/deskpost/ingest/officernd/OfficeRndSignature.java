package com.deskpost.ingest.officernd;

import com.deskpost.ingest.auth.AuthenticationFailed;
import com.deskpost.ingest.auth.Authenticator;
import com.deskpost.ingest.auth.Hmacs;
import com.deskpost.ingest.auth.SignatureHeader;
import java.time.Clock;
import java.time.Duration;

/**
 * OfficeRnD's webhook signature, header {@code officernd-signature}. OfficeRnD documents two
 * layouts: {@code t=<unix seconds>,signature=<hex HMAC-SHA256 of "<raw body>.<t>">} (API v1
 * webhooks getting-started example) and {@code t=<unix seconds>,v1=<hex HMAC-SHA256 of
 * "<t>.<raw body>">} (Flex API v2); both are accepted, within the same timestamp tolerance as
 * Deskpost's own signatures, compared in constant time.
 */
final class OfficeRndSignature {

    static final String HEADER = "officernd-signature";

    private OfficeRndSignature() {
    }

    static void verify(String header, byte[] body, String secret, Duration tolerance, Clock clock) {
        if (secret.isBlank()) {
            throw new AuthenticationFailed("OfficeRnD signatures are not enabled here: the operator sets "
                    + "deskpost.ingest.officernd.webhook-secret to the secret OfficeRnD shows for the webhook");
        }
        SignatureHeader signature = SignatureHeader.parse(header, "v1", "signature")
                .orElseThrow(() -> new AuthenticationFailed(HEADER + " must read t=<unix seconds>,v1=<hex>"
                        + " or t=<unix seconds>,signature=<hex>"));
        Authenticator.requireFresh(signature.timestamp(), tolerance, clock);
        byte[] t = Hmacs.utf8(Long.toString(signature.timestamp()));
        byte[] expected = "v1".equals(signature.scheme())
                ? Hmacs.hmacSha256(secret, t, Hmacs.utf8("."), body)
                : Hmacs.hmacSha256(secret, body, Hmacs.utf8("."), t);
        if (!Hmacs.matchesHex(expected, signature.mac())) {
            throw new AuthenticationFailed("The " + HEADER + " signature does not match the body: check that "
                    + "deskpost.ingest.officernd.webhook-secret is the webhook's current secret");
        }
    }
}
