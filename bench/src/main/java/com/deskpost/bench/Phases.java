package com.deskpost.bench;

import static com.deskpost.bench.Bench.round;
import static com.deskpost.bench.Bench.say;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The measurements of one run, each adding its figures to the results. */
final class Phases {

    /** Offered rates in bookings per second; each booking is two mails (confirmation and staff copy). */
    private static final double[] RAMP = {25, 50, 100, 150, 200, 300, 400, 500, 650, 800, 1000, 1250, 1500};
    /** Steps between the highest rate sustained and the first that was not, each halving the gap. */
    private static final int REFINEMENTS = 2;
    private static final Duration DRAIN = Duration.ofMinutes(3);

    private final Bench.Settings settings;
    private final SinkServer sink;
    private final Timeline timeline;
    private final Map<String, Object> results;
    private final List<Map<String, Object>> warmUps = new ArrayList<>();
    private double relayRate;
    private double smtpRate;

    Phases(Bench.Settings settings, SinkServer sink, Timeline timeline, Map<String, Object> results) {
        this.settings = settings;
        this.sink = sink;
        this.timeline = timeline;
        this.results = results;
    }

    /**
     * Load through every stage until the JIT compiler is done with it: rounds of 10 s at 50 bookings/s until one spends
     * less than 2 % of its time compiling (at most {@code bench.warm-up-max}), so no measured step pays for compilation.
     * Several hundred bookings left C2 taking over a third of the machine through the first ramp steps.
     */
    void warmUp(Pipeline pipeline) {
        long start = System.nanoTime();
        long deadline = start + settings.warmUpMax().toNanos();
        long compiledBefore = ProcessStats.compilationMillis();
        int rounds = 0;
        double share;
        do {
            long before = sink.messages();
            long compiled = ProcessStats.compilationMillis();
            long roundStart = System.nanoTime();
            Load.offer(pipeline, 50, 10);
            Load.await(() -> sink.messages() >= before + 500L * Pipeline.MAILS_PER_BOOKING, DRAIN);
            share = (ProcessStats.compilationMillis() - compiled) / ((System.nanoTime() - roundStart) / 1e6);
            rounds++;
        } while (share > 0.02 && System.nanoTime() < deadline);
        pipeline.drainLatencies();
        double seconds = (System.nanoTime() - start) / 1e9;
        warmUps.add(Bench.ordered("seconds", round(seconds), "rounds", rounds,
                "compilationSeconds", round((ProcessStats.compilationMillis() - compiledBefore) / 1000.0),
                "lastRoundCompilingPercent", round(share * 100)));
        say("warm-up: %d rounds of 500 bookings in %.0f s; the JIT compiled for %.0f s, %.1f%% of the last round%s",
                rounds, seconds, (ProcessStats.compilationMillis() - compiledBefore) / 1000.0, share * 100,
                share > 0.02 ? " (still compiling: bench.warm-up-max reached)" : "");
        results.put("warmUps", warmUps);
    }

    void baselines(Pipeline pipeline) throws Exception {
        timeline.phase("baseline: Kafka relay", pipeline);
        relayRate = RelayBaseline.run(pipeline.stack().bootstrapServers(), pipeline.sampleBookingBytes(),
                settings.relayRecords());
        say("baseline: bare Kafka relay of %d hops: %.0f records/s", RelayBaseline.HOPS, relayRate);
        timeline.phase("baseline: SMTP sink", pipeline);
        smtpRate = SmtpBaseline.run(sink.port(), sink.lastMessage(), settings.smtpMessages());
        say("baseline: SMTP sink with a plain client, one connection: %.0f messages/s (sample %d bytes)", smtpRate,
                sink.lastMessage().length);
        results.put("baseline", Bench.ordered("kafkaRelayHops", RelayBaseline.HOPS,
                "kafkaRelayRecordsPerSecond", round(relayRate), "smtpSinkMessagesPerSecond", round(smtpRate),
                "sampleMailBytes", sink.lastMessage().length));
    }

