package com.deskpost.bench;

import java.util.Map;
import java.util.TreeMap;

/**
 * A cumulative histogram as Prometheus scrapes one (count of observations at or below each bucket's upper bound,
 * in ms, and the total), and the quantiles of what was observed between two scrapes. Interpolated within a bucket
 * as Prometheus' {@code histogram_quantile} does; written here because Micrometer gives snapshots, not that function.
 */
record Histogram(TreeMap<Double, Double> buckets, double count) {

    /** The observations since {@code earlier}: every count less the earlier one. */
    Histogram since(Histogram earlier) {
        TreeMap<Double, Double> delta = new TreeMap<>();
        buckets.forEach((bound, cumulative) -> delta.put(bound, cumulative - earlier.buckets.getOrDefault(bound, 0.0)));
        return new Histogram(delta, count - earlier.count);
    }

    /** The value below which {@code q} of the observations lie, in ms; 0 with none, the top bound above every bucket. */
    double quantile(double q) {
        if (count <= 0 || buckets.isEmpty()) {
            return 0;
        }
        double rank = q * count;
        double lowerBound = 0;
        double lowerCount = 0;
        for (Map.Entry<Double, Double> bucket : buckets.entrySet()) {
            if (bucket.getValue() >= rank) {
                double inBucket = bucket.getValue() - lowerCount;
                return inBucket <= 0 ? bucket.getKey()
                        : lowerBound + (bucket.getKey() - lowerBound) * (rank - lowerCount) / inBucket;
            }
            lowerBound = bucket.getKey();
            lowerCount = bucket.getValue();
        }
        return buckets.lastKey();
    }
}
