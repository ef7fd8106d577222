package com.deskpost.oversight.dashboard;

import com.deskpost.oversight.dashboard.MetricHistory.Series;
import com.deskpost.oversight.queue.HoldQueue;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;
import org.springframework.stereotype.Component;

/**
 * The ops dashboard's charts, from the samples {@link DashboardSampler} keeps: mail sent per minute by category and by
 * location, the held queue and its oldest draft's age by location, failures per minute, the sender domains' bounce
 * and complaint rates, and event-to-send percentiles (p50, p95, p99 over the last {@link #PERCENTILE_WINDOW}
 * samplings), automatic and held mail apart. Every source's series are summed, so several delivery replicas listed
 * as sources add up. Also the held queue as it is now, straight from PostgreSQL.
 */
@Component
public class Dashboard {

    /** Samplings the event-to-send percentiles are taken over (5 minutes at the default interval). */
    static final int PERCENTILE_WINDOW = 5;
    private static final String EVENT_TO_SEND = "deskpost_mail_event_to_send_seconds_bucket";

    /** One chart: its id, title, what it shows and its SVG (escaped already). */
    public record Chart(String id, String title, String note, String svg) {
    }

    /** The page: what waits now, the charts, and sources that did not answer at the last sampling. */
    public record View(List<HoldQueue.Waiting> waiting, List<Chart> charts, Map<String, String> problems,
            Instant from, Instant to) {
    }

    private final DashboardSampler sampler;
    private final HoldQueue queue;

    Dashboard(DashboardSampler sampler, HoldQueue queue) {
        this.sampler = sampler;
        this.queue = queue;
    }

    public View view() {
        Instant to = Clock.systemUTC().instant();
        Instant from = sampler.histories().values().stream().map(MetricHistory::first).filter(f -> f != null)
                .min(Instant::compareTo).orElse(to.minusSeconds(60));
        Predicate<Series> all = series -> true;
        List<Chart> charts = List.of(
                chart("sent-by-category", "Mail sent, by category", "Accepted by the SMTP relay, per minute",
                        "mail / min", rate("deskpost_mail_sent_total", all, label("category")), from, to),
                chart("sent-by-location", "Mail sent, by location", "Accepted by the SMTP relay, per minute",
                        "mail / min", rate("deskpost_mail_sent_total", all, label("location")), from, to),
                chart("held-waiting", "Held queue", "Drafts waiting for a decision, by location", "drafts",
                        gauge(DashboardSampler.WAITING, label("location"), 1), from, to),
                chart("held-age", "Held queue: oldest draft's age", "How long the oldest waiting draft has waited,"
                        + " by location", "minutes", gauge(DashboardSampler.OLDEST_AGE, label("location"), 1 / 60.0),
                        from, to),
                chart("failures", "Failures", "Refused for good by the relay, dead-lettered, or expired unapproved,"
                        + " per minute", "mail / min", failures(), from, to),
                chart("feedback-rates", "Bounce and complaint rates", "Hard bounces and complaints per mail sent from"
                        + " each sender domain over the guardrails' window", "%", feedbackRates(), from, to),
                chart("event-to-send-automatic", "Event to send, released by policy", "From the facility event to"
                        + " the relay's 250, mail no one had to approve", "seconds", percentiles(false, 1), from, to),
                chart("event-to-send-held", "Event to send, held for approval", "The same for mail that waited for"
                        + " an approver", "minutes", percentiles(true, 1 / 60.0), from, to));
        return new View(queue.waitingByLocation(), charts, sampler.problems(), from, to);
    }

    private static Chart chart(String id, String title, String note, String unit,
            Map<String, TreeMap<Instant, Double>> series, Instant from, Instant to) {
        return new Chart(id, title, note, SvgChart.render(id, title, unit, series, from, to));
    }

    private Map<String, TreeMap<Instant, Double>> rate(String name, Predicate<Series> filter,
            Function<Series, String> group) {
        return summed(history -> history.ratePerMinute(name, filter, group), 1);
    }

    private Map<String, TreeMap<Instant, Double>> gauge(String name, Function<Series, String> group, double scale) {
        return summed(history -> history.gauge(name, series -> true, group), scale);
    }

    private Map<String, TreeMap<Instant, Double>> failures() {
        Map<String, TreeMap<Instant, Double>> lines = new TreeMap<>();
        lines.putAll(rate("deskpost_mail_failed_total", series -> true, series -> "refused (failed)"));
        lines.putAll(rate("deskpost_mail_dead_lettered_total", series -> true, series -> "dead-lettered"));
        lines.putAll(rate("deskpost_mail_expired_total", series -> true, series -> "expired unapproved"));
        return lines;
    }

    private Map<String, TreeMap<Instant, Double>> feedbackRates() {
        Map<String, TreeMap<Instant, Double>> lines = new TreeMap<>();
        lines.putAll(summed(history -> history.gauge("deskpost_guardrails_bounce_rate", series -> true,
                series -> "bounces " + series.labels().getOrDefault("sender_domain", "")), 100));
        lines.putAll(summed(history -> history.gauge("deskpost_guardrails_complaint_rate", series -> true,
                series -> "complaints " + series.labels().getOrDefault("sender_domain", "")), 100));
        return lines;
    }

    private Map<String, TreeMap<Instant, Double>> percentiles(boolean held, double scale) {
        Map<String, TreeMap<Instant, Double>> lines = new TreeMap<>();
        Predicate<Series> filter = series -> Boolean.toString(held).equals(series.labels().get("held"));
        for (MetricHistory history : sampler.histories().values()) {
            history.bucketIncreases(EVENT_TO_SEND, filter, PERCENTILE_WINDOW).forEach((at, buckets) -> {
                for (double q : new double[] {0.5, 0.95, 0.99}) {
                    double value = Histograms.quantile(q, buckets);
                    if (Double.isFinite(value)) {
                        lines.computeIfAbsent("p" + Math.round(q * 100), name -> new TreeMap<>())
                                .merge(at, value * scale, Math::max);
                    }
                }
            });
        }
        return lines;
    }

    /** The same query over every source, added up by series name and sampling. */
    private Map<String, TreeMap<Instant, Double>> summed(
            Function<MetricHistory, Map<String, TreeMap<Instant, Double>>> query, double scale) {
        Map<String, TreeMap<Instant, Double>> total = new TreeMap<>();
        for (MetricHistory history : sampler.histories().values()) {
            query.apply(history).forEach((name, points) -> points.forEach((at, value) ->
                    total.computeIfAbsent(name, key -> new TreeMap<>()).merge(at, value * scale, Double::sum)));
        }
        return total;
    }

    private static Function<Series, String> label(String name) {
        return series -> series.labels().getOrDefault(name, "none");
    }
}
