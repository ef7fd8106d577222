package com.deskpost.oversight.ops;

import java.time.Duration;
import java.time.Instant;

/**
 * How long a held draft may still wait for a decision, in words. Staff triage the queue by it, so
 * the last hour is shown to the minute and flagged as urgent; an unanswered draft expires unsent.
 */
final class TimeLeft {

    static final Duration URGENT = Duration.ofHours(1);

    private TimeLeft() {
    }

    static String until(Instant now, Instant expiresAt) {
        Duration left = Duration.between(now, expiresAt);
        if (left.isNegative() || left.isZero()) {
            return "expired";
        }
        if (left.toMinutes() < 1) {
            return "under a minute";
        }
        if (left.toHours() < 1) {
            return left.toMinutes() + " min";
        }
        if (left.toDays() < 2) {
            return left.toHours() + " h " + left.toMinutesPart() + " min";
        }
        return left.toDays() + " days " + left.toHoursPart() + " h";
    }

    static boolean urgent(Instant now, Instant expiresAt) {
        return Duration.between(now, expiresAt).compareTo(URGENT) < 0;
    }
}