    /**
     * The stack with no traffic at all for a step's length, once the sink has been quiet for a few seconds: the CPU
     * the pipeline costs whatever the mail rate (consumers polling and heart-beating, stream threads' loops, metrics
     * binders, the broker answering them), beside PostgreSQL's.
     */
    void idle(Pipeline pipeline) {
        timeline.phase("idle", pipeline);
        long[] seen = {sink.messages()};
        long[] quietSince = {System.nanoTime()};
        Load.await(() -> {
            if (sink.messages() != seen[0]) {
                seen[0] = sink.messages();
                quietSince[0] = System.nanoTime();
            }
            return System.nanoTime() - quietSince[0] > Duration.ofSeconds(5).toNanos();
        }, Duration.ofMinutes(1));
        CpuSplit.Reading split = CpuSplit.read();
        double postgresCpu = ProcessStats.postgresCpuSeconds();
        long compiled = ProcessStats.compilationMillis();
        long start = System.nanoTime();
        long deadline = start + Duration.ofSeconds(settings.stepSeconds()).toNanos();
        Load.await(() -> System.nanoTime() >= deadline, Duration.ofSeconds(settings.stepSeconds() + 1));
        double seconds = (System.nanoTime() - start) / 1e9;
        CpuSplit coresBy = CpuSplit.read().since(split, seconds, 1);
        double cores = coresBy.total();
        double postgresCores = (ProcessStats.postgresCpuSeconds() - postgresCpu) / seconds;
        double compiling = (ProcessStats.compilationMillis() - compiled) / 1000.0;
        results.put("idle", Bench.ordered("seconds", round(seconds), "jvmCores", round(cores),
                "jvmCoresBy", coresBy.asMap(), "postgresCores", round(postgresCores),
                "jitCompilingSeconds", round(compiling),
                "mailsMeanwhile", sink.messages() - seen[0]));
        say("idle: %.0f s without traffic: the JVM used %.2f cores (%s; the JIT compiled for %.1f s of it),"
                + " PostgreSQL %.2f", seconds, cores, coresBy, compiling, postgresCores);
    }

    /**
     * Offered rates stepped up until the backlog grows; each step's figures beside the machine's baselines.
     *
     * @param name the results' key: {@code throughput}, or {@code throughputDkim} for the ramp with signing on
     * @return the highest booking rate the pipeline sustained
     */
    double ramp(Pipeline pipeline, String name) {
        List<Map<String, Object>> steps = new ArrayList<>();
        Step best = null;
        double failed = 0;
        for (double rate : RAMP) {
            Step step = rampStep(pipeline, name, rate, steps);
            if (!step.sustained()) {
                failed = rate;
                break;
            }
            best = step;
        }
        // The ramp's steps grow by a third to a half near the top: halving the gap twice puts the figure within an
        // eighth of a step of the real limit.
        for (int refinement = 0; refinement < REFINEMENTS && failed > 0 && best != null; refinement++) {
            Step step = rampStep(pipeline, name, Math.round((best.bookingsPerSecond() + failed) / 2), steps);
            if (step.sustained()) {
                best = step;
            } else {
                failed = step.bookingsPerSecond();
            }
        }
        double bestRate = best == null ? 0 : best.bookingsPerSecond();
        double bestMails = best == null ? 0 : best.mailsPerSecond();
        double bestCpuPerThousand = best == null ? 0 : best.cpuSecondsPerThousandMails();
        double bestPostgresCpuPerThousand = best == null ? 0 : best.postgresCpuSecondsPerThousandMails();
        Map<String, Object> throughput = new LinkedHashMap<>();
        throughput.put("maxSustainedBookingsPerSecond", bestRate);
        throughput.put("maxSustainedMailsPerSecond", round(bestMails));
        throughput.put("kafkaRelayBaselineRecordsPerSecond", round(relayRate));
        throughput.put("smtpSinkBaselineMessagesPerSecond", round(smtpRate));
        throughput.put("ratioToKafkaRelay", round(bestMails / relayRate));
        throughput.put("ratioToSmtpSink", round(bestMails / smtpRate));
        throughput.put("cpuSecondsPer1000Mails", round(bestCpuPerThousand));
        // PostgreSQL is a process of its own: its CPU per 1,000 mails at the same step, not in the figure above.
        throughput.put("postgresCpuSecondsPer1000Mails", round(bestPostgresCpuPerThousand));
        if (best != null) {
            throughput.put("cpuSecondsPer1000MailsBy", best.cpuPerThousandMails().asMap());
        }
        throughput.put("steps", steps);
        results.put(name, throughput);
        say(name + ": max sustained %.1f mails/s (%.0f bookings/s); %.2f of the Kafka relay, %.2f of the SMTP sink;"
                + " %.2f CPU s per 1,000 mails (%s; and PostgreSQL %.2f)", bestMails, bestRate, bestMails / relayRate,
                bestMails / smtpRate, bestCpuPerThousand, best == null ? "-" : best.cpuPerThousandMails(),
                bestPostgresCpuPerThousand);
        return bestRate;
    }

