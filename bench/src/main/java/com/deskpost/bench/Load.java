package com.deskpost.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/** Offered load and what came of it: paced production, waiting for the sink, percentiles. */
final class Load {

    private Load() {
    }

    /** Books {@code rate} bookings a second for {@code seconds}, on a schedule (not as fast as possible). */
    static void offer(Pipeline pipeline, double rate, int seconds) {
        long total = Math.round(rate * seconds);
        long start = System.nanoTime();
        for (long i = 0; i < total; i++) {
            long due = start + (long) (i * 1e9 / rate);
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            pipeline.book();
        }
        pipeline.flush();
    }

    /** Waits until the condition holds or the time is up; @return whether it held. */
    static boolean await(BooleanSupplier condition, Duration atMost) {
        long deadline = System.nanoTime() + atMost.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
        }
        return true;
    }

    /** p50, p95, p99 and max of the samples, in their unit; empty samples give zeros. */
    static List<Double> percentiles(List<Double> samples) {
        if (samples.isEmpty()) {
            return List.of(0.0, 0.0, 0.0, 0.0);
        }
        List<Double> sorted = new ArrayList<>(samples);
        Collections.sort(sorted);
        return List.of(at(sorted, 0.50), at(sorted, 0.95), at(sorted, 0.99), sorted.get(sorted.size() - 1));
    }

    private static double at(List<Double> sorted, double quantile) {
        int index = (int) Math.ceil(quantile * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }
}
