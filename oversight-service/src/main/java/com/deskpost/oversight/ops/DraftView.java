package com.deskpost.oversight.ops;

import com.deskpost.events.OversightMode;
import com.deskpost.oversight.queue.HeldDraft;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * A held draft as the ops page shows it. Built only from the queue row's subject and preview, which
 * show a credential as its placeholder ⟦credential n⟧ (the draft carries it sealed): the page never
 * decodes the draft itself. Edits are offered only in gated_all (DESIGN §3.3).
 */
record DraftView(String draftId, String locationId, String mode, String reason, String requestedBy,
        String recipient, String subject, String preview, String excerpt, String heldAt, String expiresAt,
        String timeLeft, boolean urgent, boolean pending, boolean editable, String status, String decidedBy,
        String decidedAt, String decisionReason) {

    private static final int EXCERPT = 160;
    // Staff of several time zones share one queue; UTC, said so, is unambiguous for all of them.
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    static DraftView of(HeldDraft held, Instant now) {
        boolean pending = held.status() == HeldDraft.Status.PENDING;
        return new DraftView(held.draftId(), held.locationId(), words(held.mode()), held.reason(),
                held.requestedBy(), held.recipient(), held.subject(), held.previewText(),
                excerpt(held.previewText()), TIME.format(held.heldAt()), TIME.format(held.expiresAt()),
                TimeLeft.until(now, held.expiresAt()), pending && TimeLeft.urgent(now, held.expiresAt()), pending,
                pending && held.mode() == OversightMode.GATED_ALL, held.status().name().toLowerCase(Locale.ROOT),
                held.decidedBy(), held.decidedAt() == null ? null : TIME.format(held.decidedAt()),
                held.decisionReason());
    }

    /** As configured and documented: gated_send, not GATED_SEND. */
    private static String words(OversightMode mode) {
        return mode.name().toLowerCase(Locale.ROOT);
    }

    private static String excerpt(String text) {
        String flat = text.replaceAll("\\s+", " ").strip();
        return flat.length() <= EXCERPT ? flat : flat.substring(0, EXCERPT).stripTrailing() + "…";
    }
}
