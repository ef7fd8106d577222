package com.deskpost.platform.config;

import com.deskpost.platform.serde.AvroSerdes;
import com.deskpost.platform.template.TemplateRenderer;
import com.deskpost.platform.topic.Topics;
import com.deskpost.schemas.serde.SchemaRegistryClient;
import java.nio.file.Path;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.core.KafkaAdmin;

/** Wiring every Deskpost service gets: registry client, serdes, topics, templates (failures: {@link FailureAutoConfiguration}). */
@AutoConfiguration
@EnableConfigurationProperties(PlatformProperties.class)
public class PlatformAutoConfiguration {

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

    /** Every topic and its dead-letter topic, by the one topic rule; KafkaAdmin creates the missing ones at start-up. */
    @Bean
    KafkaAdmin.NewTopics deskpostTopics(PlatformProperties properties) {
        return new KafkaAdmin.NewTopics(properties.topicRule().newTopics(Topics.ALL).toArray(NewTopic[]::new));
    }
}
