package com.deskpost.ingest.brivo;

import com.deskpost.ingest.vendor.OpeningHours;
import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How Brivo's event subscriptions reach Deskpost. Brivo's public API documentation (apidocs.brivo.com) says nothing of
 * how a receiver authenticates the POST (the subscription's secret word is stored encrypted, and no header or
 * signature carrying it is described), so the subscription's URL carries a secret ({@code ?token=}, or the
 * {@code X-Deskpost-Token} header from a relay) that Deskpost compares. Brivo flags no entry as after-hours, so the
 * operator gives each site's opening hours here; a site without them never yields an after-hours notice.
 *
 * @param webhookToken   the secret in the subscription URL registered with Brivo ({@code ?token=...}); blank: the
 *                       endpoint answers 404
 * @param memberIdPrefix put before Brivo's user id to form the member id of a user the directory does not know
 * @param locationIds    Brivo site id to Deskpost location id, where the directory has no {@code external_ids.brivo};
 *                       a site in neither keeps its Brivo id
 * @param openingHours   Brivo site id to {@code "<zone> <HH:mm>-<HH:mm>"}: a user's door access outside is after hours
 * @param dedupWindow    how long a Brivo event uuid is remembered, so Brivo's retry is answered "duplicate"
 * @param dedupCapacity  the most uuids remembered; the oldest are dropped beyond
 */
@ConfigurationProperties("deskpost.ingest.brivo")
public record BrivoProperties(String webhookToken, String memberIdPrefix, Map<String, String> locationIds,
        Map<String, String> openingHours, Duration dedupWindow, Integer dedupCapacity) {

    public BrivoProperties {
        webhookToken = webhookToken == null ? "" : webhookToken.strip();
        memberIdPrefix = memberIdPrefix == null ? "brivo-" : memberIdPrefix;
        locationIds = locationIds == null ? Map.of() : Map.copyOf(locationIds);
        openingHours = openingHours == null ? Map.of() : Map.copyOf(openingHours);
        dedupWindow = dedupWindow == null ? Duration.ofHours(72) : dedupWindow;
        dedupCapacity = dedupCapacity == null ? 100_000 : dedupCapacity;
    }

    boolean enabled() {
        return !webhookToken.isEmpty();
    }

    /** Each site's hours, parsed once (a malformed setting stops the start, naming the key). */
    Map<String, OpeningHours> hours() {
        return OpeningHours.parseAll(openingHours, "deskpost.ingest.brivo.opening-hours");
    }

    String locationId(String siteId) {
        return locationIds.getOrDefault(siteId, siteId);
    }
}
