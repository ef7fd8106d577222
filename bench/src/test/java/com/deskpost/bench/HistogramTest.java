package com.deskpost.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class HistogramTest {

    private static Histogram of(double count, Map<Double, Double> cumulative) {
        return new Histogram(new TreeMap<>(cumulative), count);
    }

    @Test
    void aQuantileIsInterpolatedWithinItsBucketAsPrometheusDoes() {
        // 100 observations: 50 at or below 10 ms, 90 at or below 50 ms, all at or below 100 ms
        Histogram histogram = of(100, Map.of(10.0, 50.0, 50.0, 90.0, 100.0, 100.0));

        assertThat(histogram.quantile(0.5)).isCloseTo(10.0, within(1e-9));
        // rank 70 lies halfway between 50 and 90 observations: halfway between 10 and 50 ms
        assertThat(histogram.quantile(0.7)).isCloseTo(30.0, within(1e-9));
        assertThat(histogram.quantile(0.99)).isCloseTo(95.0, within(1e-9));
        assertThat(histogram.quantile(0.25)).isCloseTo(5.0, within(1e-9));
    }

    @Test
    void onlyWhatWasObservedSinceTheEarlierScrapeCounts() {
        Histogram before = of(1000, Map.of(10.0, 1000.0, 50.0, 1000.0, 100.0, 1000.0));
        Histogram after = of(1100, Map.of(10.0, 1000.0, 50.0, 1050.0, 100.0, 1100.0));

        Histogram step = after.since(before);

        assertThat(step.count()).isEqualTo(100);
        // none of the step's observations is at or below 10 ms: half lie in (10, 50], half in (50, 100]
        assertThat(step.quantile(0.5)).isCloseTo(50.0, within(1e-9));
        assertThat(step.quantile(0.99)).isCloseTo(99.0, within(1e-9));
    }

    @Test
    void observationsAboveEveryBucketAreReportedAtTheTopBoundAndNoneAsZero() {
        assertThat(of(10, Map.of(10.0, 5.0, 50.0, 8.0)).quantile(0.99)).isEqualTo(50.0);
        assertThat(of(0, Map.of(10.0, 0.0)).quantile(0.99)).isZero();
    }
}
