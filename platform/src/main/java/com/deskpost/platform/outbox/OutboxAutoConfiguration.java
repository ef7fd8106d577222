package com.deskpost.platform.outbox;

import com.deskpost.platform.config.PlatformProperties;
import com.deskpost.platform.config.PublishingConfiguration;
import com.deskpost.platform.observability.MailMetrics;
import com.deskpost.platform.serde.AvroSerdes;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The outbox and its relay for a service that names itself in {@code deskpost.outbox.service}; the
 * service's own migration creates the {@code outbox} table ({@link Outbox}).
 */
@AutoConfiguration(after = PublishingConfiguration.class,
        afterName = "org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration")
@ConditionalOnClass(JdbcTemplate.class)
@ConditionalOnProperty(prefix = "deskpost.outbox", name = "service")
@EnableConfigurationProperties(OutboxProperties.class)
public class OutboxAutoConfiguration {

    @Bean
    OutboxRelay outboxRelay(JdbcTemplate jdbc, KafkaProperties kafka, OutboxProperties properties) {
        return new OutboxRelay(jdbc, kafka, properties);
    }

    @Bean
    Outbox outbox(JdbcTemplate jdbc, AvroSerdes serdes, MailMetrics metrics, OutboxRelay relay) {
        return new Outbox(jdbc, serdes, metrics, relay::wake);
    }

    /** One partition (one relay writes it, in order), created with the topic rule: compacted. */
    @Bean
    NewTopic outboxProgressTopic(OutboxProperties properties, PlatformProperties platform) {
        return platform.topicRule().progressTopic(properties.progressTopic().name());
    }
}
