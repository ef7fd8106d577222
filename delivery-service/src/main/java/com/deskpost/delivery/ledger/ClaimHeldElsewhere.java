package com.deskpost.delivery.ledger;

/**
 * Another consumer holds a live claim on sending this draft to this recipient, and did not commit or release
 * it while this one waited: not bad input, nothing to dead-letter; the record is retried, and by the time the
 * claim's lease has run out its holder has either recorded the send (then it is skipped) or is gone (then
 * this consumer takes over).
 */
public class ClaimHeldElsewhere extends RuntimeException {

    public ClaimHeldElsewhere(String draftId, String recipient) {
        super("Draft " + draftId + " to " + recipient + " is being sent by another consumer (a live claim): retried");
    }
}
