package com.deskpost.reliability.harness;

import com.deskpost.reliability.traffic.FacilityProducer;
import com.deskpost.reliability.traffic.FacilityTraffic;
import java.nio.file.Path;
import java.util.concurrent.locks.LockSupport;

/**
 * The process stack the fault scenarios share (kill, reply window, replay run one after another on it,
 * as on one host over a day), with its directories seeded before the services first start, so no
 * event ever names a member the composers have not seen.
 */
public final class Deployment implements AutoCloseable {

    public static final int MEMBERS = 200;

    private final ProcessStack stack;
    private final FacilityProducer producer;
    private final FacilityTraffic traffic;

    private Deployment(Path root, Path out) {
        long started = System.nanoTime();
        stack = ProcessStack.start(root, out);
        producer = new FacilityProducer(stack.bootstrapServers(), stack.registryUrl());
        traffic = new FacilityTraffic(producer, 42, Long.toString(System.currentTimeMillis() % 100_000, 36).toUpperCase());
        traffic.seedDirectory(MEMBERS);
        System.out.printf("  stack: broker (pid of its own), PostgreSQL, registry, sink up; starting %d services as processes%n",
                ProcessStack.SERVICES.size());
        stack.startServices();
        System.out.printf("  stack: every service healthy after %.0f s (logs in %s)%n",
                (System.nanoTime() - started) / 1e9, out.resolve("logs"));
    }

    public static Deployment start(Path root, Path out) {
        return new Deployment(root, out);
    }

    public ProcessStack stack() {
        return stack;
    }

    public FacilityProducer producer() {
        return producer;
    }

    public FacilityTraffic traffic() {
        return traffic;
    }

    /** Publishes the next {@code count} events of the traffic mix at {@code eventsPerSecond}, then flushes. */
    public void publish(int count, double eventsPerSecond) {
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            long wait = start + (long) (i * 1e9 / eventsPerSecond) - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            traffic.next();
        }
        producer.flush();
    }

    @Override
    public void close() {
        producer.close();
        stack.close();
    }
}
