package com.deskpost.ingest.replay;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The ids of webhook calls admitted recently, so a second arrival of the same call (a replay, or the sender's
 * retry after an answer it did not receive) is recognised. Every webhook that deduplicates by the sender's id uses
 * this one store; what a second arrival is answered is the webhook's business.
 *
 * <p>The store is in memory and bounded: an id is remembered for {@code memory} after it was admitted, at most
 * {@code capacity} of them, the oldest dropped beyond that. It does not survive a restart and is not shared between
 * instances; that is why every webhook also publishes a deterministic event id, so a second arrival this store
 * misses still yields the same drafts, which delivery's ledger sends once.
 */
public final class RecentIds {

    private final Duration memory;
    private final int capacity;
    private final Clock clock;
    /** Admitted key to when it is forgotten, oldest first. */
    private final LinkedHashMap<String, Instant> seen = new LinkedHashMap<>();

    public RecentIds(Duration memory, int capacity, Clock clock) {
        if (memory.isNegative() || memory.isZero() || capacity < 1) {
            throw new IllegalArgumentException("The replay memory must be positive and hold at least one id");
        }
        this.memory = memory;
        this.capacity = capacity;
        this.clock = clock;
    }

    /** Remembers {@code key}: true if it is new, false if it was admitted within the memory (and is not again). */
    public synchronized boolean admit(String key) {
        Instant now = clock.instant();
        evictExpired(now);
        if (seen.containsKey(key)) {
            return false;
        }
        seen.put(key, now.plus(memory));
        if (seen.size() > capacity) {
            Iterator<String> oldest = seen.keySet().iterator();
            oldest.next();
            oldest.remove();
        }
        return true;
    }

    /** Lets an admitted key in again: its call could not be recorded, so its retry is no replay. */
    public synchronized void forget(String key) {
        seen.remove(key);
    }

    public synchronized int size() {
        return seen.size();
    }

    public Duration memory() {
        return memory;
    }

    private void evictExpired(Instant now) {
        Iterator<Map.Entry<String, Instant>> entries = seen.entrySet().iterator();
        while (entries.hasNext() && entries.next().getValue().isBefore(now)) {
            entries.remove();
        }
    }
}
