package com.deskpost.platform.config;

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
        topicPartitions = topicPartitions == null ? 3 : topicPartitions;
        topicReplicationFactor = topicReplicationFactor == null ? 1 : topicReplicationFactor;
    }
}
