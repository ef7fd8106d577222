package com.deskpost.ingest.nexudus;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How Nexudus's webhooks reach Deskpost. A Nexudus webhook is registered per location (Nexudus "business") and per
 * action; its URL names both ({@code ?action=BookingCreate&business=1234}), because Nexudus's payload carries only
 * the record. Coworkers Deskpost does not know yet become members under {@code memberIdPrefix + coworker id}; a
 * member the directory already lists under {@code external_ids.nexudus} (or by email) keeps its Deskpost id.
 *
 * @param webhookSecret   the shared secret of the Nexudus app that created the webhooks, with which Nexudus signs
 *                        {@code X-Nexudus-Hook-Signature}; blank: the endpoint answers 404
 * @param bookingIdPrefix put before Nexudus's booking id to form {@code booking_id}
 * @param memberIdPrefix  put before Nexudus's coworker id to form the {@code member_id} of a coworker the directory
 *                        does not know yet
 * @param locationIds     Nexudus business id to Deskpost location id; a business not listed keeps its id (unless
 *                        the location directory names it under {@code external_ids.nexudus})
 * @param dedupWindow     how long a Nexudus delivery is remembered, so its retry is answered "duplicate"
 * @param dedupCapacity   the most deliveries remembered; the oldest are dropped beyond
 * @param timeZone        the zone a Nexudus date-time without an offset is read in
 */
@ConfigurationProperties("deskpost.ingest.nexudus")
public record NexudusProperties(String webhookSecret, String bookingIdPrefix, String memberIdPrefix,
        Map<String, String> locationIds, Duration dedupWindow, Integer dedupCapacity, ZoneId timeZone) {

    public NexudusProperties {
        webhookSecret = webhookSecret == null ? "" : webhookSecret.strip();
        bookingIdPrefix = bookingIdPrefix == null ? "" : bookingIdPrefix;
        memberIdPrefix = memberIdPrefix == null ? "" : memberIdPrefix;
        locationIds = locationIds == null ? Map.of() : Map.copyOf(locationIds);
        dedupWindow = dedupWindow == null ? Duration.ofHours(72) : dedupWindow;
        dedupCapacity = dedupCapacity == null ? 100_000 : dedupCapacity;
        timeZone = timeZone == null ? ZoneId.of("UTC") : timeZone;
    }

    boolean enabled() {
        return !webhookSecret.isEmpty();
    }

    String locationId(String businessId) {
        return locationIds.getOrDefault(businessId, businessId);
    }
}
