package com.deskpost.audit.query;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.Map;

/**
 * One row of the audit store.
 *
 * @param seq position in the hash chain
 * @param auditId the transition's id, unique
 * @param draftId the draft it concerns
 * @param type DRAFTED, HELD, RELEASED, APPROVED, REJECTED, EDITED, EXPIRED, SUPERSEDED, SENT, COPY_SENT,
 *     SUPPRESSED, FAILED, DEAD_LETTERED or SKIPPED_DUPLICATE
 * @param occurredAt when it happened
 * @param actor a service, "policy", or the member id of the person who decided
 * @param recipient the address concerned; {@code erased:<digest prefix>} after a GDPR erasure
 * @param detail the rule or reason in words; absent after a GDPR erasure
 * @param messageId Message-ID of the mail sent, for SENT and COPY_SENT
 * @param attributes mode, template, category, event type and the like
 */
@Schema(description = "One transition of one draft, from the hash-chained audit store")
public record AuditEntry(long seq, String auditId, String draftId,
        @Schema(example = "SENT") String type, Instant occurredAt, String actor, String recipient,
        String locationId, String threadKey, String correlationId, String messageId, String detail,
        Map<String, String> attributes) {
}
