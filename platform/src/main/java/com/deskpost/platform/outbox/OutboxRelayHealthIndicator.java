package com.deskpost.platform.outbox;

import java.time.Duration;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Health {@code outboxRelay}: this instance's role (leader or standby), the rows waiting in the outbox and
 * how long the oldest has waited; DOWN once that exceeds {@code deskpost.outbox.max-wait}, on every
 * instance alike (the backlog is the service's, not the instance's). Not part of readiness: a relay that
 * lags must not take the service's HTTP endpoints out of a load balancer.
 */
public final class OutboxRelayHealthIndicator extends AbstractHealthIndicator {

    private final OutboxRelay relay;
    private final OutboxBacklog backlog;
    private final Duration maxWait;

    public OutboxRelayHealthIndicator(OutboxRelay relay, OutboxBacklog backlog, Duration maxWait) {
        super("Outbox relay check failed");
        this.relay = relay;
        this.backlog = backlog;
        this.maxWait = maxWait;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        OutboxBacklog.Backlog now = backlog.read();
        if (now.oldest().compareTo(maxWait) > 0) {
            builder.down();
        } else {
            builder.up();
        }
        builder.withDetail("role", relay.leader() ? "leader" : "standby")
                .withDetail("pending", now.pending())
                .withDetail("oldestAgeSeconds", now.oldest().toSeconds())
                .withDetail("maxWaitSeconds", maxWait.toSeconds());
    }
}
