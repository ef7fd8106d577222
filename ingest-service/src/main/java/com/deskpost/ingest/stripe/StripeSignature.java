package com.deskpost.ingest.stripe;

import com.deskpost.ingest.auth.Hmacs;
import com.deskpost.ingest.web.ApiException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.HttpStatus;

/**
 * Stripe's webhook signature, header {@code Stripe-Signature: t=<unix seconds>,v1=<hex>[,v1=<hex>...][,v0=...]}, as
 * Stripe documents checking it by hand: the expected signature is the hex HMAC-SHA256 of {@code "<t>.<raw body>"}
 * under the endpoint's signing secret; the call is authentic if any {@code v1} entry equals it (Stripe sends one per
 * active secret while a secret is rolled) under any configured secret, compared in constant time; other schemes
 * ({@code v0}, test-mode only) are ignored. A timestamp more than the tolerance away from the server's clock is
 * refused even with a valid signature, so a captured call cannot be replayed later.
 *
 * <p>Hand-written rather than Stripe's SDK ({@code com.stripe:stripe-java}): the check is twenty lines on the HMAC
 * helper every ingest signature uses, and the SDK would pull Stripe's whole API client into the service for it.
 */
final class StripeSignature {

    static final String HEADER = "Stripe-Signature";

    private StripeSignature() {
    }

    /** A parsed header: the signed time and every {@code v1} signature in it. */
    record Header(long timestamp, List<String> signatures) {
    }

    /** The header's parts, or 400 naming what is missing: nothing was checked yet, the call is not Stripe's format. */
    static Header parse(String header) {
        if (header == null || header.isBlank()) {
            throw malformed("The " + HEADER + " header is missing: Stripe signs every webhook call; is this endpoint "
                    + "registered in Stripe, and does a proxy strip the header?");
        }
        Long timestamp = null;
        List<String> signatures = new ArrayList<>();
        for (String part : header.split(",")) {
            int eq = part.indexOf('=');
            if (eq <= 0) {
                continue;
            }
            String name = part.substring(0, eq).strip();
            String value = part.substring(eq + 1).strip();
            if ("t".equals(name)) {
                if (timestamp != null || !value.matches("\\d{1,12}")) {
                    throw malformed("The " + HEADER + " header's t must be one Unix time in seconds");
                }
                timestamp = Long.parseLong(value);
            } else if ("v1".equals(name)) {
                signatures.add(value);
            }
        }
        if (timestamp == null || signatures.isEmpty()) {
            throw malformed("The " + HEADER + " header must read t=<unix seconds>,v1=<hex HMAC-SHA256>");
        }
        return new Header(timestamp, List.copyOf(signatures));
    }

    /** Refuses the call (401) unless a {@code v1} signature matches the body under one of the secrets, in time. */
    static void verify(Header header, byte[] body, List<String> secrets, Duration tolerance, Clock clock) {
        byte[] t = Hmacs.utf8(header.timestamp() + ".");
        boolean matches = false;
        for (String secret : secrets) {
            byte[] expected = Hmacs.hmacSha256(secret, t, body);
            for (String signature : header.signatures()) {
                // Every pair is compared (no early exit), so timing says nothing about which secret matched.
                matches |= Hmacs.matchesHex(expected, signature);
            }
        }
        if (!matches) {
            throw new ApiException(HttpStatus.UNAUTHORIZED, "unauthorized", "No v1 signature of the "
                    + HEADER + " header matches the body: check that deskpost.ingest.stripe.webhook-secrets holds the "
                    + "endpoint's signing secret (whsec_...) Stripe shows for this endpoint");
        }
        Instant signedAt = Instant.ofEpochSecond(header.timestamp());
        long skew = Math.abs(Duration.between(signedAt, clock.instant()).toSeconds());
        if (skew > tolerance.toSeconds()) {
            throw new ApiException(HttpStatus.UNAUTHORIZED, "stale_signature", "The call was signed at " + signedAt
                    + ", " + skew + " s from the server's clock; at most " + tolerance.toSeconds() + " s are accepted "
                    + "(deskpost.ingest.stripe.tolerance): check the server's clock, or the call is a replay. Stripe "
                    + "signs each retry afresh, so its own retries are not affected");
        }
    }

    private static ApiException malformed(String message) {
        return new ApiException(HttpStatus.BAD_REQUEST, "malformed_signature", message);
    }
}
