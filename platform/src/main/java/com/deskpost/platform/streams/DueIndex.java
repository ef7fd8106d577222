package com.deskpost.platform.streams;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * When each entity of a state store is due to be forgotten, in a store of its own: key
 * {@code <zero-padded due millis>|<entity key>}, value a token naming the state the entry was written for (its
 * version, say). {@link #takeDue} reads by a range scan up to now, so a wall-clock punctuator touches only what
 * is due, never the whole store, and at most {@code limit} entries a tick. An entity rescheduled by a later event
 * gets a new entry with a new token; the caller forgets it only when the token still matches its state, so a
 * stale entry is simply dropped when reached. Written by hand: Kafka Streams expires only windowed stores by
 * time, and a key-value store has no time to live.
 */
public final class DueIndex {

    /** Sorts after every due key, so no range scan of due entries ever returns it. */
    private static final String FILLED = "~filled";

    /** One entity whose time has come. */
    public record Due(String entityKey, long dueMillis, String token) {
    }

    private final KeyValueStore<String, String> store;

    public DueIndex(KeyValueStore<String, String> store) {
        this.store = store;
    }

    /** A persistent, changelogged store for an index named {@code name}. */
    public static StoreBuilder<KeyValueStore<String, String>> store(String name) {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.String(), Serdes.String());
    }

    public void schedule(String entityKey, long dueMillis, String token) {
        store.put(key(dueMillis, entityKey), token);
    }

    /** Removes and returns the entries due at {@code nowMillis}, earliest first, at most {@code limit}. */
    public List<Due> takeDue(long nowMillis, int limit) {
        List<KeyValue<String, String>> due = new ArrayList<>();
        try (KeyValueIterator<String, String> entries = store.range(key(0, ""), key(nowMillis, "\uffff"))) {
            while (entries.hasNext() && due.size() < limit) {
                due.add(entries.next());
            }
        }
        List<Due> taken = new ArrayList<>(due.size());
        for (KeyValue<String, String> entry : due) {
            store.delete(entry.key);
            int bar = entry.key.indexOf('|');
            taken.add(new Due(entry.key.substring(bar + 1), Long.parseLong(entry.key.substring(0, bar)), entry.value));
        }
        return taken;
    }

    /**
     * Runs {@code fill} once in the life of the store: state written before the index existed (a release without
     * it) is scheduled by one scan at the first start, never again.
     */
    public void fillOnce(Runnable fill) {
        if (store.get(FILLED) == null) {
            fill.run();
            store.put(FILLED, "1");
        }
    }

    /** Zero-padded due time first, so the byte order of keys is the order of due times. */
    private static String key(long dueMillis, String entityKey) {
        return String.format(Locale.ROOT, "%019d|%s", Math.max(0, dueMillis), entityKey);
    }
}
