package com.deskpost.platform.config;

import com.deskpost.platform.serde.AvroSerdes;
import com.deskpost.platform.startup.DevelopmentSettings;
import com.deskpost.platform.template.TemplateRenderer;
import com.deskpost.platform.topic.TopicKeeper;
import com.deskpost.platform.topic.Topics;
import com.deskpost.schemas.serde.SchemaRegistryClient;
import java.nio.file.Path;
import java.util.Properties;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.kafka.config.StreamsBuilderFactoryBeanConfigurer;
import org.springframework.kafka.core.KafkaAdmin;

/** Wiring every Deskpost service gets: registry client, serdes, topics, templates (failures: {@link FailureAutoConfiguration}). */
@AutoConfiguration(afterName = "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration")
@EnableConfigurationProperties(PlatformProperties.class)
public class PlatformAutoConfiguration {

    /** The single partition count every topic had before counts were set per topic. */
    static final String RETIRED_PARTITIONS_SETTING = "deskpost.kafka.topic-partitions";

    @Bean
    @ConditionalOnMissingBean
    SchemaRegistryClient schemaRegistryClient(PlatformProperties properties) {
        return new SchemaRegistryClient(properties.schemaRegistryUrl(), properties.schemaRegistryUserInfo());
    }

    @Bean
    @ConditionalOnMissingBean
    AvroSerdes avroSerdes(SchemaRegistryClient registry) {
        return new AvroSerdes(registry);
    }

    /** Operator templates in {@code deskpost.templates.override-dir} win over the built-in ones, per location. */
    @Bean
    @ConditionalOnMissingBean
    TemplateRenderer templateRenderer(@Value("${deskpost.templates.override-dir:}") String overrideDir) {
        return new TemplateRenderer(getClass().getClassLoader(), overrideDir.isBlank() ? null : Path.of(overrideDir));
    }

    /** Every topic and its dead-letter topic, by the one topic rule; {@link TopicKeeper} creates the missing ones. */
    @Bean
    KafkaAdmin.NewTopics deskpostTopics(PlatformProperties properties, Environment environment) {
        if (environment.containsProperty(RETIRED_PARTITIONS_SETTING)) {
            throw new IllegalStateException(RETIRED_PARTITIONS_SETTING + " is no longer read: each topic's partitions"
                    + " are set by platform's topic rule (docs/topics.md). Remove it (DESKPOST_KAFKA_TOPICPARTITIONS);"
                    + " deskpost.kafka.partition-multiplier scales every topic created from now on.");
        }
        return new KafkaAdmin.NewTopics(properties.topicRule().newTopics(Topics.ALL).toArray(NewTopic[]::new));
    }

    /** Creates the service's topics at start-up, and outside development never changes an existing one. */
    @Bean
    @ConditionalOnBean(KafkaAdmin.class)
    TopicKeeper topicKeeper(KafkaAdmin admin, PlatformProperties properties, Environment environment) {
        return new TopicKeeper(admin, properties.topicRule(),
                environment.acceptsProfiles(Profiles.of(DevelopmentSettings.PROFILE)));
    }

    /** Kafka Streams' changelogs and standbys replicated as the deployment says, for every Streams application. */
    @Bean
    StreamsBuilderFactoryBeanConfigurer kafkaReplicationForStreams(PlatformProperties properties) {
        return factory -> {
            Properties config = factory.getStreamsConfiguration();
            if (config != null) {
                config.putAll(properties.streamsReplication());
                factory.setStreamsConfiguration(config);
            }
        };
    }
}
