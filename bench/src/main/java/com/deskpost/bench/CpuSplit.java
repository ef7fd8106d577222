package com.deskpost.bench;

import static com.deskpost.bench.Bench.round;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * This process's CPU seconds split by who spent them: the services, the infrastructure the run embeds (the Kafka
 * broker and the schema registry, machines of their own in production), the bench's own load and SMTP sink, and the
 * JVM itself (garbage collection, JIT compilation, threads that ended since the last reading). Threads are told apart
 * by their names; the JVM's share is the process's time less every live thread's.
 */
record CpuSplit(double services, double infrastructure, double harness, double jvm) {

    /**
     * The embedded KRaft broker's threads and the schema registry's (its HTTP server's dispatcher too); the Kafka
     * clients' threads are the services'.
     */
    private static final Pattern INFRASTRUCTURE = Pattern.compile("(data-plane-kafka|kafka-\\d|kafka-scheduler"
            + "|kafka-log-cleaner|kafka-cluster-test-kit|broker-\\d|controller-\\d|quorum-controller|raft-"
            + "|group-coordinator|share-coordinator|share-group|executor-|ExpirationReaper|TxnMarkerSenderThread"
            + "|AddPartitionsToTxnSenderThread|transaction-log-manager|metrics-meter-tick|client-metrics-reaper"
            + "|network-partition-metadata|persister-state-manager|PersisterStateManager|log-closing"
            + "|LogDirFailureHandler|ReplicaFetcherThread|schema-registry|HTTP-Dispatcher).*");
    /** The bench's threads, its relay baseline's and the SMTP sink's (SubEthaSMTP runs sessions on a plain pool). */
    private static final Pattern HARNESS = Pattern.compile(
            "(com\\.deskpost\\.bench|bench-|relay-|org\\.subethamail|pool-\\d+-thread-).*");

    /** Each live thread's CPU seconds by its id, and the process's, at one moment. */
    record Reading(Map<Long, Double> threads, Map<Long, String> names, double process) {

        /**
         * What was spent since {@code before}, per 1,000 of {@code units} (or per second, as cores). Each thread counts
         * what it spent since then (all of it if it started since); a thread that ended meanwhile takes its time with
         * it, which the JVM's share then holds.
         */
        CpuSplit since(Reading before, double units, double per) {
            double services = 0;
            double infrastructure = 0;
            double harness = 0;
            for (Map.Entry<Long, Double> thread : threads.entrySet()) {
                double spent = thread.getValue() - before.threads.getOrDefault(thread.getKey(), 0.0);
                String name = names.get(thread.getKey());
                if (INFRASTRUCTURE.matcher(name).matches()) {
                    infrastructure += spent;
                } else if (HARNESS.matcher(name).matches()) {
                    harness += spent;
                } else {
                    services += spent;
                }
            }
            double scale = per / Math.max(1, units);
            double jvm = process - before.process - services - infrastructure - harness;
            return new CpuSplit(services * scale, infrastructure * scale, harness * scale, jvm * scale);
        }
    }

    static Reading read() {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        Map<Long, Double> threads = new HashMap<>();
        Map<Long, String> names = new HashMap<>();
        for (ThreadInfo thread : mx.getThreadInfo(mx.getAllThreadIds())) {
            if (thread == null) {
                continue;
            }
            long nanos = mx.getThreadCpuTime(thread.getThreadId());
            if (nanos >= 0) {
                threads.put(thread.getThreadId(), nanos / 1e9);
                names.put(thread.getThreadId(), thread.getThreadName());
            }
        }
        return new Reading(threads, names, ProcessStats.cpuSeconds());
    }

    /** The whole process's: the four shares together. */
    double total() {
        return services + infrastructure + harness + jvm;
    }

    Map<String, Object> asMap() {
        return Bench.ordered("services", round(services), "kafkaBrokerAndRegistry", round(infrastructure),
                "benchLoadAndSmtpSink", round(harness), "jvmGcJitAndEndedThreads", round(jvm));
    }

    @Override
    public String toString() {
        return String.format("services %.2f, broker and registry %.2f, bench and SMTP sink %.2f, GC/JIT %.2f",
                services, infrastructure, harness, jvm);
    }
}