    private Step rampStep(Pipeline pipeline, String name, double rate, List<Map<String, Object>> steps) {
        timeline.phase(name + " ramp " + (int) rate + " bookings/s", pipeline);
        Step step = Step.run(pipeline, sink, rate, settings.stepSeconds());
        Map<String, Object> figures = step.asMap();
        figures.put("ratioToSmtpSink", round(step.mailsPerSecond() / smtpRate));
        figures.put("ratioToKafkaRelay", round(step.mailsPerSecond() / relayRate));
        steps.add(figures);
        say("ramp: offered %5.0f mails/s, delivered %6.1f mails/s during the step, backlog at its end %5d,"
                + " drained in %4.1f s -> %s", rate * Pipeline.MAILS_PER_BOOKING, step.mailsPerSecond(),
                step.backlogAtEnd(), step.drainSeconds(), step.sustained() ? "sustained" : "backlog grows");
        return step;
    }

    void latency(Pipeline pipeline, double maxBookingRate) {
        Map<String, Object> latency = new LinkedHashMap<>();
        for (int percent : new int[] {10, 50, 80}) {
            double rate = Math.max(1, maxBookingRate * percent / 100.0);
            timeline.phase("latency at " + percent + "%", pipeline);
            pipeline.drainLatencies();
            Histogram before = pipeline.eventToSend();
            Step step = Step.run(pipeline, sink, rate, settings.stepSeconds());
            List<Double> samples = pipeline.drainLatencies();
            Histogram metric = pipeline.eventToSend().since(before);
            List<Double> p = Load.percentiles(samples);
            latency.put(percent + "%", Bench.ordered("bookingsPerSecond", round(rate), "samples", samples.size(),
                    "p50Ms", round(p.get(0)), "p95Ms", round(p.get(1)), "p99Ms", round(p.get(2)), "maxMs", round(p.get(3)),
                    "sustained", step.sustained(), "cpuSecondsPer1000Mails", round(step.cpuSecondsPerThousandMails()),
                    "cpuSecondsPer1000MailsBy", step.cpuPerThousandMails().asMap(),
                    "postgresCpuSecondsPer1000Mails", round(step.postgresCpuSecondsPerThousandMails()),
                    // The same, as production reads it: delivery's histogram, from the facility event to the 250.
                    "metric", Bench.ordered("name", "deskpost_mail_event_to_send_seconds{held=\"false\"}",
                            "observations", (long) metric.count(), "p50Ms", round(metric.quantile(0.50)),
                            "p95Ms", round(metric.quantile(0.95)), "p99Ms", round(metric.quantile(0.99)))));
            say("latency at %d%% (%.0f bookings/s, %d confirmations): p50 %.0f ms, p95 %.0f ms, p99 %.0f ms, max %.0f ms;"
                    + " delivery's histogram: p50 %.0f ms, p99 %.0f ms of %d", percent, rate, samples.size(), p.get(0),
                    p.get(1), p.get(2), p.get(3), metric.quantile(0.50), metric.quantile(0.99), (long) metric.count());
            say("latency at %d%%: %.2f CPU s per 1,000 mails (%s), PostgreSQL %.2f", percent,
                    step.cpuSecondsPerThousandMails(), step.cpuPerThousandMails(),
                    step.postgresCpuSecondsPerThousandMails());
        }
        results.put("latency", latency);
    }

