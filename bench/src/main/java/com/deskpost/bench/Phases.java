package com.deskpost.bench;

import static com.deskpost.bench.Bench.round;
import static com.deskpost.bench.Bench.say;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The measurements of one run, each adding its figures to the results. */
final class Phases {

    /** Offered rates in bookings per second; each booking is two mails (confirmation and staff copy). */
    private static final double[] RAMP = {25, 50, 100, 150, 200, 300, 400, 500, 650, 800, 1000, 1250, 1500};
    private static final Duration DRAIN = Duration.ofMinutes(3);

    private final Bench.Settings settings;
    private final SinkServer sink;
    private final Timeline timeline;
    private final Map<String, Object> results;
    private double relayRate;
    private double smtpRate;

    Phases(Bench.Settings settings, SinkServer sink, Timeline timeline, Map<String, Object> results) {
        this.settings = settings;
        this.sink = sink;
        this.timeline = timeline;
        this.results = results;
    }

    /** Some hundreds of bookings through every stage, so JIT, pools and consumer assignments are settled. */
    void warmUp(Pipeline pipeline) {
        long before = sink.messages();
        Load.offer(pipeline, 50, 6);
        boolean done = Load.await(() -> sink.messages() >= before + 300L * Pipeline.MAILS_PER_BOOKING, DRAIN);
        pipeline.drainLatencies();
        say("warm-up: %s", done ? "300 bookings delivered" : "NOT all warm-up mail arrived in 3 minutes");
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

    /** @return the highest booking rate the pipeline sustained */
    double ramp(Pipeline pipeline) {
        List<Map<String, Object>> steps = new ArrayList<>();
        double best = 0;
        double bestMails = 0;
        double bestCpuPerThousand = 0;
        for (double rate : RAMP) {
            timeline.phase("ramp " + (int) rate + " bookings/s", pipeline);
            Step step = Step.run(pipeline, sink, rate, settings.stepSeconds());
            steps.add(step.asMap());
            say("ramp: offered %5.0f mails/s, delivered %6.1f mails/s during the step, backlog at its end %5d,"
                    + " drained in %4.1f s -> %s", rate * Pipeline.MAILS_PER_BOOKING, step.mailsPerSecond(),
                    step.backlogAtEnd(), step.drainSeconds(), step.sustained() ? "sustained" : "backlog grows");
            if (!step.sustained()) {
                break;
            }
            best = rate;
            bestMails = step.mailsPerSecond();
            bestCpuPerThousand = step.cpuSecondsPerThousandMails();
        }
        Map<String, Object> throughput = new LinkedHashMap<>();
        throughput.put("maxSustainedBookingsPerSecond", best);
        throughput.put("maxSustainedMailsPerSecond", round(bestMails));
        throughput.put("ratioToKafkaRelay", round(bestMails / relayRate));
        throughput.put("ratioToSmtpSink", round(bestMails / smtpRate));
        throughput.put("cpuSecondsPer1000Mails", round(bestCpuPerThousand));
        throughput.put("steps", steps);
        results.put("throughput", throughput);
        say("max sustained: %.1f mails/s (%.0f bookings/s); %.2f of the Kafka relay, %.2f of the SMTP sink;"
                + " %.2f CPU s per 1,000 mails", bestMails, best, bestMails / relayRate, bestMails / smtpRate,
                bestCpuPerThousand);
        return best;
    }

    void latency(Pipeline pipeline, double maxBookingRate) {
        Map<String, Object> latency = new LinkedHashMap<>();
        for (int percent : new int[] {10, 50, 80}) {
            double rate = Math.max(1, maxBookingRate * percent / 100.0);
            timeline.phase("latency at " + percent + "%", pipeline);
            pipeline.drainLatencies();
            Step step = Step.run(pipeline, sink, rate, settings.stepSeconds());
            List<Double> samples = pipeline.drainLatencies();
            List<Double> p = Load.percentiles(samples);
            latency.put(percent + "%", Bench.ordered("bookingsPerSecond", round(rate), "samples", samples.size(),
                    "p50Ms", round(p.get(0)), "p95Ms", round(p.get(1)), "p99Ms", round(p.get(2)), "maxMs", round(p.get(3)),
                    "sustained", step.sustained()));
            say("latency at %d%% (%.0f bookings/s, %d confirmations): p50 %.0f ms, p95 %.0f ms, p99 %.0f ms, max %.0f ms",
                    percent, rate, samples.size(), p.get(0), p.get(1), p.get(2), p.get(3));
        }
        results.put("latency", latency);
    }

    /** As many bookings as fast as the producer goes; the rate at which their mail reaches the sink. */
    void burst(Pipeline pipeline, String name) {
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
        double rate = (sink.messages() - before) / seconds;
        pipeline.drainLatencies();
        Map<String, Object> burst = Bench.ordered("bookings", settings.burstBookings(), "mailsPerSecond", round(rate),
                "seconds", round(seconds), "complete", done,
                "cpuSecondsPer1000Mails", round((ProcessStats.cpuSeconds() - cpu) / (sink.messages() - before) * 1000));
        results.put("burst " + name, burst);
        say("burst (%s): %d bookings -> %.1f mails/s over %.1f s%s", name, settings.burstBookings(), rate, seconds,
                done ? "" : " (INCOMPLETE)");
    }

    void guaranteeCost() {
        @SuppressWarnings("unchecked")
        double on = (double) ((Map<String, Object>) results.get("burst guaranteesOn")).get("mailsPerSecond");
        @SuppressWarnings("unchecked")
        double off = (double) ((Map<String, Object>) results.get("burst guaranteesOff")).get("mailsPerSecond");
        results.put("guarantees", Bench.ordered("onMailsPerSecond", on, "offMailsPerSecond", off,
                "throughputRatioOnToOff", round(on / off), "costPercent", round((1 - on / off) * 100)));
        say("cost of exactly-once + idempotency ledger: %.1f vs %.1f mails/s, %.0f%% of throughput", on, off,
                (1 - on / off) * 100);
    }

    void replay(Pipeline pipeline) throws Exception {
        timeline.phase("replay: first delivery", pipeline);
        Replay replay = new Replay(pipeline, sink, settings.replayDrafts());
        Map<String, Object> figures = replay.run(timeline);
        results.put("replay", figures);
    }
}
