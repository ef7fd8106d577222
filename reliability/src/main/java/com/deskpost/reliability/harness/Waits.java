package com.deskpost.reliability.harness;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/** Waiting on a running system: for a condition, or for a figure to stop moving. */
public final class Waits {

    private Waits() {
    }

    /** Polls every 200 ms until the condition holds or the time is up; @return whether it held. */
    public static boolean until(BooleanSupplier condition, Duration atMost) {
        long deadline = System.nanoTime() + atMost.toNanos();
        while (!holds(condition)) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            pause(Duration.ofMillis(200));
        }
        return true;
    }

    /** Until every figure has stayed the same for {@code stable}; @return whether that happened in time. */
    public static boolean quiet(Duration stable, Duration atMost, LongSupplier... figures) {
        long deadline = System.nanoTime() + atMost.toNanos();
        long[] last = read(figures);
        long since = System.nanoTime();
        while (System.nanoTime() - since < stable.toNanos()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            pause(Duration.ofMillis(500));
            long[] now = read(figures);
            if (!java.util.Arrays.equals(now, last)) {
                last = now;
                since = System.nanoTime();
            }
        }
        return true;
    }

    public static void pause(Duration duration) {
        LockSupport.parkNanos(duration.toNanos());
    }

    private static boolean holds(BooleanSupplier condition) {
        try {
            return condition.getAsBoolean();
        } catch (RuntimeException e) {
            // A component restarting answers with errors for a while; that is "not yet".
            return false;
        }
    }

    private static long[] read(LongSupplier[] figures) {
        long[] values = new long[figures.length];
        for (int i = 0; i < figures.length; i++) {
            try {
                values[i] = figures[i].getAsLong();
            } catch (RuntimeException e) {
                values[i] = Long.MIN_VALUE;
            }
        }
        return values;
    }
}
