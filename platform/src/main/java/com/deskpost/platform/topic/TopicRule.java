package com.deskpost.platform.topic;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
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
 * The one rule for creating Deskpost's topics (DESIGN section 2): each topic gets the deployment's
 * partitions and replication factor and the cleanup policy and retention of its kind
 * ({@link Topic#configs()}: directories compacted, facility.access kept three days, mail.consent never
 * aged out); a shared topic also gets its dead-letter topic ({@link Topic#deadLetterConfigs()}), an
 * internal one does not; a progress topic is compacted in one partition ({@link #progressTopic}). The
 * services create their topics through {@link #newTopics} at start-up (Spring's KafkaAdmin); the dev stack,
 * the reliability harness, the bench and the test stacks through the same method with an {@link Admin}
 * client ({@link #create}). So a topic is the same whoever creates it first: a broker's defaults never
 * decide how long consent is kept.
 *
 * @param partitions        partitions of every topic created
 * @param replicationFactor replicas of every topic created
 */
public record TopicRule(int partitions, short replicationFactor) {

    /** Three partitions, one replica: the services' default settings, and every single-broker stack's rule. */
    public static final TopicRule DEFAULT = new TopicRule(3, (short) 1);

    private static final long CREATE_TIMEOUT_SECONDS = 60;

    public TopicRule {
        if (partitions < 1 || replicationFactor < 1) {
            throw new IllegalArgumentException("A topic needs at least one partition and one replica, not "
                    + partitions + " and " + replicationFactor);
        }
    }

    /** The topics as they are created: each of {@code topics}, followed by its dead-letter topic if it is shared. */
    public List<NewTopic> newTopics(Collection<? extends Topic<?>> topics) {
        List<NewTopic> created = new ArrayList<>();
        for (Topic<?> topic : topics) {
            created.add(new NewTopic(topic.name(), partitions, replicationFactor).configs(topic.configs()));
            if (!topic.internal()) {
                created.add(new NewTopic(topic.deadLetterTopic(), partitions, replicationFactor)
                        .configs(topic.deadLetterConfigs()));
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
     * matters, and one partition, so the reader finds it without knowing the key's partition. No dead letters.
     */
    public NewTopic progressTopic(String name) {
        return new NewTopic(name, 1, replicationFactor).configs(Map.of("cleanup.policy", "compact"));
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
