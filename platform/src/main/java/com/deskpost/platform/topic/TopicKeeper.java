package com.deskpost.platform.topic;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * How a service makes the topics it declares at start-up (the topic rule's, its outbox progress topic,
 * spring-kafka's retry topics): outside development it only creates the missing ones, and an existing topic is
 * never changed, even when it differs from the rule. Adding partitions to a live topic would move keys to other
 * partitions (per-key order and Kafka Streams state break), and changing its settings is the operator's call
 * (docs/topics.md); so each difference (partitions, replicas, a topic setting) is logged as a warning naming the
 * topic, and the service starts. In development ({@code dev} profile: dev-stack, tests, bench, the reliability
 * harness) spring-kafka's own behaviour applies: missing topics are created and short ones grown. It replaces
 * {@link KafkaAdmin}'s creation at start-up, which would grow topics everywhere. It returns once the broker's
 * metadata shows every topic it created or grew with its partitions: a broker answers a creation before its metadata
 * has the topic, and a Kafka Streams global table started in that gap fails ("no partitions available").
 */
public class TopicKeeper implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(TopicKeeper.class);
    /** How often the keeper asks whether the broker's metadata has the topics it created. */
    private static final Duration METADATA_POLL = Duration.ofMillis(100);

    private final KafkaAdmin admin;
    private final TopicRule rule;
    private final boolean development;
    private final List<NewTopic> created = new ArrayList<>();

    public TopicKeeper(KafkaAdmin admin, TopicRule rule, boolean development) {
        this.admin = admin;
        this.rule = rule;
        this.development = development;
        // This keeper decides when KafkaAdmin creates topics at start-up, and which: by itself KafkaAdmin grows them.
        admin.setAutoCreate(false);
    }

    /** One admin client for the whole start: listing, waiting for the metadata, comparing the existing topics. */
    @Override
    public void afterSingletonsInstantiated() {
        try (Admin client = Admin.create(admin.getConfigurationProperties())) {
            keepTopics(client);
        }
    }

    private void keepTopics(Admin client) {
        if (development) {
            admin.setCreateOrModifyTopic(this::completed);
            initialize(client);
            return;
        }
        Set<String> existing;
        try {
            existing = client.listTopics().names().get(admin.getOperationTimeout(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while listing topics", e);
        } catch (ExecutionException | TimeoutException e) {
            // As KafkaAdmin does without fail-fast: the service starts, its consumers wait for the broker and topics.
            log.error("Could not list the broker's topics: no topic created", e);
            return;
        }
        // KafkaAdmin collects the declared topics (NewTopic beans, the retry topics spring-kafka declares) and asks
        // this predicate about each: only missing ones go on to be created; existing ones are checked below.
        List<NewTopic> kept = new ArrayList<>();
        admin.setCreateOrModifyTopic(topic -> {
            if (existing.contains(topic.name())) {
                kept.add(topic);
                return false;
            }
            return completed(topic);
        });
        initialize(client);
        if (!kept.isEmpty()) {
            warnAboutDifferences(client, kept);
        }
    }

    private void initialize(Admin client) {
        try {
            admin.initialize();
        } catch (RuntimeException e) {
            log.error("Could not create this service's topics", e);
            return;
        }
        awaitMetadata(client);
    }

    /** A declared topic with the deployment's min.insync.replicas (spring-kafka's retry topics lack it); create it. */
    private boolean completed(NewTopic topic) {
        rule.withReplicas(topic);
        created.add(topic);
        return true;
    }

    /**
     * Waits, up to the admin's operation timeout, until describing the created topics (which reads a broker's
     * metadata, as a consumer's look-up of partitions does) shows each with at least its declared partitions. A topic
     * this service may not describe (ACLs) is not waited for. On timeout the service starts anyway, as it would
     * without the wait: its consumers wait for their topics.
     */
    private void awaitMetadata(Admin client) {
        Map<String, Integer> pending = new HashMap<>();
        created.forEach(topic -> pending.put(topic.name(), Math.max(1, topic.numPartitions())));
        if (pending.isEmpty()) {
            return;
        }
        RetryTemplate untilShown = new RetryTemplate(RetryPolicy.builder().includes(TopicsNotShown.class)
                .maxRetries(Long.MAX_VALUE).delay(METADATA_POLL)
                .timeout(Duration.ofSeconds(admin.getOperationTimeout())).build());
        try {
            untilShown.invoke(() -> {
                Map<String, KafkaFuture<TopicDescription>> described =
                        client.describeTopics(List.copyOf(pending.keySet())).topicNameValues();
                described.forEach((name, description) -> {
                    if (shown(name, description, pending.get(name))) {
                        pending.remove(name);
                    }
                });
                if (!pending.isEmpty()) {
                    throw new TopicsNotShown();
                }
            });
        } catch (TopicsNotShown e) {
            log.warn("The broker's metadata does not show {} with their partitions {} s after their creation;"
                    + " starting anyway", pending.keySet(), admin.getOperationTimeout());
        }
    }

    /** Some created topics are not in the broker's metadata yet, or not with all their partitions. */
    private static final class TopicsNotShown extends RuntimeException {
        TopicsNotShown() {
            super(null, null, false, false);
        }
    }

    /** Whether a description shows the topic with its partitions, or cannot and should not be waited for. */
    private boolean shown(String name, KafkaFuture<TopicDescription> description, int partitions) {
        try {
            return description.get(admin.getOperationTimeout(), TimeUnit.SECONDS).partitions().size() >= partitions;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return false;
            }
            if (!(e.getCause() instanceof AuthorizationException)) {
                log.warn("Could not describe topic {}: not waiting for its metadata", name, e.getCause());
            }
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the created topics' metadata", e);
        }
    }

    private void warnAboutDifferences(Admin client, List<NewTopic> kept) {
        List<String> names = kept.stream().map(NewTopic::name).toList();
        long timeout = admin.getOperationTimeout();
        try {
            Map<String, TopicDescription> described = client.describeTopics(names).allTopicNames()
                    .get(timeout, TimeUnit.SECONDS);
            Map<ConfigResource, KafkaFuture<Config>> configs = client.describeConfigs(names.stream()
                    .map(name -> new ConfigResource(ConfigResource.Type.TOPIC, name)).toList()).values();
            for (NewTopic topic : kept) {
                TopicDescription description = described.get(topic.name());
                if (description.partitions().size() > topic.numPartitions()) {
                    log.info("Topic {} has {} partitions, more than the topic rule's {}: grown by an operator"
                            + " (docs/topics.md)", topic.name(), description.partitions().size(), topic.numPartitions());
                }
                Config config = config(configs.get(new ConfigResource(ConfigResource.Type.TOPIC, topic.name())), timeout);
                differences(topic, description, config).forEach(difference -> log.warn("Topic {} {}:"
                        + " left as it is (services change no existing topic outside development; docs/topics.md says"
                        + " how an operator grows or changes one)", topic.name(), difference));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while describing topics", e);
        } catch (ExecutionException | TimeoutException e) {
            log.error("Could not compare the existing topics {} with the topic rule", names, e);
        }
    }

    /** A topic's settings, or null where the service may not read them (no DescribeConfigs in the ACLs). */
    private static Config config(KafkaFuture<Config> config, long timeoutSeconds)
            throws ExecutionException, InterruptedException, TimeoutException {
        try {
            return config.get(timeoutSeconds, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof AuthorizationException) {
                return null;
            }
            throw e;
        }
    }

    /**
     * How an existing topic falls short of what the rule declares, one line each: fewer partitions (more are an
     * operator's growth), other replicas, another value of a declared setting; empty when it is as declared.
     */
    static List<String> differences(NewTopic declared, TopicDescription actual, Config config) {
        List<String> differences = new ArrayList<>();
        int partitions = actual.partitions().size();
        if (declared.numPartitions() > 0 && partitions < declared.numPartitions()) {
            differences.add("has " + partitions + " partitions, the topic rule says " + declared.numPartitions());
        }
        int replicas = actual.partitions().isEmpty() ? 0 : actual.partitions().get(0).replicas().size();
        if (declared.replicationFactor() > 0 && replicas != declared.replicationFactor()) {
            differences.add("has " + replicas + " replicas, the topic rule says " + declared.replicationFactor());
        }
        if (declared.configs() != null && config != null) {
            declared.configs().forEach((name, value) -> {
                var entry = config.get(name);
                String current = entry == null ? null : entry.value();
                if (!value.equals(current)) {
                    differences.add("has " + name + "=" + current + ", the topic rule says " + value);
                }
            });
        }
        return differences;
    }
}
