package com.deskpost.oversight.dashboard;

import com.deskpost.oversight.dashboard.PrometheusText.Sample;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The samples of one source over the last {@code capacity} samplings, in memory: a bounded ring, so the dashboard
 * costs the same after a week as after a day, and starts empty after a restart (Prometheus is the long-term store).
 * Each series is kept once as a key; a sampling is one array of values, so a day at one per minute is a few MB.
 *
 * <p>Counters are turned into rates as PromQL's {@code rate} does: a value below the previous one is a counter that
 * started again (the source restarted), counted from zero; a series first seen counts from zero (Micrometer registers
 * a counter at its first increment). A source that did not answer leaves no sampling, so the next rate spans the gap.
 */
final class MetricHistory {

    /** A series: a metric name and its labels. */
    record Series(String name, Map<String, String> labels) {
    }

    private record Sampling(Instant at, double[] values) {
    }

    private final int capacity;
    private final Predicate<String> kept;
    private final Map<Series, Integer> index = new HashMap<>();
    private final List<Series> series = new ArrayList<>();
    private final ArrayDeque<Sampling> samplings = new ArrayDeque<>();

    /** @param kept the metric names worth keeping; every other sample is dropped as it arrives */
    MetricHistory(int capacity, Predicate<String> kept) {
        this.capacity = Math.max(2, capacity);
        this.kept = kept;
    }

    synchronized void add(Instant at, List<Sample> samples) {
        Map<Integer, Double> values = new HashMap<>();
        for (Sample sample : samples) {
            if (kept.test(sample.name())) {
                values.put(index.computeIfAbsent(new Series(sample.name(), sample.labels()), key -> {
                    series.add(key);
                    return series.size() - 1;
                }), sample.value());
            }
        }
        double[] row = new double[series.size()];
        Arrays.fill(row, Double.NaN);
        values.forEach((id, value) -> row[id] = value);
        samplings.addLast(new Sampling(at, row));
        while (samplings.size() > capacity) {
            samplings.removeFirst();
        }
    }

    /** Increase per minute of the counter {@code name}, summed by {@code group} over the series {@code filter} passes. */
    synchronized Map<String, TreeMap<Instant, Double>> ratePerMinute(String name, Predicate<Series> filter,
            Function<Series, String> group) {
        Map<String, TreeMap<Instant, Double>> result = new TreeMap<>();
        Sampling previous = null;
        for (Sampling current : samplings) {
            if (previous != null) {
                double minutes = Duration.between(previous.at(), current.at()).toMillis() / 60_000.0;
                for (int id = 0; id < current.values().length; id++) {
                    Series key = series.get(id);
                    double now = current.values()[id];
                    if (Double.isNaN(now) || !key.name().equals(name) || !filter.test(key) || minutes <= 0) {
                        continue;
                    }
                    double before = id < previous.values().length && !Double.isNaN(previous.values()[id])
                            ? previous.values()[id] : 0;
                    double increase = now >= before ? now - before : now;
                    result.computeIfAbsent(group.apply(key), g -> new TreeMap<>())
                            .merge(current.at(), increase / minutes, Double::sum);
                }
            }
            previous = current;
        }
        return result;
    }

    /** The largest value of the gauge {@code name} by {@code group} at each sampling. */
    synchronized Map<String, TreeMap<Instant, Double>> gauge(String name, Predicate<Series> filter,
            Function<Series, String> group) {
        Map<String, TreeMap<Instant, Double>> result = new TreeMap<>();
        for (Sampling current : samplings) {
            for (int id = 0; id < current.values().length; id++) {
                Series key = series.get(id);
                double value = current.values()[id];
                if (!Double.isNaN(value) && key.name().equals(name) && filter.test(key)) {
                    result.computeIfAbsent(group.apply(key), g -> new TreeMap<>())
                            .merge(current.at(), value, Math::max);
                }
            }
        }
        return result;
    }

    /**
     * For each sampling, the buckets of the histogram {@code bucketName} ({@code le} label) that filled since the
     * sampling {@code window} before it, summed over the series {@code filter} passes: what
     * {@code increase(x_bucket[window])} gives PromQL. A window with no observation yields no entry.
     */
    synchronized TreeMap<Instant, TreeMap<Double, Double>> bucketIncreases(String bucketName, Predicate<Series> filter,
            int window) {
        TreeMap<Instant, TreeMap<Double, Double>> result = new TreeMap<>();
        List<Sampling> all = List.copyOf(samplings);
        for (int i = 1; i < all.size(); i++) {
            Sampling from = all.get(Math.max(0, i - window));
            Sampling to = all.get(i);
            TreeMap<Double, Double> buckets = new TreeMap<>();
            for (int id = 0; id < to.values().length; id++) {
                Series key = series.get(id);
                double now = to.values()[id];
                String le = key.labels().get("le");
                if (Double.isNaN(now) || le == null || !key.name().equals(bucketName) || !filter.test(key)) {
                    continue;
                }
                double before = id < from.values().length && !Double.isNaN(from.values()[id]) ? from.values()[id] : 0;
                buckets.merge(bound(le), now >= before ? now - before : now, Double::sum);
            }
            if (!buckets.isEmpty() && buckets.lastEntry().getValue() > 0) {
                result.put(to.at(), buckets);
            }
        }
        return result;
    }

    synchronized int size() {
        return samplings.size();
    }

    /** When the oldest kept sampling was taken; null before the first. */
    synchronized Instant first() {
        return samplings.isEmpty() ? null : samplings.getFirst().at();
    }

    private static double bound(String le) {
        return le.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(le);
    }
}
