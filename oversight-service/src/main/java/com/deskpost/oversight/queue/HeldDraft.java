package com.deskpost.oversight.queue;

import com.deskpost.events.OversightMode;
import java.time.Instant;

/** One draft waiting in the approval queue, as staff see it (credential values masked). */
public record HeldDraft(String draftId, String locationId, OversightMode mode, String reason, String requestedBy,
        String recipient, String subject, String previewText, String supersedeKey, long entityVersion,
        byte[] draft, Instant heldAt, Instant expiresAt, Status status, String decidedBy, Instant decidedAt,
        String decisionId, String decisionReason) {

    /** Where a held draft stands; it leaves PENDING exactly once. */
    public enum Status { PENDING, APPROVED, REJECTED, EXPIRED, SUPERSEDED, CANCELLED }
}
