package com.deskpost.platform.failure;

import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.util.backoff.BackOffExecution;

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
        Deserializer<T> patient = new Deserializer<>() {
            @Override
            public T deserialize(String topic, byte[] data) {
                return deserialize(topic, null, data);
            }

            @Override
            public T deserialize(String topic, Headers headers, byte[] data) {
                BackOffExecution backOff = null;
                while (true) {
                    try {
                        return headers == null ? inner.deserialize(topic, data) : inner.deserialize(topic, headers, data);
                    } catch (RuntimeException e) {
                        Failure failure = Failures.classify(e);
                        if (!failure.isInfrastructure()) {
                            throw e;
                        }
                        backOff = backOff == null ? InfrastructureWaits.backOff().start() : backOff;
                        long pause = backOff.nextBackOff();
                        log.warn("Reading the global table {} waits {} ms for {}: {}", topic, pause, failure.tag(),
                                e.getMessage());
                        try {
                            Thread.sleep(pause);
                        } catch (InterruptedException interrupted) {
                            Thread.currentThread().interrupt();
                            throw e;
                        }
                    }
                }
            }
        };
        return Serdes.serdeFrom(serde.serializer(), patient);
    }
}
