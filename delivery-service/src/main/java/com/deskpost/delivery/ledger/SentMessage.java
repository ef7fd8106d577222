package com.deskpost.delivery.ledger;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;

/**
 * A mail the SMTP server accepted, as the idempotency ledger recorded it.
 *
 * @param draftId the draft the mail was built from
 * @param recipient normalised envelope recipient; {@code erased:<digest prefix>} after a GDPR erasure
 * @param kind PRIMARY (to the draft's recipient), COPY (staff copy) or ALERT (staff alert about a refused mail)
 * @param messageId the Message-ID header, stable per draft
 * @param sentAt when the SMTP server accepted it
 * @param subject the subject as composed (a credential shows as its placeholder, never the value); absent for alerts and after erasure
 * @param locationId the location the mail is about
 * @param threadKey the conversation it belongs to, e.g. booking:B-1042
 */
@Schema(description = "A mail the SMTP server accepted (250), from the idempotency ledger")
public record SentMessage(String draftId, String recipient,
        @Schema(allowableValues = {"PRIMARY", "COPY", "ALERT"}) String kind, String messageId, Instant sentAt,
        String subject, String locationId, String threadKey) {
}
