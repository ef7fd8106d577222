package com.deskpost.delivery.ledger;

/**
 * A consumer's claim on sending one draft to one recipient, held from before the SMTP transaction until
 * the ledger row commits ({@link DeliveryLedger#recordSent}) or the send fails ({@link DeliveryLedger#release}).
 *
 * @param claimant who holds it: this instance and its consumer thread
 * @param claimedNanos when it was granted ({@link System#nanoTime}), for the duplicate-window timer
 * @param recorded false with the ledger off (bench): nothing was written, nothing to release
 */
public record Claim(String draftId, String recipient, String claimant, long claimedNanos, boolean recorded) {
}
