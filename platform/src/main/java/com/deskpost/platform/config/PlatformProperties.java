package com.deskpost.platform.config;

import com.deskpost.platform.topic.TopicRule;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings every service shares.
 *
 * @param schemaRegistryUrl base URL of the Confluent-API schema registry
 * @param topicPartitions partitions of each topic Deskpost creates
 * @param topicReplicationFactor replication factor of each topic Deskpost creates
 * @param schemaRegistryUserInfo {@code user:password} sent to the registry as HTTP basic auth; blank: none
 */
@ConfigurationProperties("deskpost.kafka")
public record PlatformProperties(String schemaRegistryUrl, Integer topicPartitions, Short topicReplicationFactor,
        String schemaRegistryUserInfo) {

    public PlatformProperties {
        schemaRegistryUrl = schemaRegistryUrl == null ? "http://localhost:8081" : schemaRegistryUrl;
        topicPartitions = topicPartitions == null ? TopicRule.DEFAULT.partitions() : topicPartitions;
        topicReplicationFactor = topicReplicationFactor == null
                ? TopicRule.DEFAULT.replicationFactor() : topicReplicationFactor;
    }

    /** How this deployment creates topics: its partitions and replicas, each topic's kind for the rest. */
    public TopicRule topicRule() {
        return new TopicRule(topicPartitions, topicReplicationFactor);
    }
}
