package com.deskpost.oversight.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.deskpost.oversight.dashboard.PrometheusText.Sample;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Samples read from the Prometheus text format, turned into rates, gauges and percentiles over a bounded history. */
class MetricHistoryTest {

    private static final Instant T0 = Instant.parse("2026-12-07T06:00:00Z");

    @Test
    void readsTheTextFormatMicrometerWrites() {
        List<Sample> samples = PrometheusText.parse("""
                # HELP deskpost_mail_sent_total Drafts that passed the SENT transition
                # TYPE deskpost_mail_sent_total counter
                deskpost_mail_sent_total{application="delivery-service",category="transactional",location="LDN-1"} 12.0
                deskpost_mail_event_to_send_seconds_bucket{held="false",le="+Inf"} 3
                deskpost_guardrails_bounce_rate{sender_domain="a\\"b\\\\c"} 0.015 1700000000000
                not a sample
                up 1
                """);

        assertThat(samples).containsExactly(
                new Sample("deskpost_mail_sent_total", Map.of("application", "delivery-service",
                        "category", "transactional", "location", "LDN-1"), 12.0),
                new Sample("deskpost_mail_event_to_send_seconds_bucket", Map.of("held", "false", "le", "+Inf"), 3),
                new Sample("deskpost_guardrails_bounce_rate", Map.of("sender_domain", "a\"b\\c"), 0.015),
                new Sample("up", Map.of(), 1));
    }

    @Test
    void aCounterBecomesARatePerMinuteCountingARestartFromZero() {
        MetricHistory history = new MetricHistory(10, name -> name.startsWith("deskpost_"));
        history.add(T0, List.of(sent("LDN-1", 10), sent("BER-1", 4)));
        history.add(T0.plusSeconds(60), List.of(sent("LDN-1", 16), sent("BER-1", 4)));
        // LDN-1's counter began again (its service restarted) and reached 3
        history.add(T0.plusSeconds(120), List.of(sent("LDN-1", 3), sent("BER-1", 4)));
        // 30 s later, BER-1 has 2 more; a new location's counter appears at 5
        history.add(T0.plusSeconds(150), List.of(sent("LDN-1", 3), sent("BER-1", 6), sent("MUC-1", 5)));

        Map<String, TreeMap<Instant, Double>> rates = history.ratePerMinute("deskpost_mail_sent_total", s -> true,
                s -> s.labels().get("location"));

        assertThat(rates.get("LDN-1")).containsExactly(Map.entry(T0.plusSeconds(60), 6.0),
                Map.entry(T0.plusSeconds(120), 3.0), Map.entry(T0.plusSeconds(150), 0.0));
        assertThat(rates.get("BER-1")).containsExactly(Map.entry(T0.plusSeconds(60), 0.0),
                Map.entry(T0.plusSeconds(120), 0.0), Map.entry(T0.plusSeconds(150), 4.0));
        assertThat(rates.get("MUC-1")).containsExactly(Map.entry(T0.plusSeconds(150), 10.0));
    }

    @Test
    void keepsOnlyTheLastSamplingsAndTheMetricsAskedFor() {
        MetricHistory history = new MetricHistory(3, name -> name.startsWith("deskpost_"));
        for (int minute = 0; minute < 5; minute++) {
            history.add(T0.plusSeconds(60L * minute), List.of(sent("LDN-1", minute),
                    new Sample("jvm_memory_used_bytes", Map.of(), 1e9)));
        }

        assertThat(history.size()).isEqualTo(3);
        assertThat(history.first()).isEqualTo(T0.plusSeconds(120));
        assertThat(history.gauge("jvm_memory_used_bytes", s -> true, s -> "all")).isEmpty();
        assertThat(history.gauge("deskpost_mail_sent_total", s -> true, s -> "all").get("all")).hasSize(3);
    }

    @Test
    void percentilesComeFromTheBucketsFilledInTheWindowAsHistogramQuantileEstimatesThem() {
        MetricHistory history = new MetricHistory(10, name -> name.startsWith("deskpost_"));
        history.add(T0, buckets(0, 0, 0, 0));
        // 100 mails in the first minute: 50 within 1 s, 40 more within 5 s, 10 more within 60 s
        history.add(T0.plusSeconds(60), buckets(50, 90, 100, 100));
        // none in the second
        history.add(T0.plusSeconds(120), buckets(50, 90, 100, 100));

        TreeMap<Instant, TreeMap<Double, Double>> increases = history.bucketIncreases(
                "deskpost_mail_event_to_send_seconds_bucket", s -> "false".equals(s.labels().get("held")), 1);

        assertThat(increases).containsOnlyKeys(T0.plusSeconds(60));
        TreeMap<Double, Double> minute = increases.get(T0.plusSeconds(60));
        assertThat(Histograms.quantile(0.5, minute)).isCloseTo(1.0, within(1e-9));
        assertThat(Histograms.quantile(0.95, minute)).isCloseTo(5 + 55 * 0.5, within(1e-9));
        assertThat(Histograms.quantile(0.25, minute)).isCloseTo(0.5, within(1e-9));
        // a rank in the +Inf bucket: the highest finite bound
        assertThat(Histograms.quantile(0.99, new TreeMap<>(Map.of(1.0, 1.0, Double.POSITIVE_INFINITY, 10.0))))
                .isEqualTo(1.0);
        assertThat(Histograms.quantile(0.5, new TreeMap<>(Map.of(1.0, 0.0, Double.POSITIVE_INFINITY, 0.0)))).isNaN();
    }

    private static Sample sent(String location, double value) {
        return new Sample("deskpost_mail_sent_total", Map.of("category", "transactional", "location", location), value);
    }

    private static List<Sample> buckets(double upTo1, double upTo5, double upTo60, double all) {
        String name = "deskpost_mail_event_to_send_seconds_bucket";
        return List.of(new Sample(name, Map.of("held", "false", "le", "1.0"), upTo1),
                new Sample(name, Map.of("held", "false", "le", "5.0"), upTo5),
                new Sample(name, Map.of("held", "false", "le", "60.0"), upTo60),
                new Sample(name, Map.of("held", "false", "le", "+Inf"), all),
                new Sample(name, Map.of("held", "true", "le", "+Inf"), 1000));
    }
}
