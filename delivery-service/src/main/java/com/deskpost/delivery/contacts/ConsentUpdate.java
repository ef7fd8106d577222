package com.deskpost.delivery.contacts;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;

/**
 * A consent change as recorded, and the contact's tags after it.
 *
 * @param email the normalised address
 * @param tag the tag changed
 * @param action ADDED or REMOVED
 * @param source where the change came from
 * @param changedBy who made it: "api:<client>"
 * @param changedAt when it took effect
 * @param tags every tag the address carries now
 */
@Schema(description = "A consent change as recorded: effective now, announced on mail.consent within seconds")
public record ConsentUpdate(String email, String tag, String action, String source, String changedBy,
        Instant changedAt, List<String> tags) {
}