    /** As many bookings as fast as the producer goes; the rate at which their mail reaches the sink. */
    Burst burst(Pipeline pipeline, String name) {
        timeline.phase("burst " + name, pipeline);
        long before = sink.messages();
        double cpu = ProcessStats.cpuSeconds();
        long start = System.nanoTime();
        for (int i = 0; i < settings.burstBookings(); i++) {
            pipeline.book();
        }
        pipeline.flush();
        long expected = (long) settings.burstBookings() * Pipeline.MAILS_PER_BOOKING;
        boolean done = Load.await(() -> sink.messages() >= before + expected, Duration.ofMinutes(10));
        double seconds = (System.nanoTime() - start) / 1e9;
        Burst burst = new Burst((sink.messages() - before) / seconds, seconds, done,
                (ProcessStats.cpuSeconds() - cpu) / Math.max(1, sink.messages() - before) * 1000);
        pipeline.drainLatencies();
        say("burst (%s): %d bookings -> %.1f mails/s over %.1f s, %.2f CPU s per 1,000 mails%s", name,
                settings.burstBookings(), burst.mailsPerSecond(), seconds, burst.cpuSecondsPer1000Mails(),
                done ? "" : " (INCOMPLETE)");
        return burst;
    }

    /** One burst's figures. */
    record Burst(double mailsPerSecond, double seconds, boolean complete, double cpuSecondsPer1000Mails) {

        Map<String, Object> asMap() {
            return Bench.ordered("mailsPerSecond", round(mailsPerSecond), "seconds", round(seconds), "complete", complete,
                    "cpuSecondsPer1000Mails", round(cpuSecondsPer1000Mails));
        }
    }

    /**
     * The cost of exactly-once and the ledger: bursts alternating between the stack with them and the stack without
     * (on-off, off-on, on-off, ...), so the machine's drift falls on both alike; each pair's throughput ratio, their
     * median and spread. Inconclusive when the pairs disagree by more than the goal itself (10 points).
     */
    void guaranteeCost(Pipeline on, Pipeline off) {
        List<Map<String, Object>> pairs = new ArrayList<>();
        List<Double> ratios = new ArrayList<>();
        List<Double> cpuRatios = new ArrayList<>();
        for (int pair = 0; pair < settings.pairs(); pair++) {
            boolean onFirst = pair % 2 == 0;
            Burst first = burst(onFirst ? on : off, (onFirst ? "guaranteesOn" : "guaranteesOff") + " " + (pair + 1));
            Burst second = burst(onFirst ? off : on, (onFirst ? "guaranteesOff" : "guaranteesOn") + " " + (pair + 1));
            Burst withThem = onFirst ? first : second;
            Burst without = onFirst ? second : first;
            double ratio = withThem.mailsPerSecond() / without.mailsPerSecond();
            ratios.add(ratio);
            cpuRatios.add(withThem.cpuSecondsPer1000Mails() / without.cpuSecondsPer1000Mails());
            pairs.add(Bench.ordered("order", onFirst ? "on, off" : "off, on", "on", withThem.asMap(),
                    "off", without.asMap(), "throughputRatioOnToOff", round(ratio)));
        }
        double median = median(ratios);
        double spread = Collections.max(ratios) - Collections.min(ratios);
        boolean conclusive = spread <= 0.10;
        results.put("guarantees", Bench.ordered("pairs", pairs, "medianThroughputRatioOnToOff", round(median),
                "costPercent", round((1 - median) * 100),
                "spreadPercentagePoints", round(spread * 100),
                "lowestCostPercent", round((1 - Collections.max(ratios)) * 100),
                "highestCostPercent", round((1 - Collections.min(ratios)) * 100),
                "medianCpuRatioOnToOff", round(median(cpuRatios)),
                "conclusive", conclusive));
        say("cost of exactly-once + idempotency ledger over %d alternating pairs: median %.1f%% of throughput"
                + " (pairs from %.1f%% to %.1f%%)%s", ratios.size(), (1 - median) * 100,
                (1 - Collections.max(ratios)) * 100, (1 - Collections.min(ratios)) * 100,
                conclusive ? "" : "; the pairs disagree by more than 10 points: too wide to conclude");
    }

