package com.deskpost.ingest.feedback;

import com.deskpost.ingest.replay.RecentIds;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Refuses a webhook call whose signed time is outside the replay window (default 5 minutes either side of the
 * server's clock), and one whose signature, token or message id was already admitted inside it. A call is admitted
 * only after its signature held (so forged calls cannot fill the store) and is forgotten again if publishing it
 * failed, so the provider's retry of a call we could not record is not refused as a replay.
 *
 * <p>The ids are kept in the ingest service's shared {@link RecentIds} store for one window; a replay it misses (after
 * a restart, or at another instance) still publishes the same deterministic feedback id, which delivery applies once.
 */
final class ReplayGuard {

    private final Duration window;
    private final Clock clock;
    private final RecentIds seen;

    ReplayGuard(Duration window, int capacity, Clock clock) {
        this.window = window;
        this.clock = clock;
        this.seen = new RecentIds(window, capacity, clock);
    }

    /**
     * Admits a call signed at {@code signedAt} and identified by {@code id} for {@code provider}, or refuses it.
     *
     * @return the key to {@link #forget} if the call could not be recorded after all
     */
    String admit(String provider, String id, Instant signedAt) {
        Instant now = clock.instant();
        long skew = Math.abs(Duration.between(signedAt, now).toSeconds());
        if (skew > window.toSeconds()) {
            throw new WebhookRefused(WebhookRefused.Reason.STALE, "The " + provider + " call was signed at " + signedAt
                    + ", " + skew + " s from the server's clock; at most " + window.toSeconds() + " s are accepted "
                    + "(deskpost.ingest.feedback.replay-window): check the server's clock, or the call is a replay");
        }
        String key = provider + ":" + id;
        if (!seen.admit(key)) {
            throw new WebhookRefused(WebhookRefused.Reason.REPLAYED, "This " + provider + " call (" + id
                    + ") was already received within the replay window; it was recorded then and is not published "
                    + "again");
        }
        return key;
    }

    /** Lets a call admitted by {@link #admit} in again: it could not be recorded, so its retry is no replay. */
    void forget(String key) {
        seen.forget(key);
    }

    int size() {
        return seen.size();
    }
}
