package com.deskpost.bench;

import com.deskpost.testsupport.Postgres;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.logging.LoggingSystem;

/**
 * One run, one machine, every component in this JVM (broker, schema registry, the SMTP sink, all
 * services; PostgreSQL as a server process of its own): the machine's limits first (a bare Kafka
 * relay of the pipeline's hops, the sink's own acceptance rate), then the pipeline's sustained
 * throughput (ramped until the backlog grows), latency at 10/50/80 % of it, its CPU idle, the cost of
 * exactly-once and the idempotency ledger (on two fresh stacks), and a replay of already-delivered drafts. Writes
 * {@code bench-report.json}, {@code bench-report.html} and prints a table; asserts nothing. Run by
 * {@code ./mvnw -q -B -pl bench -am install exec:java -DskipTests -Ddeskpost.devstack.skip}.
 */
public final class Bench {

    private final Settings settings = Settings.fromSystemProperties();
    private final Map<String, Object> results = new LinkedHashMap<>();

    public static void main(String[] args) throws Exception {
        // The services would otherwise reset logging as each starts; the bench's configuration keeps them at WARN.
        System.setProperty(LoggingSystem.SYSTEM_PROPERTY, LoggingSystem.NONE);
        new Bench().run();
        System.exit(0);
    }

    private void run() throws Exception {
        say("Deskpost bench: %s", settings);
        results.put("settings", settings.asMap());
        try (Postgres postgres = Postgres.start(); SinkServer sink = SinkServer.start();
                Timeline timeline = new Timeline(sink)) {
            Phases phases = new Phases(settings, sink, timeline, results);
            try (Pipeline pipeline = new Pipeline(postgres, sink, true)) {
                timeline.phase("warm-up", pipeline);
                phases.warmUp(pipeline);
                phases.baselines(pipeline);
                double maxBookingRate = phases.ramp(pipeline, "throughput");
                phases.latency(pipeline, maxBookingRate);
                phases.idle(pipeline);
                if (settings.dkim()) {
                    phases.dkimRamp(pipeline);
                }
                phases.replay(pipeline);
            }
            // Two fresh stacks side by side, so bursts alternate between them (DESIGN's guarantees off only here) and
            // neither carries the ramps' and the replay's ledger and audit rows.
            if (settings.pairs() > 0) {
                try (Pipeline with = new Pipeline(postgres, sink, true);
                        Pipeline without = new Pipeline(postgres, sink, false)) {
                    timeline.phase("warm-up (guarantees on)", with);
                    phases.warmUp(with);
                    timeline.phase("warm-up (guarantees off)", without);
                    phases.warmUp(without);
                    phases.guaranteeCost(with, without);
                }
            }
            results.put("process", Bench.ordered(
                    "note", "one JVM holds broker, registry, SMTP sink and all services; PostgreSQL is its own process",
                    "peakRssMiB", round(ProcessStats.peakRssMib()), "peakHeapMiB", round(ProcessStats.peakHeapMib()),
                    "cpuSecondsTotal", round(ProcessStats.cpuSeconds())));
            results.put("timeline", timeline.points());
        }
        Path out = Path.of(settings.out());
        Report.write(results, out);
        System.out.println(Report.table(results));
        say("Wrote %s and %s", out.resolve("bench-report.json"), out.resolve("bench-report.html"));
    }

    static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }

    static void say(String format, Object... args) {
        System.out.printf("[bench] " + format + "%n", args);
    }

    /** What the run is asked to do; each a system property {@code bench.<name>}. */
    record Settings(int stepSeconds, int replayDrafts, int burstBookings, int relayRecords, int smtpMessages,
            int pairs, boolean dkim, Duration warmUpMax, String out) {

        static Settings fromSystemProperties() {
            return new Settings(Integer.getInteger("bench.step-seconds", 15),
                    Integer.getInteger("bench.replay-drafts", 100_000),
                    Integer.getInteger("bench.burst-bookings", 4_000),
                    Integer.getInteger("bench.relay-records", 100_000),
                    Integer.getInteger("bench.smtp-messages", 20_000),
                    Integer.getInteger("bench.pairs", 3),
                    Boolean.parseBoolean(System.getProperty("bench.dkim", "true")),
                    Duration.parse("PT" + System.getProperty("bench.warm-up-max", "3m").toUpperCase()),
                    System.getProperty("bench.out", "target/bench"));
        }

        Duration step() {
            return Duration.ofSeconds(stepSeconds);
        }

        Map<String, Object> asMap() {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("stepSeconds", stepSeconds);
            map.put("replayDrafts", replayDrafts);
            map.put("burstBookings", burstBookings);
            map.put("relayRecords", relayRecords);
            map.put("smtpMessages", smtpMessages);
            map.put("pairs", pairs);
            map.put("dkim", dkim);
            map.put("warmUpMax", warmUpMax.toString());
            map.put("cores", Runtime.getRuntime().availableProcessors());
            map.put("maxHeapMiB", Runtime.getRuntime().maxMemory() / (1024 * 1024));
            return map;
        }
    }

    /** A map keeping the order its pairs are given in, so the JSON reads in the order of the run. */
    static Map<String, Object> ordered(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
