package com.deskpost.ingest.cobot;

import com.deskpost.events.EventHeader;
import com.deskpost.ingest.vendor.Fields;
import com.deskpost.ingest.vendor.VendorWebhooks;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * One resource fetched from Cobot: which kind it is (from its URL's path: {@code /api/memberships/<id>},
 * {@code /api/bookings/<id>}, {@code /api/invoices/<id>}), the space it belongs to (the URL's subdomain), its JSON.
 *
 * <p>Cobot's webhook carries no event id, so a change is identified by the resource's URL and its {@code updated_at}
 * (else a digest of the resource as fetched): Cobot's retry of a webhook, or a second webhook about the same unchanged
 * resource, is the same change, and is acknowledged as a duplicate. The header's event id is a name-based UUID of that
 * identity; the entity version and occurred_at are the resource's {@code updated_at} (else {@code created_at}), when
 * it changed at Cobot, not when Deskpost heard of it.
 */
record CobotResource(URI url, String space, String kind, JsonNode json, String raw) {

    static final String SOURCE = "cobot-webhook";
    static final String ROOT = "$";

    /** The change's identity: what Cobot's retries of one webhook, and repeats about one version, share. */
    String identity() {
        return url + "@" + updatedAt().map(Instant::toString).orElseGet(this::digest);
    }

    Optional<Instant> updatedAt() {
        return CobotJson.optionalInstant(json, ROOT, "updated_at")
                .or(() -> CobotJson.optionalInstant(json, ROOT, "created_at"));
    }

    String id() {
        return CobotJson.optionalString(json, ROOT, "id").orElseGet(() -> Fields.text(json, ROOT, "id"));
    }

    EventHeader header(String locationId, Instant fetchedAt) {
        Instant changed = updatedAt().orElse(fetchedAt);
        return EventHeader.newBuilder()
                .setEventId(VendorWebhooks.eventId("cobot", identity()))
                .setOccurredAt(changed)
                .setSource(SOURCE)
                .setEntityVersion(changed.toEpochMilli())
                .setLocationId(locationId)
                .setCorrelationId("cobot:" + url)
                .build();
    }

    private String digest() {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(raw.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}
