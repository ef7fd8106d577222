package com.deskpost.ops.redrive;

import com.deskpost.ops.deadletter.DeadLetter;

/**
 * What a redrive did with one dead letter.
 *
 * @param partition its partition in the dead-letter topic
 * @param offset its offset there
 * @param key its key
 * @param target where it was (or would be) sent, or null when skipped
 * @param skipped why it was not redriven, or null
 * @param deadLetter its headers, or null when it has none
 */
public record Outcome(int partition, long offset, String key, String target, String skipped, DeadLetter deadLetter) {

    public boolean redriven() {
        return skipped == null;
    }

    /** The reason the record was dead-lettered, for the report. */
    public String reason() {
        return deadLetter == null ? null : deadLetter.reason();
    }
}
