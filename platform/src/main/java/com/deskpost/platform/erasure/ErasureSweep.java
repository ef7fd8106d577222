package com.deskpost.platform.erasure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * Applies each erasure once per stream task: the task's own changelogged store remembers which erasures (pseudonym,
 * and when it was made) it has applied, so a wall-clock check every {@link #INTERVAL} finds the erasures
 * {@link Erasures} holds that the task has not applied yet. The caller removes the person from its stores through
 * the store API (so each changelog gets the tombstone or the rewritten value) and then calls {@link #applied}, all in
 * the task's exactly-once transaction: a task restored from its changelogs on another instance has exactly the
 * erasures applied that its restored stores reflect, and applies the rest. Applying one erasure scans the caller's
 * store: erasures are rare, so a scan per erasure is cheaper than an index of every address kept.
 */
public final class ErasureSweep {

    /** How often a task looks for erasures it has not applied yet; within it, the person is gone from its stores. */
    public static final Duration INTERVAL = Duration.ofSeconds(30);

    /** One erasure: the person's pseudonym, and when it was made (epoch millis). */
    public record Erasure(String pseudonym, long erasedAtMillis) {
    }

    private final Erasures erasures;
    private final KeyValueStore<String, Long> applied;

    public ErasureSweep(Erasures erasures, KeyValueStore<String, Long> applied) {
        this.erasures = erasures;
        this.applied = applied;
    }

    /** A persistent, changelogged store named {@code name} for the erasures a task has applied. */
    public static StoreBuilder<KeyValueStore<String, Long>> store(String name) {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.String(), Serdes.Long());
    }

    /** The erasures made at or before {@code madeBy} (epoch millis) that this task has not applied yet. */
    public List<Erasure> pending(long madeBy) {
        List<Erasure> pending = new ArrayList<>();
        try (KeyValueIterator<String, Long> all = erasures.all()) {
            while (all.hasNext()) {
                KeyValue<String, Long> erasure = all.next();
                Long done = applied.get(erasure.key);
                if (erasure.value <= madeBy && (done == null || done < erasure.value)) {
                    pending.add(new Erasure(erasure.key, erasure.value));
                }
            }
        }
        return pending;
    }

    /** Every pending erasure, whenever made. */
    public List<Erasure> pending() {
        return pending(Long.MAX_VALUE);
    }

    public void applied(Erasure erasure) {
        applied.put(erasure.pseudonym(), erasure.erasedAtMillis());
    }
}
