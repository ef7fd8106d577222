package com.deskpost.platform.topic;

/**
 * How many partitions a topic is created with, chosen up front by what it carries (docs/topics.md). A topic
 * can never lose partitions, and gaining some sends keys to other partitions (per-key order and Kafka Streams
 * state break across the change), so counts are sized for growth when a topic is created and no service ever
 * raises them. Topics that must be co-partitioned share a constant, so their counts are equal by construction,
 * whatever the deployment's multiplier ({@link TopicRule#partitions(Topic)}); a topic's dead-letter and retry
 * topics have its count.
 */
public enum Partitioning {

    /**
     * The mail lanes, {@code mail.drafts*} and {@code mail.outbound*} (and delivery's retry topics): every mail
     * passes here, and partitions are the unit of parallel sending. Delivery sends one partition per consumer
     * thread, in order, so twelve let e.g. two instances of six threads or three of four share a lane evenly
     * (12 divides by 1, 2, 3, 4, 6). A lane's drafts and outbound topics are one group: a draft's key
     * ({@link DraftKeys}) keeps the same partition number from draft to release.
     */
    LANE(12),
    /**
     * Facility events ({@code facility.bookings}, {@code .access}, {@code .billing}, {@code .community}) and the
     * composers' own topics fed from them (upcoming bookings, accepted announcements). Each partition is a
     * Kafka Streams task of a composer, with its state (booking and subscription state, parked events,
     * reminders, fan-out plans); six let two or three composer instances share the work. They are stateful, so
     * growing one means rebuilding that state: sized for growth now rather than grown later.
     */
    FACILITY(6),
    /**
     * {@code mail.audit}: several records per mail, the busiest topic. audit-service appends one hash chain per
     * partition, in parallel, so the audit store keeps up with the lanes: as many partitions as a lane.
     */
    AUDIT(12),
    /**
     * Topics every instance reads whole as a global table or fold: the directories, {@code mail.entity-versions},
     * {@code mail.consent}, {@code mail.templates}. Partitions buy no consumer parallelism here, writes are light, and these topics must
     * never grow (an entity's older value left in its old partition could win when a table is rebuilt): three,
     * so replicas spread over three brokers.
     */
    TABLE(3),
    /**
     * Low-volume messages between people and services: {@code mail.approvals}, {@code mail.decisions},
     * {@code mail.inbound}, {@code mail.feedback}. Dozens to thousands a day; three partitions are plenty and
     * spread over three brokers.
     */
    LOW_VOLUME(3),
    /**
     * A writer's own position (the outbox relay's progress topic): one partition, so the reader finds it without
     * knowing the key's partition. Never multiplied.
     */
    SINGLE(1);

    private final int partitions;

    Partitioning(int partitions) {
        this.partitions = partitions;
    }

    /** Partitions of a topic of this group under {@code multiplier}; {@link #SINGLE} stays at one. */
    public int partitions(int multiplier) {
        return this == SINGLE ? 1 : partitions * multiplier;
    }
}
