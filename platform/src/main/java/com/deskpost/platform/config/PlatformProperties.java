package com.deskpost.platform.config;

import com.deskpost.platform.topic.TopicRule;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings every service shares. The Kafka ones are how many copies of everything a deployment keeps: they reach
 * the topics the topic rule creates and, through the platform's Streams configurer, Kafka Streams' internal
 * topics and standby tasks, from this one place (docs/topics.md).
 *
 * @param schemaRegistryUrl base URL of the Confluent-API schema registry
 * @param partitionMultiplier every topic's partitions (set per topic by the topic rule) times this; 1
 * @param topicReplicationFactor replicas of each topic Deskpost creates, Streams' changelogs included; 1
 * @param minInsyncReplicas replicas that must have a write ({@code acks=all}) on those topics; default one
 *                          less than the replication factor (a write survives one broker's loss, one broker may
 *                          be down), 1 on a single broker
 * @param standbyReplicas Kafka Streams standby copies of each state store on other instances, so a failed-over
 *                        task resumes without rebuilding its state from the changelog; 0
 * @param schemaRegistryUserInfo {@code user:password} sent to the registry as HTTP basic auth; blank: none
 */
@ConfigurationProperties("deskpost.kafka")
public record PlatformProperties(String schemaRegistryUrl, Integer partitionMultiplier, Short topicReplicationFactor,
        Integer minInsyncReplicas, Integer standbyReplicas, String schemaRegistryUserInfo) {

    public PlatformProperties {
        schemaRegistryUrl = schemaRegistryUrl == null ? "http://localhost:8081" : schemaRegistryUrl;
        partitionMultiplier = partitionMultiplier == null ? TopicRule.DEFAULT.partitionMultiplier() : partitionMultiplier;
        topicReplicationFactor = topicReplicationFactor == null
                ? TopicRule.DEFAULT.replicationFactor() : topicReplicationFactor;
        minInsyncReplicas = minInsyncReplicas == null ? Math.max(1, topicReplicationFactor - 1) : minInsyncReplicas;
        standbyReplicas = standbyReplicas == null ? 0 : standbyReplicas;
        if (minInsyncReplicas > topicReplicationFactor) {
            throw new IllegalArgumentException("deskpost.kafka.min-insync-replicas (" + minInsyncReplicas + ") is more"
                    + " than deskpost.kafka.topic-replication-factor (" + topicReplicationFactor + "): every write with"
                    + " acks=all would be refused. Set it to at most the replication factor, usually one less.");
        }
        if (standbyReplicas < 0) {
            throw new IllegalArgumentException("deskpost.kafka.standby-replicas must not be negative: " + standbyReplicas);
        }
    }

    /** A deployment's settings with the defaults for everything but the Kafka copies. */
    public static PlatformProperties of(Integer partitionMultiplier, Short topicReplicationFactor,
            Integer minInsyncReplicas, Integer standbyReplicas) {
        return new PlatformProperties(null, partitionMultiplier, topicReplicationFactor, minInsyncReplicas,
                standbyReplicas, null);
    }

    /** How this deployment creates topics: each topic's partitions times the multiplier, its replicas. */
    public TopicRule topicRule() {
        return new TopicRule(partitionMultiplier, topicReplicationFactor, minInsyncReplicas);
    }

    /**
     * What every Kafka Streams application of this deployment adds to its configuration: its internal topics
     * replicated as the rule's topics are ({@link TopicRule#streamsInternalTopics()}), and its standby replicas.
     */
    public Map<String, Object> streamsReplication() {
        Map<String, Object> config = new LinkedHashMap<>(topicRule().streamsInternalTopics());
        config.put("num.standby.replicas", standbyReplicas);
        return config;
    }
}
