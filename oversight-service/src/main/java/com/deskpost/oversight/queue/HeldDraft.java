package com.deskpost.oversight.queue;

import com.deskpost.events.OversightMode;
import java.time.Instant;

/**
 * One draft waiting in the approval queue, as staff see it: where the mail shows a credential, subject and
 * preview show its placeholder ⟦credential n⟧, and the draft carries it only sealed. Only a PENDING draft has its
 * {@code draft} bytes (the mail as composed, Confluent-framed Avro): a decided one keeps an empty array, since the
 * decision that moved it released or dropped the mail and the queue keeps no copy of it, credentials included.
 */
public record HeldDraft(String draftId, String locationId, OversightMode mode, String reason, String requestedBy,
        String recipient, String subject, String previewText, String supersedeKey, long entityVersion,
        byte[] draft, Instant heldAt, Instant expiresAt, Status status, String decidedBy, Instant decidedAt,
        String decisionId, String decisionReason) {

    /** The subject a draft keeps once its recipient is erased (GDPR): its own could name the person. */
    public static final String ERASED_SUBJECT = "(erased)";

    /** This draft as its row reads after the recipient's erasure: pseudonym, no subject, preview or draft. */
    public HeldDraft erased(String pseudonym) {
        return new HeldDraft(draftId, locationId, mode, reason, requestedBy, pseudonym, ERASED_SUBJECT, "",
                supersedeKey, entityVersion, new byte[0], heldAt, expiresAt, status, decidedBy, decidedAt,
                decisionId, decisionReason);
    }

    /** Where a held draft stands; it leaves PENDING exactly once. */
    public enum Status { PENDING, APPROVED, REJECTED, EXPIRED, SUPERSEDED, CANCELLED }
}
