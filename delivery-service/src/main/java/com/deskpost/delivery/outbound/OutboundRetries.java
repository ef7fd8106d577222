package com.deskpost.delivery.outbound;

import com.deskpost.platform.config.PlatformProperties;
import com.deskpost.platform.deadletter.CredentialRedaction;
import com.deskpost.platform.deadletter.RedactingDeadLetterPublisher;
import com.deskpost.platform.failure.InfrastructureWaits;
import com.deskpost.platform.serde.AvroSerdes;
import com.deskpost.platform.streams.RejectedEvent;
import com.deskpost.platform.topic.Lane;
import com.deskpost.platform.topic.TopicRule;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.apache.kafka.common.errors.SerializationException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.retrytopic.DeadLetterPublishingRecovererFactory;
import org.springframework.kafka.retrytopic.RetryTopicConfiguration;
import org.springframework.kafka.retrytopic.RetryTopicConfigurationBuilder;
import org.springframework.kafka.retrytopic.RetryTopicConfigurationSupport;
import org.springframework.kafka.retrytopic.RetryTopicSchedulerWrapper;
import org.springframework.kafka.retrytopic.SameIntervalTopicReuseStrategy;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/**
 * Non-blocking retries for every lane's outbound topic, the same for each lane: a transient failure
 * moves the record to the lane's delay topic ({@code <topic>.retry…}) with capped exponential backoff,
 * for as long as an MTA keeps trying ({@link RetryHorizon}, default 4 days, measured from the record's
 * original timestamp by spring-kafka's retry-topic {@code timeoutAfter}); decoding failures, rejected drafts and
 * permanent refusals are not retried; past the horizon, the record goes to {@code <topic>.dlq} and
 * {@link OutboundListener#onDeadLetter} audits it ({@code FAILED}, {@code DEAD_LETTERED}) and alerts staff
 * for critical mail.
 */
@Configuration
class OutboundRetries extends RetryTopicConfigurationSupport {

    private final AvroSerdes serdes;
    private final InfrastructureWaits infrastructureWaits;
    private final TopicRule topicRule;
    private final int concurrency;

    /**
     * @param concurrency consumers per delay topic and dead-letter topic of each lane in this instance. One by default:
     *     a delay topic is read only as its records come due, and each consumer is a thread, a group member and a set
     *     of client metrics (13 such topics × 3 lanes: 39 consumers instead of 117 at the listener concurrency).
     */
    OutboundRetries(AvroSerdes serdes, InfrastructureWaits infrastructureWaits, PlatformProperties platform,
            @Value("${deskpost.delivery.retry.concurrency:1}") int concurrency) {
        if (concurrency < 1) {
            throw new IllegalArgumentException("deskpost.delivery.retry.concurrency must be at least 1, was "
                    + concurrency);
        }
        this.serdes = serdes;
        this.infrastructureWaits = infrastructureWaits;
        this.topicRule = platform.topicRule();
        this.concurrency = concurrency;
    }

    /**
     * Dead letters keep a draft's credentials sealed, as released, so a redriven access mail still delivers its
     * code; only a draft composed before sealing, with clear secrets, is masked (DESIGN §5).
     */
    @Override
    protected Consumer<DeadLetterPublishingRecovererFactory> configureDeadLetterPublishingContainerFactory() {
        CredentialRedaction redaction = new CredentialRedaction(serdes);
        return factory -> factory.setDeadLetterPublisherCreator((templates, destination) ->
                new RedactingDeadLetterPublisher(templates, destination, redaction));
    }

    /**
     * PostgreSQL, the registry or the broker failing is not the mail's fault: the retry-topic containers wait
     * it out (paused, same record) instead of spending a retry attempt or dead-lettering (DESIGN §3).
     */
    @Override
    protected void configureCustomizers(CustomizersConfigurer customizers) {
        customizers.customizeListenerContainer(container -> {
            if (container.getCommonErrorHandler() != null) {
                container.setCommonErrorHandler(infrastructureWaits.around(container.getCommonErrorHandler()));
            }
        });
    }

    /** Wakes paused retry partitions when their back-off ends (what spring-kafka provides when it bootstraps itself). */
    @Bean
    RetryTopicSchedulerWrapper retryTopicScheduler() {
        ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
        scheduler.setThreadNamePrefix("delivery-retry-");
        scheduler.initialize();
        return new RetryTopicSchedulerWrapper(scheduler);
    }

    @Bean
    RetryHorizon outboundRetryHorizon(@Value("${deskpost.delivery.retry.horizon:4d}") Duration horizon,
            @Value("${deskpost.delivery.retry.initial-delay-ms:1000}") long initialDelayMs,
            @Value("${deskpost.delivery.retry.multiplier:2.0}") double multiplier,
            @Value("${deskpost.delivery.retry.max-delay-ms:1800000}") long maxDelayMs) {
        return new RetryHorizon(horizon, Duration.ofMillis(initialDelayMs), multiplier, Duration.ofMillis(maxDelayMs));
    }

    // One configuration per lane, not one for all: spring-kafka 4.1 binds a shared configuration's
    // dltHandlerMethod to one lane only and gives the others a DLT listener that invokes Object.toString().
    @Bean
    RetryTopicConfiguration priorityRetryTopics(KafkaTemplate<String, byte[]> rawBytesKafkaTemplate,
            RetryHorizon retries) {
        return retryTopics(Lane.PRIORITY, retries, rawBytesKafkaTemplate);
    }

    @Bean
    RetryTopicConfiguration standardRetryTopics(KafkaTemplate<String, byte[]> rawBytesKafkaTemplate,
            RetryHorizon retries) {
        return retryTopics(Lane.STANDARD, retries, rawBytesKafkaTemplate);
    }

    @Bean
    RetryTopicConfiguration bulkRetryTopics(KafkaTemplate<String, byte[]> rawBytesKafkaTemplate,
            RetryHorizon retries) {
        return retryTopics(Lane.BULK, retries, rawBytesKafkaTemplate);
    }

    private RetryTopicConfiguration retryTopics(Lane lane, RetryHorizon retries,
            KafkaTemplate<String, byte[]> template) {
        return RetryTopicConfigurationBuilder.newInstance()
                .includeTopic(lane.outbound().name())
                .maxAttempts(retries.attempts())
                .timeoutAfter(retries.horizon().toMillis())
                .exponentialBackoff(retries.initialDelay().toMillis(), retries.multiplier(),
                        retries.maxDelay().toMillis())
                // The waits at the cap share one delay topic, so days of retries add no topics.
                .sameIntervalTopicReuseStrategy(SameIntervalTopicReuseStrategy.SINGLE_TOPIC)
                .notRetryOn(List.of(RejectedEvent.class, SerializationException.class))
                .retryTopicSuffix(".retry")
                .dltSuffix(".dlq")
                // A lane's retry topics have its partitions: a record is retried on its own partition number.
                .autoCreateTopicsWith(topicRule.partitions(lane.outbound()), topicRule.replicationFactor())
                .concurrency(concurrency)
                .dltHandlerMethod("outboundListener", "onDeadLetter")
                .create(template);
    }
}
