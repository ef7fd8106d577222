package com.deskpost.oversight.ops;

import com.deskpost.events.OversightMode;
import com.deskpost.oversight.queue.HeldDraft;
import com.deskpost.oversight.queue.HeldDraft.Status;
import java.time.Duration;
import java.time.Instant;

/** A queue row for a master keycode reset held at London, as the queue stores it (already masked). */
final class HeldDrafts {

    static final Instant NOW = Instant.parse("2026-03-03T09:00:00Z");

    private String draftId = "7f3c2a10-0000-4000-8000-000000000001";
    private OversightMode mode = OversightMode.GATED_SEND;
    private String subject = "Your master keycode was reset";
    private String preview = "Hello Ada,\nthe new master keycode is ⟦credential 1⟧.\nDeskpost Shoreditch";
    private Duration expiresIn = Duration.ofHours(23).plusMinutes(59);
    private Status status = Status.PENDING;
    private String decidedBy;
    private String decisionReason;

    private HeldDrafts() {
    }

    static HeldDrafts aHeldDraft() {
        return new HeldDrafts();
    }

    HeldDrafts id(String draftId) {
        this.draftId = draftId;
        return this;
    }

    HeldDrafts mode(OversightMode mode) {
        this.mode = mode;
        return this;
    }

    HeldDrafts subject(String subject) {
        this.subject = subject;
        return this;
    }

    HeldDrafts preview(String preview) {
        this.preview = preview;
        return this;
    }

    HeldDrafts expiresIn(Duration expiresIn) {
        this.expiresIn = expiresIn;
        return this;
    }

    HeldDrafts decided(Status status, String decidedBy, String reason) {
        this.status = status;
        this.decidedBy = decidedBy;
        this.decisionReason = reason;
        return this;
    }

    HeldDraft build() {
        boolean decided = status != Status.PENDING;
        return new HeldDraft(draftId, "LDN-1", mode, "event type master_keycode_reset has floor gated_send",
                "access-composer", "ada@example.com", subject, preview, "access:M-7", 4, new byte[0],
                NOW.minus(Duration.ofMinutes(1)), NOW.plus(expiresIn), status, decidedBy,
                decided ? NOW : null, decided ? "d-1" : null, decisionReason);
    }
}
