package com.deskpost.platform.config;

import com.deskpost.platform.observability.KafkaClientMeters;
import com.deskpost.platform.observability.KafkaHealthIndicator;
import com.deskpost.platform.observability.KafkaStreamsHealthIndicator;
import com.deskpost.platform.observability.MailMetrics;
import com.deskpost.platform.web.ActuatorGuard;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Properties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.annotation.KafkaStreamsDefaultConfiguration;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.kafka.config.StreamsBuilderFactoryBeanConfigurer;

/**
 * What lets an operator see every service: its mail metrics ({@link MailMetrics}, handed to the
 * Streams topology through its configuration), and the readiness of its Kafka connection and of its
 * Kafka Streams application as health indicators {@code kafka} and {@code kafkaStreams}. Each
 * service's settings file puts them in its readiness group.
 */
@AutoConfiguration(after = KafkaAutoConfiguration.class)
public class ObservabilityAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    MailMetrics mailMetrics(ObjectProvider<MeterRegistry> registry) {
        MeterRegistry meters = registry.getIfAvailable();
        return meters == null ? MailMetrics.none() : new MailMetrics(meters);
    }

    /** Kafka's consumer meters without its deprecated copies and the lead, average-lag and read-replica meters. */
    @Bean
    KafkaClientMeters kafkaClientMeters() {
        return new KafkaClientMeters();
    }

    /** Streams builds the processors itself: its configuration is the one thing it hands each of them. */
    @Bean
    StreamsBuilderFactoryBeanConfigurer mailMetricsForTopologies(MailMetrics metrics) {
        return factory -> {
            Properties config = factory.getStreamsConfiguration();
            if (config != null) {
                config.put(MailMetrics.STREAMS_CONFIG_KEY, metrics);
                factory.setStreamsConfiguration(config);
            }
        };
    }

    /** Metrics and the actuator index for operators only; the health probes stay open. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    @ConditionalOnClass(name = "org.springframework.web.filter.OncePerRequestFilter")
    static class Access {

        @Bean
        ActuatorGuard actuatorGuard(@Value("${deskpost.actuator.key}") String key) {
            return new ActuatorGuard(key);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(HealthIndicator.class)
    static class Health {

        @Bean
        @ConditionalOnEnabledHealthIndicator("kafka")
        KafkaHealthIndicator kafkaHealthIndicator(KafkaProperties kafka,
                @Value("${deskpost.kafka.health-timeout:2s}") Duration timeout) {
            return new KafkaHealthIndicator(kafka.buildAdminProperties(), timeout);
        }

        @Bean
        @ConditionalOnBean(name = KafkaStreamsDefaultConfiguration.DEFAULT_STREAMS_BUILDER_BEAN_NAME)
        KafkaStreamsHealthIndicator kafkaStreamsHealthIndicator(StreamsBuilderFactoryBean streams) {
            return new KafkaStreamsHealthIndicator(streams);
        }
    }
}
