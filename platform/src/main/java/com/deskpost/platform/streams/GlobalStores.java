package com.deskpost.platform.streams;

import com.deskpost.platform.directory.Directory;
import com.deskpost.platform.directory.DirectoryTables;
import com.deskpost.events.Location;
import com.deskpost.events.Member;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;

/**
 * Global tables read from outside a topology (listeners, HTTP handlers) through interactive
 * queries. Reads wait for the first full load, so a request right after start-up never sees an
 * empty directory.
 */
public final class GlobalStores implements Directory {

    private static final Logger log = LoggerFactory.getLogger(GlobalStores.class);
    private static final Duration STARTUP_WAIT = Duration.ofSeconds(60);

    private final StreamsBuilderFactoryBean streams;
    private final CompletableFuture<Void> loaded = new CompletableFuture<>();

    public GlobalStores(StreamsBuilderFactoryBean streams) {
        this.streams = streams;
        streams.setStateListener((newState, oldState) -> {
            if (newState == KafkaStreams.State.RUNNING) {
                loaded.complete(null);
            }
        });
    }

    /**
     * Runs {@code check} once the global tables are first loaded, e.g. to look the directory over at start-up. A
     * failure is logged: a check never stops the service.
     */
    public void whenLoaded(String name, Runnable check) {
        // Async: the thread that reports RUNNING may hold locks (Streams' state listener, the factory bean's
        // lifecycle lock held by start()) that reading a store waits for.
        loaded.thenRunAsync(check).exceptionally(failure -> {
            log.warn("Start-up check {} of the global tables failed", name, failure);
            return null;
        });
    }

    public <V> ReadOnlyKeyValueStore<String, ValueAndTimestamp<V>> store(String name) {
        awaitRunning();
        return streams.getKafkaStreams().store(
                StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.timestampedKeyValueStore()));
    }

    /** Every value of a global store now; each instance holds the whole table. */
    public <V> List<V> all(String name) {
        List<V> values = new ArrayList<>();
        // The iterator holds store resources until closed.
        try (KeyValueIterator<String, ValueAndTimestamp<V>> entries = this.<V>store(name).all()) {
            entries.forEachRemaining(entry -> values.add(entry.value.value()));
        }
        return values;
    }

    @Override
    public Optional<Member> member(String memberId) {
        return value(this.<Member>store(DirectoryTables.MEMBERS_STORE).get(memberId));
    }

    @Override
    public List<Member> membersAt(String locationId) {
        return this.<Member>all(DirectoryTables.MEMBERS_STORE).stream()
                .filter(member -> member.getLocationIds().contains(locationId)).toList();
    }

    @Override
    public Optional<Location> location(String locationId) {
        return value(this.<Location>store(DirectoryTables.LOCATIONS_STORE).get(locationId));
    }

    private static <V> Optional<V> value(ValueAndTimestamp<V> stored) {
        return Optional.ofNullable(stored).map(ValueAndTimestamp::value);
    }

    private void awaitRunning() {
        try {
            loaded.get(STARTUP_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new IllegalStateException("Global tables not loaded after " + STARTUP_WAIT
                    + ": is the broker reachable?", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Global tables failed to load", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the global tables", e);
        }
    }
}
