package com.deskpost.ingest.kisi;

import com.deskpost.ingest.vendor.OpeningHours;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How Kisi's event webhook reaches Deskpost. Kisi flags no entry as after-hours, so the operator gives each place's
 * opening hours here; a place without them never yields an after-hours notice.
 *
 * @param signatureKey   the signature key entered on the Kisi Event Webhook integration; blank: the endpoint answers
 *                       404 (an unsigned Kisi webhook is not accepted)
 * @param memberIdPrefix put before Kisi's user id to form the member id of a user the directory does not know
 * @param locationIds    Kisi place id to Deskpost location id, where the directory has no {@code external_ids.kisi};
 *                       a place in neither keeps its Kisi id
 * @param openingHours   Kisi place id to {@code "<zone> <HH:mm>-<HH:mm>"}: an unlock outside is after hours
 * @param dedupWindow    how long a Kisi event uuid is remembered, so Kisi's repeat is answered "duplicate"
 * @param dedupCapacity  the most uuids remembered; the oldest are dropped beyond
 */
@ConfigurationProperties("deskpost.ingest.kisi")
public record KisiProperties(String signatureKey, String memberIdPrefix, Map<String, String> locationIds,
        Map<String, String> openingHours, Duration dedupWindow, Integer dedupCapacity) {

    public KisiProperties {
        signatureKey = signatureKey == null ? "" : signatureKey.strip();
        memberIdPrefix = memberIdPrefix == null ? "kisi-" : memberIdPrefix;
        locationIds = locationIds == null ? Map.of() : Map.copyOf(locationIds);
        openingHours = openingHours == null ? Map.of() : Map.copyOf(openingHours);
        dedupWindow = dedupWindow == null ? Duration.ofHours(72) : dedupWindow;
        dedupCapacity = dedupCapacity == null ? 100_000 : dedupCapacity;
    }

    boolean enabled() {
        return !signatureKey.isEmpty();
    }

    /** Each place's hours, parsed once (a malformed setting stops the start, naming the key). */
    Map<String, OpeningHours> hours() {
        return OpeningHours.parseAll(openingHours, "deskpost.ingest.kisi.opening-hours");
    }

    Optional<String> configuredLocation(String placeId) {
        return Optional.ofNullable(locationIds.get(placeId));
    }
}
