package com.deskpost.platform.config;

import com.deskpost.platform.credential.CredentialSealer;
import com.deskpost.platform.deadletter.CredentialRedaction;
import com.deskpost.platform.deadletter.RedactingDeadLetterPublisher;
import com.deskpost.platform.failure.Failure;
import com.deskpost.platform.failure.Failures;
import com.deskpost.platform.failure.InfrastructureWaits;
import com.deskpost.platform.streams.RejectedEvent;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import com.deskpost.platform.observability.MailMetrics;
import com.deskpost.platform.publish.TopicPublisher;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import com.deskpost.platform.serde.AvroSerdes;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.MicrometerProducerListener;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.ExponentialBackOffWithMaxRetries;
import org.springframework.util.backoff.FixedBackOff;

/**
 * Publishing outside topologies, and dead letters of listener containers. Listener containers dead-letter a record they cannot process to {@code <topic>.dlq}, with the
 * original bytes (listeners consume raw bytes and decode themselves) and the reason in headers.
 * Undecodable or rejected records go at once; an ordinary failure is retried with backoff first; a failure
 * of our own infrastructure (PostgreSQL, the registry, the broker) is never dead-lettered: the container
 * waits it out ({@link InfrastructureWaits}).
 */
@AutoConfiguration(after = {KafkaAutoConfiguration.class, PlatformAutoConfiguration.class,
        ObservabilityAutoConfiguration.class, FailureAutoConfiguration.class})
public class PublishingConfiguration {

    private static final Logger log = LoggerFactory.getLogger(PublishingConfiguration.class);

    /** String keys, raw bytes: what dead letters and Avro records serialised by {@code AvroSerdes} need. */
    @Bean
    KafkaTemplate<String, byte[]> rawBytesKafkaTemplate(KafkaProperties kafka, ObjectProvider<MeterRegistry> meters) {
        Map<String, Object> producer = kafka.buildProducerProperties();
        producer.remove("transactional.id");
        producer.put("acks", "all");
        producer.put("enable.idempotence", true);
        // Every send through this template is awaited (TopicPublisher, dead letters): lingering for a batch
        // (Kafka 4 waits 5 ms by default) would only add those milliseconds to each audited step.
        producer.put("linger.ms", 0);
        var factory = new DefaultKafkaProducerFactory<>(producer, new StringSerializer(), new ByteArraySerializer());
        // Spring Boot meters the producers of its own factory only: these get the same Kafka client metrics,
        // named rawBytesProducerFactory.<client id> (spring_id).
        factory.setBeanName("rawBytesProducerFactory");
        meters.ifAvailable(registry -> factory.addListener(new MicrometerProducerListener<>(registry)));
        return new KafkaTemplate<>(factory);
    }

    @Bean
    @ConditionalOnMissingBean
    TopicPublisher topicPublisher(KafkaTemplate<String, byte[]> rawBytesKafkaTemplate, AvroSerdes serdes,
            MailMetrics metrics) {
        return new TopicPublisher(rawBytesKafkaTemplate, serdes, metrics);
    }

    @Bean
    @ConditionalOnMissingBean(CommonErrorHandler.class)
    CommonErrorHandler deadLetteringErrorHandler(KafkaTemplate<String, byte[]> rawBytesKafkaTemplate,
            AvroSerdes serdes, ObjectProvider<CredentialSealer> sealer, InfrastructureWaits waits) {
        // With Deskpost's public keys a clear credential is sealed in the dead letter (a redrive delivers it);
        // a service without them masks it.
        var recoverer = new RedactingDeadLetterPublisher(record -> rawBytesKafkaTemplate,
                (record, exception) -> new TopicPartition(record.topic() + ".dlq", -1),
                new CredentialRedaction(serdes, sealer.getIfAvailable()));
        var backOff = new ExponentialBackOffWithMaxRetries(6);
        backOff.setInitialInterval(500);
        backOff.setMultiplier(2.0);
        backOff.setMaxInterval(10_000);
        var handler = new DefaultErrorHandler(recoverer, backOff);
        handler.addNotRetryableExceptions(SerializationException.class, RejectedEvent.class);
        // Bad input the types above do not name (a schema id the registry does not know) is not retried either.
        handler.setBackOffFunction((record, exception) ->
                Failures.classify(exception) == Failure.BAD_INPUT ? new FixedBackOff(0, 0) : null);
        handler.setRetryListeners((record, exception, attempt) -> log.warn("Attempt {} on {}-{}@{} (key {}) failed: {}",
                attempt, record.topic(), record.partition(), record.offset(), record.key(), exception.getMessage(),
                exception));
        return waits.around(handler);
    }
}
