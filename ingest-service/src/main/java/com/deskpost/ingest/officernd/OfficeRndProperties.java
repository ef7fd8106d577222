package com.deskpost.ingest.officernd;

import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How OfficeRnD's booking webhook reaches Deskpost. OfficeRnD ids are used as Deskpost ids, so a
 * member directory fed from OfficeRnD (its member {@code _id} as {@code member_id}) matches at
 * once; where the directory uses other ids, a prefix is put before OfficeRnD's, and office ids map
 * to location ids one by one.
 *
 * @param webhookSecret   the secret OfficeRnD shows when the webhook is registered; blank turns the
 *                        {@code officernd-signature} scheme off (Deskpost client credentials still work)
 * @param bookingIdPrefix put before OfficeRnD's booking {@code _id} to form {@code booking_id}
 * @param memberIdPrefix  put before OfficeRnD's member id to form {@code member_id}
 * @param locationIds     OfficeRnD office id to Deskpost location id; an office not listed keeps its id
 */
@ConfigurationProperties("deskpost.ingest.officernd")
public record OfficeRndProperties(String webhookSecret, String bookingIdPrefix, String memberIdPrefix,
        Map<String, String> locationIds) {

    public OfficeRndProperties {
        webhookSecret = webhookSecret == null ? "" : webhookSecret;
        bookingIdPrefix = bookingIdPrefix == null ? "" : bookingIdPrefix;
        memberIdPrefix = memberIdPrefix == null ? "" : memberIdPrefix;
        locationIds = locationIds == null ? Map.of() : Map.copyOf(locationIds);
    }

    String locationId(String officeId) {
        return locationIds.getOrDefault(officeId, officeId);
    }
}
