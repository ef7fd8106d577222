package com.deskpost.delivery.location;

import com.deskpost.events.Location;
import com.deskpost.platform.directory.DirectoryTables;
import com.deskpost.platform.serde.AvroSerdes;
import com.deskpost.platform.streams.RejectedEvent;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.stereotype.Component;

/**
 * The live location directory at send time (sender mailbox, staff mailbox, address), read from
 * a global table of {@code facility.locations}. Lookups wait for the table's first load, so mail
 * consumed right after start-up never sees an empty directory.
 */
@Component
public class LocationDirectory {

    private static final Duration STARTUP_WAIT = Duration.ofSeconds(60);

    private final StreamsBuilderFactoryBean streams;
    private final CountDownLatch running = new CountDownLatch(1);

    public LocationDirectory(StreamsBuilderFactoryBean streams) {
        this.streams = streams;
        streams.setStateListener((newState, oldState) -> {
            if (newState == KafkaStreams.State.RUNNING) {
                running.countDown();
            }
        });
    }

    @Autowired
    void registerTable(StreamsBuilder builder, AvroSerdes serdes) {
        DirectoryTables.register(builder, serdes);
    }

    public Location require(String locationId) {
        awaitRunning();
        ReadOnlyKeyValueStore<String, ValueAndTimestamp<Location>> store = streams.getKafkaStreams().store(
                StoreQueryParameters.fromNameAndType(DirectoryTables.LOCATIONS_STORE,
                        QueryableStoreTypes.timestampedKeyValueStore()));
        ValueAndTimestamp<Location> location = store.get(locationId);
        if (location == null) {
            throw new RejectedEvent("Unknown location " + locationId + ": not in facility.locations");
        }
        return location.value();
    }

    private void awaitRunning() {
        try {
            if (!running.await(STARTUP_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("Location directory not loaded after " + STARTUP_WAIT
                        + ": is the broker reachable?");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the location directory", e);
        }
    }
}
