package com.deskpost.platform.topic;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * The one rule for creating Deskpost's topics (DESIGN section 2): each topic gets the partitions of its
 * {@link Topic#partitioning() group} (times the deployment's multiplier), the deployment's replicas and
 * {@code min.insync.replicas}, and the cleanup policy and retention of its kind ({@link Topic#configs()}:
 * directories compacted, facility.access kept three days, mail.consent never aged out); a shared topic also gets
 * its dead-letter topic, with its partitions ({@link Topic#deadLetterConfigs()}), an internal one does not; a
 * progress topic is compacted in one partition ({@link #progressTopic}). The services create their topics through
 * {@link #newTopics} at start-up ({@link TopicKeeper}); the dev stack, the reliability harness, the bench and the
 * test stacks through the same method with an {@link Admin} client ({@link #create}); docker-compose's topic script
 * is checked against it. So a topic is the same whoever creates it first: a broker's defaults never decide how
 * long consent is kept or how many partitions a lane has.
 *
 * @param partitionMultiplier every group's partitions times this, so groups that are co-partitioned stay equal
 *                            (the progress topic stays at one); for a deployment that needs more than the
 *                            defaults from the start, since topics never grow once created (docs/topics.md)
 * @param replicationFactor   replicas of every topic created, and of Kafka Streams' internal topics
 * @param minInsyncReplicas   replicas that must have a write before it counts ({@code acks=all}); set on every
 *                            topic created, Streams' internal ones included, when more than one
 */
public record TopicRule(int partitionMultiplier, short replicationFactor, int minInsyncReplicas) {

    /** The default partitions, one replica: the services' default settings, and every single-broker stack's rule. */
    public static final TopicRule DEFAULT = new TopicRule(1, (short) 1, 1);

    private static final String MIN_INSYNC_REPLICAS = "min.insync.replicas";
    private static final long CREATE_TIMEOUT_SECONDS = 60;

    public TopicRule {
        if (partitionMultiplier < 1 || replicationFactor < 1 || minInsyncReplicas < 1) {
            throw new IllegalArgumentException("A topic needs a partition multiplier, a replica and an in-sync replica"
                    + " of at least one, not " + partitionMultiplier + ", " + replicationFactor + " and "
                    + minInsyncReplicas);
        }
    }

    /** The partitions {@code topic} is created with; its dead-letter and retry topics have as many. */
    public int partitions(Topic<?> topic) {
        return topic.partitioning().partitions(partitionMultiplier);
    }

    /** The topics as they are created: each of {@code topics}, followed by its dead-letter topic if it is shared. */
    public List<NewTopic> newTopics(Collection<? extends Topic<?>> topics) {
        List<NewTopic> created = new ArrayList<>();
        for (Topic<?> topic : topics) {
            created.add(new NewTopic(topic.name(), partitions(topic), replicationFactor)
                    .configs(withReplicas(topic.configs())));
            if (!topic.internal()) {
                // As many partitions as its topic: a dead letter may go to its source record's partition number
                // (spring-kafka's retry topics do so).
                created.add(new NewTopic(topic.deadLetterTopic(), partitions(topic), replicationFactor)
                        .configs(withReplicas(topic.deadLetterConfigs())));
            }
        }
        return created;
    }

    public List<NewTopic> newTopics(Topic<?>... topics) {
        return newTopics(Arrays.asList(topics));
    }

    /**
     * A progress topic: not events but one writer's own position (the outbox relay's last relayed row), written
     * in the writer's transactions and read back at start-up. Compacted, since only the latest position per key
     * matters, and one partition ({@link Partitioning#SINGLE}), so the reader finds it without knowing the key's
     * partition. No dead letters.
     */
    public NewTopic progressTopic(String name) {
        return new NewTopic(name, Partitioning.SINGLE.partitions(partitionMultiplier), replicationFactor)
                .configs(withReplicas(Map.of("cleanup.policy", "compact")));
    }

    /**
     * A topic declared elsewhere (spring-kafka's retry topics) completed with the deployment's
     * {@code min.insync.replicas}, as the rule's own topics have it.
     */
    public NewTopic withReplicas(NewTopic topic) {
        Map<String, String> configs = new LinkedHashMap<>(topic.configs() == null ? Map.of() : topic.configs());
        return topic.configs(withReplicas(configs));
    }

    /**
     * What Kafka Streams needs to create its internal topics (changelogs, repartition topics) as the rule creates
     * the others: the replication factor and, through Streams' {@code topic.} prefix, {@code min.insync.replicas}.
     */
    public Map<String, Object> streamsInternalTopics() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("replication.factor", (int) replicationFactor);
        if (minInsyncReplicas > 1) {
            config.put("topic." + MIN_INSYNC_REPLICAS, Integer.toString(minInsyncReplicas));
        }
        return config;
    }

    private Map<String, String> withReplicas(Map<String, String> configs) {
        Map<String, String> all = new LinkedHashMap<>(configs);
        // One in-sync replica is the broker's own default: not written, so a topic created by the rule and one
        // created by hand on a single broker read the same.
        if (minInsyncReplicas > 1) {
            all.putIfAbsent(MIN_INSYNC_REPLICAS, Integer.toString(minInsyncReplicas));
        }
        return all;
    }

    /**
     * Creates {@link #newTopics those topics} that do not exist yet, and waits until the broker has them. An
     * existing topic is left as it is (a restart, or a service that was quicker).
     */
    public void create(Admin admin, Collection<? extends Topic<?>> topics) {
        admin.createTopics(newTopics(topics)).values().forEach(TopicRule::awaitCreated);
    }

    private static void awaitCreated(String topic, KafkaFuture<Void> creation) {
        try {
            creation.get(CREATE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("Could not create topic " + topic, e.getCause());
            }
        } catch (TimeoutException e) {
            throw new IllegalStateException("Topic " + topic + " not created within " + CREATE_TIMEOUT_SECONDS + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating topic " + topic, e);
        }
    }
}
