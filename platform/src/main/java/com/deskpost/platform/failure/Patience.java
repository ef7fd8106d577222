package com.deskpost.platform.failure;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.retry.RetryListener;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.core.retry.Retryable;

/**
 * A serde for a global table whose deserializer waits out the registry instead of failing. Kafka
 * Streams cannot replace a failed global thread, so on it an infrastructure failure cannot end in
 * FAIL (the whole application would stop), and skipping the record would lose a directory change. A
 * global thread belongs to no consumer group and runs no transaction, so it can block while it backs off
 * (1 s doubling to 30 s) until the registry answers. Undecodable records still fail as before.
 */
public final class Patience {

    private static final Logger log = LoggerFactory.getLogger(Patience.class);

    private Patience() {
    }

    public static <T> Serde<T> forGlobalTable(Serde<T> serde) {
        Deserializer<T> inner = serde.deserializer();
        Map<String, RetryTemplate> retriesByTopic = new ConcurrentHashMap<>();
        Deserializer<T> patient = new Deserializer<>() {
            @Override
            public T deserialize(String topic, byte[] data) {
                return deserialize(topic, null, data);
            }

            @Override
            public T deserialize(String topic, Headers headers, byte[] data) {
                RetryTemplate retries = retriesByTopic.computeIfAbsent(topic, Patience::waitingOut);
                return retries.invoke(() -> headers == null ? inner.deserialize(topic, data)
                        : inner.deserialize(topic, headers, data));
            }
        };
        return Serdes.serdeFrom(serde.serializer(), patient);
    }

    /** Retries only our own infrastructure's failures, without end (the back-off never runs out); logs each wait. */
    private static RetryTemplate waitingOut(String topic) {
        RetryTemplate retries = new RetryTemplate(RetryPolicy.builder()
                .predicate(failure -> Failures.classify(failure).isInfrastructure())
                .backOff(InfrastructureWaits.backOff())
                .build());
        retries.setRetryListener(new RetryListener() {
            @Override
            public void onRetryFailure(RetryPolicy policy, Retryable<?> retryable, Throwable failure) {
                log.warn("Reading the global table {} waits for {}: {}", topic, Failures.classify(failure).tag(),
                        failure.getMessage());
            }
        });
        return retries;
    }
}
