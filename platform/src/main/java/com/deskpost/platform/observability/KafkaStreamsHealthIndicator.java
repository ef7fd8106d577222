package com.deskpost.platform.observability;

import org.apache.kafka.streams.KafkaStreams;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;

/**
 * The service's Kafka Streams application: up while it runs or rebalances (a rebalance is
 * routine and short), down in any other state (not started, stopping, or failed: its topology
 * processes nothing, so the service is not ready).
 */
public final class KafkaStreamsHealthIndicator extends AbstractHealthIndicator {

    private final StreamsBuilderFactoryBean streams;

    public KafkaStreamsHealthIndicator(StreamsBuilderFactoryBean streams) {
        super("Kafka Streams health check failed");
        this.streams = streams;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        KafkaStreams running = streams.getKafkaStreams();
        KafkaStreams.State state = running == null ? KafkaStreams.State.CREATED : running.state();
        boolean up = state == KafkaStreams.State.RUNNING || state == KafkaStreams.State.REBALANCING;
        (up ? builder.up() : builder.down()).withDetail("state", state.name());
    }
}
