package com.deskpost.ops.redrive;

/**
 * What one redrive does.
 *
 * @param deadLetterTopic the {@code .dlq} topic to read
 * @param to where to send every record instead of its original topic, or null
 * @param dryRun report what would be redriven; produce and commit nothing
 * @param limit most records to redrive in this run
 * @param reasonContains only records whose reason contains this text, or null for all
 * @param group consumer group whose committed offsets say how far redrives of this topic got
 * @param includeRedacted also redrive records whose credentials the service masked
 * @param batchSize records per Kafka transaction
 */
public record RedriveSettings(String deadLetterTopic, String to, boolean dryRun, long limit, String reasonContains,
        String group, boolean includeRedacted, int batchSize) {

    public static final String DEFAULT_GROUP = "deskpost-ops-redrive";

    /** One transactional id per (group, dead-letter topic): a new run fences a still-running one and aborts what a crashed one left open. */
    String transactionalId() {
        return group + "-" + deadLetterTopic;
    }
}
