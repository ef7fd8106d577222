package com.deskpost.platform.streams;

import java.time.Duration;
import java.util.List;

/**
 * An {@link EventHandler} whose state outlives its events: once an entity is over, its state must go, and
 * nothing but time says when. Every {@link #housekeepingInterval()} of wall-clock time the routing processor
 * asks the handler what is over; the handler deletes it from its stores and returns the records that say so
 * (tombstones of compacted keys, {@link Emit#tombstone}). Store deletions (and so their changelog tombstones)
 * and the returned records commit in the task's exactly-once transaction, like a handled event's. A call must
 * do bounded work — read an index of due times ({@link DueIndex}), never scan a whole store.
 */
public interface Housekeeping {

    Duration housekeepingInterval();

    /** @param nowMillis the wall clock of the stream task */
    List<Emit<?>> housekeep(long nowMillis);
}
