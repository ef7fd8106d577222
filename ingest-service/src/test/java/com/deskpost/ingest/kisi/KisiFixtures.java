package com.deskpost.ingest.kisi;

import com.deskpost.ingest.auth.Hmacs;
import java.util.HexFormat;
import java.util.UUID;

/**
 * Kisi event bodies written from the shape docs.kisi.io documents ("Track unlocks using webhooks", sample webhook
 * payload; "Events" for the event types): uuid, actor, object, place, success, type, created_at, and for card events
 * the card holder among the references.
 */
final class KisiFixtures {

    private KisiFixtures() {
    }

    static String unlock(String uuid, long userId, String email, long placeId, String createdAt) {
        return """
                {"uuid": "%s", "actor_type": "User", "actor_id": %d, "actor_name": "Ada Kisi", "actor_email": "%s",
                 "object_type": "Lock", "object_id": 4711, "object_name": "Main Entrance", "organization_id": 3289,
                 "place_id": %d, "success": true, "type": "lock.unlock", "error_code": null, "error_message": null,
                 "created_at": "%s"}
                """.formatted(uuid, userId, email, placeId, createdAt);
    }

    static String card(String type, String uuid, long userId, long placeId, String createdAt) {
        return """
                {"uuid": "%s", "actor_type": "User", "actor_id": 1, "actor_name": "Front Desk",
                 "object_type": "Card", "object_id": 90210, "object_name": "Card 90210", "organization_id": 3289,
                 "place_id": %d, "success": true, "type": "%s", "created_at": "%s",
                 "references": [{"type": "User", "id": %d, "name": "Ada Kisi"}]}
                """.formatted(uuid, placeId, type, createdAt, userId);
    }

    static String forcedOpen(String uuid, long placeId, String createdAt) {
        return """
                {"uuid": "%s", "actor_type": null, "actor_id": null, "object_type": "Lock", "object_id": 4711,
                 "object_name": "Back Door", "organization_id": 3289, "place_id": %d, "success": true,
                 "type": "lock.forced_open", "created_at": "%s"}
                """.formatted(uuid, placeId, createdAt);
    }

    static String uuid() {
        return UUID.randomUUID().toString();
    }

    static String sign(String key, String body) {
        return HexFormat.of().formatHex(Hmacs.hmacSha256(key, Hmacs.utf8(body)));
    }
}
