package com.deskpost.oversight.dashboard;

import java.util.Map;
import java.util.NavigableMap;

/**
 * A quantile from cumulative histogram buckets, the way PromQL's {@code histogram_quantile} estimates it: find the
 * bucket the rank falls in and interpolate linearly inside it (from 0 for the first); a rank in the {@code +Inf}
 * bucket gives the highest finite bound, since nothing is known above it.
 */
final class Histograms {

    private Histograms() {
    }

    /**
     * @param q between 0 and 1
     * @param cumulative upper bound ({@code le}) to the count of observations at or below it, {@code +Inf} included
     * @return the estimate, or NaN when the buckets hold no observation
     */
    static double quantile(double q, NavigableMap<Double, Double> cumulative) {
        if (cumulative.isEmpty()) {
            return Double.NaN;
        }
        double total = cumulative.lastEntry().getValue();
        if (total <= 0) {
            return Double.NaN;
        }
        double rank = q * total;
        double lowerBound = 0;
        double lowerCount = 0;
        for (Map.Entry<Double, Double> bucket : cumulative.entrySet()) {
            if (bucket.getValue() >= rank) {
                if (bucket.getKey().isInfinite()) {
                    return lowerBound;
                }
                double inBucket = bucket.getValue() - lowerCount;
                return inBucket <= 0 ? bucket.getKey()
                        : lowerBound + (bucket.getKey() - lowerBound) * (rank - lowerCount) / inBucket;
            }
            lowerBound = bucket.getKey();
            lowerCount = bucket.getValue();
        }
        return lowerBound;
    }
}
