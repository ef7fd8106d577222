package com.deskpost.ingest.feedback;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Refuses a webhook call whose signed time is outside the replay window (default 5 minutes either side of the
 * server's clock), and one whose signature, token or message id was already admitted inside it. A call is admitted
 * only after its signature held (so forged calls cannot fill the store) and is forgotten again if publishing it
 * failed, so the provider's retry of a call we could not record is not refused as a replay.
 *
 * <p>The store is in memory and bounded: it holds the ids of one window, at most {@code capacity} of them, and drops
 * the oldest beyond that. It does not survive a restart and is not shared between instances; a replay it misses
 * still publishes the same deterministic feedback id, which delivery applies once.
 */
final class ReplayGuard {

    private final Duration window;
    private final int capacity;
    private final Clock clock;
    /** Admitted key to when it leaves the window, oldest first. */
    private final LinkedHashMap<String, Instant> seen = new LinkedHashMap<>();

    ReplayGuard(Duration window, int capacity, Clock clock) {
        if (window.isNegative() || window.isZero() || capacity < 1) {
            throw new IllegalArgumentException("The replay window must be positive and hold at least one id");
        }
        this.window = window;
        this.capacity = capacity;
        this.clock = clock;
    }

    /**
     * Admits a call signed at {@code signedAt} and identified by {@code id} for {@code provider}, or refuses it.
     *
     * @return the key to {@link #forget} if the call could not be recorded after all
     */
    synchronized String admit(String provider, String id, Instant signedAt) {
        Instant now = clock.instant();
        long skew = Math.abs(Duration.between(signedAt, now).toSeconds());
        if (skew > window.toSeconds()) {
            throw new WebhookRefused(WebhookRefused.Reason.STALE, "The " + provider + " call was signed at " + signedAt
                    + ", " + skew + " s from the server's clock; at most " + window.toSeconds() + " s are accepted "
                    + "(deskpost.ingest.feedback.replay-window): check the server's clock, or the call is a replay");
        }
        evictExpired(now);
        String key = provider + ":" + id;
        if (seen.containsKey(key)) {
            throw new WebhookRefused(WebhookRefused.Reason.REPLAYED, "This " + provider + " call (" + id
                    + ") was already received within the replay window; it was recorded then and is not published "
                    + "again");
        }
        seen.put(key, now.plus(window));
        if (seen.size() > capacity) {
            Iterator<String> oldest = seen.keySet().iterator();
            oldest.next();
            oldest.remove();
        }
        return key;
    }

    /** Lets a call admitted by {@link #admit} in again: it could not be recorded, so its retry is no replay. */
    synchronized void forget(String key) {
        seen.remove(key);
    }

    synchronized int size() {
        return seen.size();
    }

    private void evictExpired(Instant now) {
        Iterator<Map.Entry<String, Instant>> entries = seen.entrySet().iterator();
        while (entries.hasNext() && entries.next().getValue().isBefore(now)) {
            entries.remove();
        }
    }
}
