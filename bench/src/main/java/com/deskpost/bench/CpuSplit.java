package com.deskpost.bench;

import static com.deskpost.bench.Bench.round;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
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

    static CpuSplit now() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        double services = 0;
        double infrastructure = 0;
        double harness = 0;
        for (ThreadInfo thread : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (thread == null) {
                continue;
            }
            long nanos = threads.getThreadCpuTime(thread.getThreadId());
            if (nanos < 0) {
                continue;
            }
            double seconds = nanos / 1e9;
            String name = thread.getThreadName();
            if (INFRASTRUCTURE.matcher(name).matches()) {
                infrastructure += seconds;
            } else if (HARNESS.matcher(name).matches()) {
                harness += seconds;
            } else {
                services += seconds;
            }
        }
        return new CpuSplit(services, infrastructure, harness,
                ProcessStats.cpuSeconds() - services - infrastructure - harness);
    }

    /**
     * What was spent since {@code before}, per 1,000 of {@code units} (or per second, as cores). A thread that
     * ended meanwhile takes its time with it from its share: the JVM's share has it.
     */
    CpuSplit since(CpuSplit before, double units, double per) {
        double scale = per / Math.max(1, units);
        double servicesSpent = Math.max(0, services - before.services);
        double infrastructureSpent = Math.max(0, infrastructure - before.infrastructure);
        double harnessSpent = Math.max(0, harness - before.harness);
        double total = services + infrastructure + harness + jvm
                - (before.services + before.infrastructure + before.harness + before.jvm);
        return new CpuSplit(servicesSpent * scale, infrastructureSpent * scale, harnessSpent * scale,
                (total - servicesSpent - infrastructureSpent - harnessSpent) * scale);
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
