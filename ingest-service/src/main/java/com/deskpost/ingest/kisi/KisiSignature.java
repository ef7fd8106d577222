package com.deskpost.ingest.kisi;

import com.deskpost.ingest.auth.Hmacs;
import com.deskpost.ingest.web.ApiException;
import org.springframework.http.HttpStatus;

/**
 * Kisi's event webhook signature (docs.kisi.io, "Send Kisi events with customizable webhooks" and "Track unlocks
 * using webhooks"): with a signature key set on the integration, Kisi sends {@code X-Signature}, the HMAC-SHA256 of
 * the JSON body under that key, hex-encoded; compared in constant time.
 *
 * <p>Kisi signs no timestamp, so a captured call cannot be told stale by its signature: a replay within the dedup
 * window is answered {@code duplicate}, and one after it yields the same event id (named from Kisi's {@code uuid}),
 * so the same drafts, which delivery sends once.
 */
final class KisiSignature {

    static final String HEADER = "X-Signature";

    private KisiSignature() {
    }

    static void verify(String header, byte[] body, String key) {
        if (header == null || header.isBlank()) {
            throw new ApiException(HttpStatus.UNAUTHORIZED, "unauthorized", "The " + HEADER + " header is missing: "
                    + "set the signature key on the Kisi Event Webhook integration (Settings > Integrations) to "
                    + "deskpost.ingest.kisi.signature-key, so Kisi signs every call");
        }
        if (!Hmacs.matchesHex(Hmacs.hmacSha256(key, body), header)) {
            throw new ApiException(HttpStatus.UNAUTHORIZED, "unauthorized", "The " + HEADER + " signature does "
                    + "not match the body: check that deskpost.ingest.kisi.signature-key is the signature key set on "
                    + "the Kisi Event Webhook integration");
        }
    }
}