    /**
     * The ramp again with every location's mail DKIM-signed (RSA 2048, as operators sign today), and the share of
     * the CPU per mail that signing takes, at the highest rate both ramps sustained.
     */
    void dkimRamp(Pipeline pipeline) {
        timeline.phase("DKIM: delivery restarted with signing keys", pipeline);
        pipeline.restartDelivery(DkimKeys.settings(Pipeline.senderDomains()));
        warmUp(pipeline);
        boolean signed = new String(sink.lastMessage(), java.nio.charset.StandardCharsets.US_ASCII)
                .contains("DKIM-Signature:");
        ramp(pipeline, "throughputDkim");
        pipeline.restartDelivery();
        warmUp(pipeline);
        Map<String, Object> plain = section("throughput");
        Map<String, Object> dkim = section("throughputDkim");
        dkim.put("signed", signed);
        Map<Double, Double> plainCpu = cpuBySustainedRate(plain);
        Map<Double, Double> dkimCpu = cpuBySustainedRate(dkim);
        plainCpu.keySet().retainAll(dkimCpu.keySet());
        if (!plainCpu.isEmpty()) {
            double rate = Collections.max(plainCpu.keySet());
            double share = (dkimCpu.get(rate) - plainCpu.get(rate)) / dkimCpu.get(rate);
            dkim.put("signingShareOfCpu", Bench.ordered("atBookingsPerSecond", rate,
                    "cpuSecondsPer1000MailsUnsigned", round(plainCpu.get(rate)),
                    "cpuSecondsPer1000MailsSigned", round(dkimCpu.get(rate)), "sharePercent", round(share * 100)));
            say("DKIM: %s; at %.0f bookings/s signing takes %.0f%% of the CPU per mail (%.2f vs %.2f CPU s per 1,000)",
                    signed ? "mail signed" : "MAIL NOT SIGNED", rate, share * 100, dkimCpu.get(rate), plainCpu.get(rate));
        }
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> section(String name) {
        return (Map<String, Object>) results.get(name);
    }

    @SuppressWarnings("unchecked")
    private static Map<Double, Double> cpuBySustainedRate(Map<String, Object> throughput) {
        Map<Double, Double> cpu = new LinkedHashMap<>();
        for (Map<String, Object> step : (List<Map<String, Object>>) throughput.get("steps")) {
            if (Boolean.TRUE.equals(step.get("sustained"))) {
                cpu.put((Double) step.get("offeredBookingsPerSecond"), (Double) step.get("cpuSecondsPer1000Mails"));
            }
        }
        return cpu;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    void replay(Pipeline pipeline) throws Exception {
        timeline.phase("replay: first delivery", pipeline);
        Replay replay = new Replay(pipeline, sink, settings.replayDrafts());
        Map<String, Object> figures = replay.run(timeline);
        results.put("replay", figures);
    }
}
