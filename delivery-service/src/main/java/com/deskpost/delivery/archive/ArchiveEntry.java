package com.deskpost.delivery.archive;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;

/**
 * One archived message, without its content.
 *
 * @param sha256 lower-case hex SHA-256 of the exact bytes sent; the SENT / COPY_SENT audit row's archive_sha256
 * @param draftId the draft the mail was built from
 * @param recipient normalised envelope recipient; the keyed pseudonym after an erasure
 * @param kind SENT (to the draft's recipient) or COPY_SENT (staff copy)
 * @param category the draft's category, which sets the retention
 * @param messageId the Message-ID header
 * @param locationId the location the mail is about
 * @param subject as composed (a credential shows as its placeholder); absent after erasure
 * @param sentAt when the relay accepted it
 * @param sizeBytes size of the message as sent
 * @param retainedUntil when the retention job deletes it (send time plus the category's retention)
 * @param contentHeld whether the content can be fetched
 * @param withheld why not: erased, or credential (it held an access credential, whose value never rests here)
 */
@Schema(description = "A message the SMTP relay accepted, as the sent-mail archive keeps it")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ArchiveEntry(String sha256, String draftId, String recipient,
        @Schema(allowableValues = {"SENT", "COPY_SENT"}) String kind,
        @Schema(allowableValues = {"TRANSACTIONAL", "SECURITY", "COMMERCIAL"}) String category, String messageId,
        String locationId, String subject, Instant sentAt, int sizeBytes, Instant retainedUntil, boolean contentHeld,
        @Schema(allowableValues = {"erased", "credential"}) String withheld) {
}
