package com.deskpost.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** The run's figures as JSON, a text table and an HTML page with throughput and latency charts. */
final class Report {

    private Report() {
    }

    static void write(Map<String, Object> results, Path dir) {
        try {
            Files.createDirectories(dir);
            String json = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build()
                    .writeValueAsString(results);
            Files.writeString(dir.resolve("bench-report.json"), json);
            Files.writeString(dir.resolve("bench-report.html"), html(results, json));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the bench report to " + dir, e);
        }
    }

    @SuppressWarnings("unchecked")
    static String table(Map<String, Object> results) {
        Map<String, Object> baseline = (Map<String, Object>) results.get("baseline");
        Map<String, Object> throughput = (Map<String, Object>) results.get("throughput");
        Map<String, Object> latency = (Map<String, Object>) results.get("latency");
        Map<String, Object> replay = (Map<String, Object>) results.get("replay");
        Map<String, Object> guarantees = (Map<String, Object>) results.get("guarantees");
        Map<String, Object> process = (Map<String, Object>) results.get("process");
        StringBuilder out = new StringBuilder("\n");
        row(out, "Kafka relay baseline (" + baseline.get("kafkaRelayHops") + " hops)",
                baseline.get("kafkaRelayRecordsPerSecond") + " records/s");
        row(out, "SMTP sink baseline (plain client)", baseline.get("smtpSinkMessagesPerSecond") + " messages/s");
        Map<String, Object> idle = (Map<String, Object>) results.get("idle");
        if (idle != null) {
            row(out, "idle (no traffic)", idle.get("jvmCores") + " cores JVM, " + idle.get("postgresCores")
                    + " cores PostgreSQL");
        }
        row(out, "max sustained throughput", throughput.get("maxSustainedMailsPerSecond") + " mails/s ("
                + throughput.get("ratioToKafkaRelay") + " of relay, " + throughput.get("ratioToSmtpSink") + " of sink)"
                + "  goal >= 0.2 of sink");
        Map<String, Object> dkim = (Map<String, Object>) results.get("throughputDkim");
        if (dkim != null) {
            Map<String, Object> share = (Map<String, Object>) dkim.get("signingShareOfCpu");
            row(out, "max sustained, DKIM-signed (RSA 2048)", dkim.get("maxSustainedMailsPerSecond") + " mails/s ("
                    + dkim.get("ratioToSmtpSink") + " of sink)" + (share == null ? ""
                            : "; signing " + share.get("sharePercent") + "% of CPU per mail"));
        }
        for (String load : List.of("10%", "50%", "80%")) {
            Map<String, Object> l = (Map<String, Object>) latency.get(load);
            Map<String, Object> metric = (Map<String, Object>) l.get("metric");
            row(out, "latency at " + load + " of max", "p50 " + l.get("p50Ms") + " / p95 " + l.get("p95Ms") + " / p99 "
                    + l.get("p99Ms") + " / max " + l.get("maxMs") + " ms; histogram p50 " + metric.get("p50Ms")
                    + " / p99 " + metric.get("p99Ms") + " ms"
                    + (load.equals("50%") ? "  goal p99 <= 150" : load.equals("80%") ? "  goal p99 <= 1000" : ""));
        }
        row(out, "replay " + replay.get("recordsReplayed") + " records from offset 0", replay.get("replayRecordsPerSecond")
                + " /s, " + replay.get("speedUpOverFirstDelivery") + "x first delivery, " + replay.get("smtpSessionsOpened")
                + " SMTP sessions  goal >= 10x, 0 sessions");
        if (guarantees != null) {
            row(out, "guarantees on vs off (" + ((List<?>) guarantees.get("pairs")).size() + " alternating pairs)",
                    "median cost " + guarantees.get("costPercent") + "% (pairs " + guarantees.get("lowestCostPercent")
                            + "% to " + guarantees.get("highestCostPercent") + "%)"
                            + (Boolean.TRUE.equals(guarantees.get("conclusive")) ? "" : ", TOO WIDE TO CONCLUDE")
                            + "  goal <= 10%");
        }
        row(out, "CPU per 1,000 mails (at max sustained)", throughput.get("cpuSecondsPer1000Mails")
                + " CPU s in the JVM " + throughput.getOrDefault("cpuSecondsPer1000MailsBy", "") + ", "
                + throughput.get("postgresCpuSecondsPer1000Mails") + " in PostgreSQL");
        row(out, "peak memory (one JVM)", process.get("peakRssMiB") + " MiB RSS, " + process.get("peakHeapMiB")
                + " MiB heap");
        return out.toString();
    }

