package com.deskpost.platform.outbox;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.ToDoubleFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The relay's lag as gauges, tagged {@code service}: {@code deskpost.outbox.pending} (rows waiting),
 * {@code deskpost.outbox.oldest.age} (seconds the oldest has waited) and {@code deskpost.outbox.leader}
 * (1 on the elected instance, 0 on a standby). The backlog is read from PostgreSQL at a scrape, once for
 * both of its gauges; absent from a scrape (NaN) when the database does not answer.
 */
final class OutboxGauges {

    private static final Logger log = LoggerFactory.getLogger(OutboxGauges.class);
    // One read serves the scrape's gauges; a scrape reads them within milliseconds of each other.
    private static final long REUSE_NANOS = 1_000_000_000L;

    private final OutboxBacklog backlog;
    private OutboxBacklog.Backlog last;
    private long readAt;

    private OutboxGauges(OutboxBacklog backlog) {
        this.backlog = backlog;
    }

    static void register(MeterRegistry registry, String service, OutboxRelay relay, OutboxBacklog backlog) {
        OutboxGauges gauges = new OutboxGauges(backlog);
        gauge(registry, "deskpost.outbox.pending", "rows waiting in the outbox to be relayed", service, gauges,
                g -> g.read(b -> b.pending()));
        gauge(registry, "deskpost.outbox.oldest.age", "how long the oldest waiting row has waited", service, gauges,
                g -> g.read(b -> b.oldest().toMillis() / 1000.0));
        Gauge.builder("deskpost.outbox.leader", relay, r -> r.leader() ? 1 : 0)
                .description("1 on the instance elected to relay the outbox, 0 on a standby")
                .tag("service", service).register(registry);
    }

    private static void gauge(MeterRegistry registry, String name, String description, String service,
            OutboxGauges gauges, ToDoubleFunction<OutboxGauges> value) {
        Gauge.Builder<OutboxGauges> builder = Gauge.builder(name, gauges, value).description(description)
                .tag("service", service);
        if (name.endsWith(".age")) {
            builder.baseUnit("seconds");
        }
        builder.register(registry);
    }

    private synchronized double read(ToDoubleFunction<OutboxBacklog.Backlog> value) {
        long now = System.nanoTime();
        if (last == null || now - readAt > REUSE_NANOS) {
            try {
                last = backlog.read();
                readAt = now;
            } catch (RuntimeException e) {
                log.debug("Outbox backlog not readable for the metrics", e);
                last = null;
                return Double.NaN;
            }
        }
        return value.applyAsDouble(last);
    }
}
