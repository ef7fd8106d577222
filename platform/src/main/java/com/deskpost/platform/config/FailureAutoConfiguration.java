package com.deskpost.platform.config;

import com.deskpost.platform.credential.CredentialSealer;
import com.deskpost.platform.deadletter.CredentialRedaction;
import com.deskpost.platform.failure.ConsumerWaits;
import com.deskpost.platform.failure.ConsumerWaitsHealthIndicator;
import com.deskpost.platform.failure.ConsumerWaitsInterceptor;
import com.deskpost.platform.failure.DeadLetteringProductionExceptionHandler;
import com.deskpost.platform.failure.InfrastructureWaits;
import com.deskpost.platform.failure.WaitingDeserializationExceptionHandler;
import com.deskpost.platform.serde.AvroSerdes;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.Properties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.apache.kafka.streams.StreamsConfig;
import org.springframework.kafka.config.StreamsBuilderFactoryBeanConfigurer;
import org.springframework.kafka.listener.RecordInterceptor;

/**
 * Our own infrastructure failing is waited out, never dead-lettered, by every consumer of every service
 * ({@link InfrastructureWaits}): listener containers through the error handler of
 * {@link PublishingConfiguration}, Kafka Streams applications through the handlers set here. Readiness
 * ({@code consumerWaits}) and gauge {@code deskpost.consumer.waiting} show each wait.
 */
@AutoConfiguration(after = {PlatformAutoConfiguration.class, ObservabilityAutoConfiguration.class})
public class FailureAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    ConsumerWaits consumerWaits(ObjectProvider<MeterRegistry> meters) {
        return new ConsumerWaits(meters.getIfAvailable(), Clock.systemUTC());
    }

    @Bean
    @ConditionalOnMissingBean
    InfrastructureWaits infrastructureWaits(ConsumerWaits waits) {
        return new InfrastructureWaits(waits);
    }

    /** Spring Boot hands it to every listener container: a record processed ends its consumer's wait. */
    @Bean
    @ConditionalOnMissingBean(RecordInterceptor.class)
    ConsumerWaitsInterceptor consumerWaitsInterceptor(ConsumerWaits waits) {
        return new ConsumerWaitsInterceptor(waits);
    }

    /**
     * Every Streams application: a stream thread that fails on our infrastructure is replaced after a
     * back-off; an unreadable source record waits for the registry or is skipped; a record that cannot be
     * written is dead-lettered. A record processed by {@code EventRouting} ends the application's wait.
     */
    @Bean
    StreamsBuilderFactoryBeanConfigurer waitOutInfrastructureInStreams(InfrastructureWaits waits, AvroSerdes serdes,
            ObjectProvider<CredentialSealer> sealer) {
        return factory -> {
            Properties config = factory.getStreamsConfiguration();
            if (config == null) {
                return;
            }
            config.putIfAbsent(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
                    WaitingDeserializationExceptionHandler.class.getName());
            config.putIfAbsent(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG,
                    DeadLetteringProductionExceptionHandler.class.getName());
            config.put(DeadLetteringProductionExceptionHandler.REDACTION_CONFIG_KEY,
                    new CredentialRedaction(serdes, sealer.getIfAvailable()));
            config.put(ConsumerWaits.STREAMS_CONFIG_KEY, waits.waits());
            factory.setStreamsConfiguration(config);
            factory.setStreamsUncaughtExceptionHandler(
                    waits.streamThreads(config.getProperty(StreamsConfig.APPLICATION_ID_CONFIG)));
        };
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(HealthIndicator.class)
    static class Health {

        @Bean
        ConsumerWaitsHealthIndicator consumerWaitsHealthIndicator(ConsumerWaits waits) {
            return new ConsumerWaitsHealthIndicator(waits);
        }
    }
}