    private static void row(StringBuilder out, String what, String value) {
        out.append(String.format(Locale.ROOT, "  %-44s %s%n", what, value));
    }

    /** A self-contained page: mails per second over the run, and latency percentiles per load. */
    @SuppressWarnings("unchecked")
    private static String html(Map<String, Object> results, String json) {
        List<Map<String, Object>> points = (List<Map<String, Object>>) results.get("timeline");
        double maxRate = points.stream().mapToDouble(p -> ((Number) p.get("mailsPerSecond")).doubleValue()).max()
                .orElse(1);
        double maxT = points.isEmpty() ? 1 : ((Number) points.get(points.size() - 1).get("t")).doubleValue();
        StringBuilder line = new StringBuilder();
        for (Map<String, Object> p : points) {
            double x = 50 + ((Number) p.get("t")).doubleValue() / maxT * 900;
            double y = 330 - ((Number) p.get("mailsPerSecond")).doubleValue() / maxRate * 300;
            line.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
        }
        StringBuilder phases = new StringBuilder();
        String last = "";
        for (Map<String, Object> p : points) {
            String phase = (String) p.get("phase");
            if (!phase.equals(last)) {
                double x = 50 + ((Number) p.get("t")).doubleValue() / maxT * 900;
                phases.append(String.format(Locale.ROOT,
                        "<line x1='%.1f' y1='30' x2='%.1f' y2='330' stroke='#ddd'/>"
                                + "<text x='%.1f' y='345' font-size='9' transform='rotate(45 %.1f 345)'>%s</text>",
                        x, x, x, x, escape(phase)));
                last = phase;
            }
        }
        Map<String, Object> latency = (Map<String, Object>) results.get("latency");
        StringBuilder bars = new StringBuilder();
        double maxLatency = 1;
        for (Object v : latency.values()) {
            maxLatency = Math.max(maxLatency, ((Number) ((Map<String, Object>) v).get("maxMs")).doubleValue());
        }
        int group = 0;
        for (var entry : latency.entrySet()) {
            Map<String, Object> l = (Map<String, Object>) entry.getValue();
            String[] keys = {"p50Ms", "p95Ms", "p99Ms", "maxMs"};
            String[] colours = {"#4c9f70", "#f0b429", "#e4572e", "#7a3b69"};
            for (int k = 0; k < keys.length; k++) {
                double value = ((Number) l.get(keys[k])).doubleValue();
                double h = value / maxLatency * 250;
                double x = 80 + group * 220 + k * 45;
                bars.append(String.format(Locale.ROOT,
                        "<rect x='%.0f' y='%.1f' width='38' height='%.1f' fill='%s'/>"
                                + "<text x='%.0f' y='%.1f' font-size='10'>%.0f</text>",
                        x, 280 - h, h, colours[k], x, 275 - h, value));
            }
            bars.append(String.format(Locale.ROOT, "<text x='%d' y='300' font-size='12'>%s of max (p50 p95 p99 max, ms)</text>",
                    80 + group * 220, entry.getKey()));
            group++;
        }
        return """
                <!DOCTYPE html><html><head><meta charset="utf-8"><title>Deskpost bench</title>
                <style>body{font-family:sans-serif;margin:2em} pre{background:#f6f6f6;padding:1em}</style></head><body>
                <h1>Deskpost bench</h1>
                <h2>Mails accepted by the SMTP sink per second</h2>
                <svg width="1000" height="420" xmlns="http://www.w3.org/2000/svg">
                <line x1="50" y1="330" x2="950" y2="330" stroke="#333"/><line x1="50" y1="30" x2="50" y2="330" stroke="#333"/>
                <text x="5" y="35" font-size="11">%.0f/s</text><text x="5" y="330" font-size="11">0</text>
                %s<polyline fill="none" stroke="#1f6feb" stroke-width="1.5" points="%s"/>
                <text x="900" y="410" font-size="11">%.0f s</text></svg>
                <h2>Latency, booking produced to SMTP accepted (monitored mail)</h2>
                <svg width="760" height="320" xmlns="http://www.w3.org/2000/svg">%s</svg>
                <h2>Figures</h2><pre>%s</pre><pre>%s</pre></body></html>
                """.formatted(maxRate, phases, line, maxT, bars, escape(table(results)), escape(json));
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
