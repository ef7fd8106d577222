package com.deskpost.platform.topic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.deskpost.testsupport.KafkaBroker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Materialized;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Kafka Streams application configured with the topic rule's settings for internal topics creates its changelog
 * with the deployment's min.insync.replicas (a one-broker cluster accepts more in-sync replicas than replicas at
 * creation; it would refuse writes, so none are made).
 */
class StreamsInternalTopicsIT {

    private static final String APPLICATION = "deskpost-it-streams";
    private static final String CHANGELOG = APPLICATION + "-it-counts-changelog";

    @TempDir
    Path state;

    @Test
    void theChangelogIsCreatedWithTheRulesMinInsyncReplicas() throws Exception {
        try (KafkaBroker kafka = KafkaBroker.start(); Admin admin = Admin.create(kafka.adminProperties())) {
            // Given a topology with one store, and the rule of a deployment asking two in-sync replicas
            kafka.createTopics(2, "it.source");
            StreamsBuilder builder = new StreamsBuilder();
            builder.stream("it.source").groupByKey().count(Materialized.as("it-counts"));
            Properties config = new Properties();
            config.put(StreamsConfig.APPLICATION_ID_CONFIG, APPLICATION);
            config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
            config.put(StreamsConfig.STATE_DIR_CONFIG, state.toString());
            config.put(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG, Serdes.StringSerde.class);
            config.put(StreamsConfig.DEFAULT_VALUE_SERDE_CLASS_CONFIG, Serdes.StringSerde.class);
            config.putAll(new TopicRule(1, (short) 1, 2).streamsInternalTopics());

            // When it starts
            try (KafkaStreams streams = new KafkaStreams(builder.build(), config)) {
                streams.start();
                await().atMost(Duration.ofSeconds(60))
                        .until(() -> admin.listTopics().names().get().contains(CHANGELOG));
            }

            // Then its changelog has the source's partitions and the rule's min.insync.replicas
            ConfigResource changelog = new ConfigResource(ConfigResource.Type.TOPIC, CHANGELOG);
            assertThat(admin.describeConfigs(List.of(changelog)).all().get().get(changelog)
                    .get("min.insync.replicas").value()).isEqualTo("2");
            assertThat(admin.describeTopics(List.of(CHANGELOG)).allTopicNames().get().get(CHANGELOG).partitions())
                    .hasSize(2);
        }
    }
}
