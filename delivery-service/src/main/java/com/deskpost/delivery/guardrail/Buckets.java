package com.deskpost.delivery.guardrail;

import java.time.Duration;
import java.time.Instant;

/**
 * The rolling window as whole buckets: a count is kept in the bucket its moment falls in (bucket starts are multiples
 * of the bucket length since the epoch), and the window at a moment is every bucket that starts after
 * {@code now - window}, the current one included. The window so slides by one bucket at a time: with the defaults (7
 * days of 1-hour buckets) a count leaves the window between 6 days 23 hours and 7 days after it was made.
 */
record Buckets(Duration window, Duration bucket) {

    /** The start of the bucket {@code at} falls in. */
    Instant bucketOf(Instant at) {
        long length = bucket.toMillis();
        return Instant.ofEpochMilli(Math.floorDiv(at.toEpochMilli(), length) * length);
    }

    /** The earliest bucket start still in the window at {@code now}. */
    Instant windowStart(Instant now) {
        return bucketOf(now.minus(window)).plus(bucket);
    }
}
