package com.deskpost.ingest.cobot;

import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How Cobot's webhooks reach Deskpost. Cobot posts only the URL of the changed resource and signs nothing, so the
 * subscription's callback URL carries a secret ({@code ?token=}, or the {@code X-Deskpost-Token} header from a relay)
 * that Deskpost compares, and Deskpost fetches the resource itself with the operator's access token, from Cobot's API
 * host only (so a forged call cannot make Deskpost fetch an address of the caller's choosing).
 *
 * @param accessToken      the operator's Cobot API access token (scopes read_memberships, read_bookings,
 *                         read_invoices); blank: the endpoint answers 404
 * @param webhookToken     the secret in the callback URL registered with Cobot ({@code ?token=...}); blank: 404
 * @param allowedUrls      the only resource URLs Deskpost fetches (a regular expression, whole URL); by default
 *                         Cobot's API on a space's subdomain
 * @param memberIdPrefix   put before Cobot's membership id to form {@code member_id} when the directory does not
 *                         know the membership yet
 * @param bookingIdPrefix  put before Cobot's booking id to form {@code booking_id}
 * @param locationIds      Cobot space subdomain ({@code co-up} of co-up.cobot.me) to Deskpost location id; a space not
 *                         listed keeps its subdomain, unless the directory knows it as {@code {"cobot": subdomain}}
 * @param fetchTimeout     how long one fetch from Cobot may take before the webhook is answered 503 (Cobot retries)
 * @param dedupWindow      how long a resource version is remembered, so Cobot's retry is answered "duplicate"
 *                         (Cobot retries for up to 20 hours)
 * @param dedupCapacity    the most resource versions remembered; the oldest are dropped beyond
 */
@ConfigurationProperties("deskpost.ingest.cobot")
public record CobotProperties(String accessToken, String webhookToken, String allowedUrls, String memberIdPrefix,
        String bookingIdPrefix, Map<String, String> locationIds, Duration fetchTimeout, Duration dedupWindow,
        Integer dedupCapacity) {

    static final String DEFAULT_ALLOWED_URLS = "https://[a-z0-9][a-z0-9-]*\\.cobot\\.me/api/[A-Za-z0-9_/-]+";

    public CobotProperties {
        accessToken = accessToken == null ? "" : accessToken.strip();
        webhookToken = webhookToken == null ? "" : webhookToken.strip();
        allowedUrls = allowedUrls == null || allowedUrls.isBlank() ? DEFAULT_ALLOWED_URLS : allowedUrls.strip();
        memberIdPrefix = memberIdPrefix == null ? "" : memberIdPrefix;
        bookingIdPrefix = bookingIdPrefix == null ? "" : bookingIdPrefix;
        locationIds = locationIds == null ? Map.of() : Map.copyOf(locationIds);
        fetchTimeout = fetchTimeout == null ? Duration.ofSeconds(10) : fetchTimeout;
        dedupWindow = dedupWindow == null ? Duration.ofHours(24) : dedupWindow;
        dedupCapacity = dedupCapacity == null ? 100_000 : dedupCapacity;
    }

    boolean enabled() {
        return !accessToken.isEmpty() && !webhookToken.isEmpty();
    }

    Pattern allowed() {
        return Pattern.compile(allowedUrls);
    }

    String locationId(String space) {
        return locationIds.getOrDefault(space, space);
    }
}
