package com.deskpost.ingest.officernd;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How OfficeRnD's webhooks reach Deskpost. OfficeRnD ids are used as Deskpost ids, so the directory OfficeRnD's
 * member and office webhooks fill matches its bookings at once; where the directory uses other ids, a prefix is put
 * before OfficeRnD's, and office ids map to location ids one by one.
 *
 * @param webhookSecret   the secret OfficeRnD shows when the webhook is registered; blank turns the
 *                        {@code officernd-signature} scheme off (Deskpost client credentials still work)
 * @param bookingIdPrefix put before OfficeRnD's booking {@code _id} to form {@code booking_id}
 * @param memberIdPrefix  put before OfficeRnD's member id to form {@code member_id}
 * @param locationIds     OfficeRnD office id to Deskpost location id; an office not listed keeps its id
 * @param locations       per OfficeRnD office id, the Location fields OfficeRnD's office does not carry (sender and
 *                        staff mailboxes, jurisdiction, ...) or carries in a form the contract cannot take
 * @param dedupWindow     how long an OfficeRnD event id is remembered, so a repeat is answered "duplicate"
 * @param dedupCapacity   the most event ids remembered; the oldest are dropped beyond
 */
@ConfigurationProperties("deskpost.ingest.officernd")
public record OfficeRndProperties(String webhookSecret, String bookingIdPrefix, String memberIdPrefix,
        Map<String, String> locationIds, Map<String, Office> locations, Duration dedupWindow, Integer dedupCapacity) {

    public OfficeRndProperties {
        webhookSecret = webhookSecret == null ? "" : webhookSecret;
        bookingIdPrefix = bookingIdPrefix == null ? "" : bookingIdPrefix;
        memberIdPrefix = memberIdPrefix == null ? "" : memberIdPrefix;
        locationIds = locationIds == null ? Map.of() : Map.copyOf(locationIds);
        locations = locations == null ? Map.of() : Map.copyOf(locations);
        dedupWindow = dedupWindow == null ? Duration.ofHours(72) : dedupWindow;
        dedupCapacity = dedupCapacity == null ? 100_000 : dedupCapacity;
    }

    /**
     * What the operator says about one OfficeRnD office, {@code deskpost.ingest.officernd.locations.<office id>.*}:
     * a Location field OfficeRnD's office webhook carries is taken from it; one it lacks is taken from here.
     */
    public record Office(String line1, String line2, String city, String region, String postalCode, String country,
            String timeZone, String jurisdiction, String senderMailbox, String senderName, String staffMailbox,
            List<String> approvers, String replyTo, String defaultLocale) {

        static final Office NONE = new Office(null, null, null, null, null, null, null, null, null, null, null, null,
                null, null);

        public Office {
            approvers = approvers == null ? List.of() : List.copyOf(approvers);
        }
    }

    String locationId(String officeId) {
        return locationIds.getOrDefault(officeId, officeId);
    }

    Office office(String officeId) {
        return locations.getOrDefault(officeId, Office.NONE);
    }
}
