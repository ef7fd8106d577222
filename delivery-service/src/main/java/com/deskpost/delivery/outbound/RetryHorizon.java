package com.deskpost.delivery.outbound;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * How long an MTA keeps trying: transient SMTP failures (4xx, a relay refusing connections or timing out)
 * are retried with capped exponential backoff until {@code horizon} has passed since the mail was released
 * (the record's original timestamp, carried through the retry topics), then the mail is FAILED. The horizon,
 * not a count, decides: {@link #attempts()} is only large enough that the attempts never run out first.
 *
 * @param horizon how long a mail is retried, measured from its first attempt
 * @param initialDelay the wait before the first retry
 * @param multiplier the factor each wait grows by
 * @param maxDelay the cap on any one wait
 */
record RetryHorizon(Duration horizon, Duration initialDelay, double multiplier, Duration maxDelay) {

    RetryHorizon {
        if (horizon.isNegative() || horizon.isZero()) {
            throw new IllegalArgumentException("deskpost.delivery.retry.horizon must be positive, got " + horizon);
        }
        if (initialDelay.isNegative() || initialDelay.isZero() || maxDelay.compareTo(initialDelay) < 0) {
            throw new IllegalArgumentException("deskpost.delivery.retry: initial-delay-ms (" + initialDelay.toMillis()
                    + ") must be positive and at most max-delay-ms (" + maxDelay.toMillis() + ")");
        }
        if (multiplier < 1.0) {
            throw new IllegalArgumentException("deskpost.delivery.retry.multiplier must be at least 1, got "
                    + multiplier);
        }
    }

    /** The waits between attempts, in order, until together they reach the horizon. */
    List<Duration> delays() {
        List<Duration> delays = new ArrayList<>();
        long total = 0;
        double next = initialDelay.toMillis();
        while (total < horizon.toMillis()) {
            long delay = (long) Math.min(next, maxDelay.toMillis());
            delays.add(Duration.ofMillis(delay));
            total += delay;
            next = next * multiplier;
        }
        return delays;
    }

    /**
     * Attempts in all (the first and every retry) with one to spare, so the horizon ends the retries and never
     * the count: an attempt that fails after the horizon sends the mail to the dead letter.
     */
    int attempts() {
        return delays().size() + 2;
    }
}
