package com.deskpost.platform.failure;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Readiness while a consumer waits for our own infrastructure: out of service, naming each waiting
 * consumer, why, since when and when it retries. The consumer keeps its position and resumes by itself.
 */
public final class ConsumerWaitsHealthIndicator extends AbstractHealthIndicator {

    private final ConsumerWaits waits;

    public ConsumerWaitsHealthIndicator(ConsumerWaits waits) {
        super("Consumer waits check failed");
        this.waits = waits;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        Map<String, ConsumerWaits.Wait> current = waits.current();
        if (current.isEmpty()) {
            builder.up();
            return;
        }
        builder.outOfService();
        current.forEach((consumer, wait) -> {
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("reason", wait.reason().tag());
            detail.put("since", wait.since().toString());
            detail.put("retryAt", wait.retryAt().toString());
            detail.put("cause", wait.cause());
            builder.withDetail(consumer, detail);
        });
    }
}
