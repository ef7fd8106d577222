package com.deskpost.delivery.state;

import com.deskpost.events.EmailDraft;
import com.deskpost.events.EntityVersion;
import com.deskpost.events.Location;
import com.deskpost.events.Member;
import com.deskpost.platform.directory.DirectoryTables;
import com.deskpost.platform.freshness.EntityVersionTable;
import com.deskpost.platform.serde.AvroSerdes;
import com.deskpost.platform.streams.RejectedEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.stereotype.Component;

/**
 * The live state delivery judges a mail by at send time, from global tables: the location
 * directory (sender, staff mailbox, address, jurisdiction) and the latest version of every
 * entity (freshness). Lookups wait for the tables' first load, so mail consumed right after
 * start-up never sees an empty directory.
 */
@Component
public class LiveState {

    private static final Duration STARTUP_WAIT = Duration.ofSeconds(60);

    private final StreamsBuilderFactoryBean streams;
    private final CountDownLatch running = new CountDownLatch(1);

    public LiveState(StreamsBuilderFactoryBean streams) {
        this.streams = streams;
        streams.setStateListener((newState, oldState) -> {
            if (newState == KafkaStreams.State.RUNNING) {
                running.countDown();
            }
        });
    }

    @Autowired
    void registerTables(StreamsBuilder builder, AvroSerdes serdes) {
        DirectoryTables.register(builder, serdes);
        EntityVersionTable.register(builder, serdes);
    }

    public Location location(String locationId) {
        ReadOnlyKeyValueStore<String, ValueAndTimestamp<Location>> store = store(DirectoryTables.LOCATIONS_STORE);
        ValueAndTimestamp<Location> location = store.get(locationId);
        if (location == null) {
            throw new RejectedEvent("Unknown location " + locationId + ": not in facility.locations");
        }
        return location.value();
    }

    /** Every member of the directory now, e.g. to list contacts; the directory is held whole on every instance. */
    public List<Member> members() {
        return all(DirectoryTables.MEMBERS_STORE);
    }

    /** Every location of the directory now. */
    public List<Location> locations() {
        return all(DirectoryTables.LOCATIONS_STORE);
    }

    private <V> List<V> all(String storeName) {
        ReadOnlyKeyValueStore<String, ValueAndTimestamp<V>> store = store(storeName);
        List<V> values = new ArrayList<>();
        // The iterator holds store resources until closed.
        try (KeyValueIterator<String, ValueAndTimestamp<V>> entries = store.all()) {
            entries.forEachRemaining(entry -> values.add(entry.value.value()));
        }
        return values;
    }

    public Optional<EntityVersion> supersedingVersion(EmailDraft draft) {
        return EntityVersionTable.supersedingVersion(draft, store(EntityVersionTable.STORE));
    }

    private <V> ReadOnlyKeyValueStore<String, ValueAndTimestamp<V>> store(String name) {
        awaitRunning();
        return streams.getKafkaStreams().store(
                StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.timestampedKeyValueStore()));
    }

    private void awaitRunning() {
        try {
            if (!running.await(STARTUP_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("Global tables not loaded after " + STARTUP_WAIT
                        + ": is the broker reachable?");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the global tables", e);
        }
    }
}
