package com.deskpost.platform.config;

import com.deskpost.platform.serde.AvroSerdes;
import com.deskpost.platform.template.TemplateRenderer;
import com.deskpost.platform.topic.Topics;
import com.deskpost.schemas.serde.SchemaRegistryClient;
import java.nio.file.Path;
import java.util.Properties;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.config.StreamsBuilderFactoryBeanConfigurer;
import org.springframework.kafka.core.KafkaAdmin;

/** Wiring every Deskpost service gets: registry client, serdes, topics, templates, stream-thread recovery. */
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

    /**
     * A directory record that does not decode must not stop a service: Kafka Streams cannot replace a
     * failed global thread, so one bad {@code facility.members} record would stop every composer. It is
     * logged and skipped here (the table keeps the entry's last good value) and dead-lettered, with
     * its reason, by delivery's directory check. Every other source reads raw bytes and dead-letters
     * itself ({@link com.deskpost.platform.streams.EventRouting}).
     */
    @Bean
    StreamsBuilderFactoryBeanConfigurer skipUndecodableDirectoryRecords() {
        return factory -> {
            Properties config = factory.getStreamsConfiguration();
            if (config != null) {
                config.putIfAbsent(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
                        LogAndContinueExceptionHandler.class.getName());
                factory.setStreamsConfiguration(config);
            }
        };
    }

    /**
     * A stream thread that dies on an unexpected error (the registry unreachable while writing) is
     * replaced; exactly-once means the failed transaction is aborted and the records reprocessed.
     */
    @Bean
    StreamsBuilderFactoryBeanConfigurer replaceFailedStreamThreads() {
        return factory -> factory.setStreamsUncaughtExceptionHandler(
                exception -> StreamThreadExceptionResponse.REPLACE_THREAD);
    }
}
