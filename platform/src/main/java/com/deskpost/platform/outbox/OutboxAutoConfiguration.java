package com.deskpost.platform.outbox;

import com.deskpost.platform.config.PlatformProperties;
import com.deskpost.platform.config.PublishingConfiguration;
import com.deskpost.platform.observability.MailMetrics;
import com.deskpost.platform.serde.AvroSerdes;
import io.micrometer.core.instrument.MeterRegistry;
import javax.sql.DataSource;
import org.apache.kafka.clients.admin.NewTopic;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.jdbc.DataSourceBuilder;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/**
 * The outbox and its elected relay for a service that names itself in {@code deskpost.outbox.service};
 * the service's own migration creates the {@code outbox} table ({@link Outbox}). Gauges
 * ({@link OutboxGauges}) and health {@code outboxRelay} report its backlog and this instance's role.
 */
@AutoConfiguration(after = PublishingConfiguration.class,
        afterName = "org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration")
@ConditionalOnClass(JdbcTemplate.class)
@ConditionalOnProperty(prefix = "deskpost.outbox", name = "service")
@EnableConfigurationProperties(OutboxProperties.class)
public class OutboxAutoConfiguration {

    @Bean
    OutboxRelay outboxRelay(JdbcTemplate jdbc, KafkaProperties kafka, OutboxProperties properties) {
        return new OutboxRelay(jdbc, unpooled(jdbc.getDataSource()), kafka, properties);
    }

    @Bean
    Outbox outbox(JdbcTemplate jdbc, AvroSerdes serdes, MailMetrics metrics, OutboxRelay relay) {
        return new Outbox(jdbc, serdes, metrics, relay::wake);
    }

    @Bean
    OutboxBacklog outboxBacklog(JdbcTemplate jdbc, OutboxRelay relay, OutboxProperties properties,
            ObjectProvider<MeterRegistry> meters) {
        OutboxBacklog backlog = new OutboxBacklog(jdbc);
        meters.ifAvailable(registry -> OutboxGauges.register(registry, properties.service(), relay, backlog));
        return backlog;
    }

    /** One partition (one relay writes it, in order), created with the topic rule: compacted. */
    @Bean
    NewTopic outboxProgressTopic(OutboxProperties properties, PlatformProperties platform) {
        return platform.topicRule().progressTopic(properties.progressTopic().name());
    }

    /**
     * The election lock's connection is held for as long as the lock: taken from the pool it would count as a
     * leak and never be retired, so it comes from a plain driver source with the pool's URL and credentials.
     */
    private static DataSource unpooled(DataSource pool) {
        try {
            return DataSourceBuilder.derivedFrom(pool).type(SimpleDriverDataSource.class).build();
        } catch (RuntimeException e) {
            LoggerFactory.getLogger(OutboxAutoConfiguration.class).warn(
                    "The outbox relay's lock takes a connection from the pool for good: its URL cannot be read", e);
            return pool;
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(HealthIndicator.class)
    static class Health {

        @Bean
        OutboxRelayHealthIndicator outboxRelayHealthIndicator(OutboxRelay relay, OutboxBacklog backlog,
                OutboxProperties properties) {
            return new OutboxRelayHealthIndicator(relay, backlog, properties.maxWait());
        }
    }
}
