package com.deskpost.platform.streams;

import com.deskpost.platform.credential.CredentialSealer;
import com.deskpost.platform.deadletter.CredentialRedaction;
import com.deskpost.platform.serde.AvroSerdes;
import com.deskpost.platform.topic.Topic;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.Stores;

/**
 * Wires a source topic to a domain handler: raw bytes in, decoded and handled by
 * {@link RoutingProcessor}, written to whichever topics the handler chose (or the dead-letter
 * topic). One sink with a topic-name extractor keeps the whole step in one transaction. Each source
 * gets a persistent store, {@link #parkingStore(Topic)}, where records that name a member or location
 * the directory lacks yet ({@link DirectoryMiss}) wait, for at most {@link #DIRECTORY_GRACE_CONFIG}.
 */
public final class EventRouting {

    /**
     * Key of the directory grace in a Streams application's configuration (a {@link Duration}, an ISO-8601
     * text such as {@code PT5M}, or milliseconds): how long a record may wait for the directory to have its
     * member or location, counted from when it was first seen, before it is dead-lettered. Zero dead-letters
     * at once. Spring sets it from {@code deskpost.directory.grace}.
     */
    public static final String DIRECTORY_GRACE_CONFIG = "deskpost.directory.grace";
    /** Long enough for a directory record published with its first event to reach every global table. */
    public static final Duration DEFAULT_DIRECTORY_GRACE = Duration.ofMinutes(5);

    private static final Serde<Routed> ROUTED = Serdes.serdeFrom(
            (topic, routed) -> routed.bytes(),
            (topic, bytes) -> {
                throw new UnsupportedOperationException("Routed records are only ever written");
            });

    private EventRouting() {
    }

    /**
     * @param stores names of the (non-global) state stores the handler uses; global stores need no wiring
     */
    public static <V extends SpecificRecord> void route(StreamsBuilder builder, Topic<V> source, AvroSerdes serdes,
            Function<StoreAccess, EventHandler<V>> handlerFactory, String... stores) {
        route(builder, source, serdes, null, handlerFactory, stores);
    }

    /**
     * As {@link #route(StreamsBuilder, Topic, AvroSerdes, Function, String...)}, for a source that may carry
     * credentials in clear (facility.access): its dead letters keep them sealed with {@code sealer}, so a
     * redriven record still delivers its code, instead of masked.
     *
     * @param sealer Deskpost's public keys; null masks clear credentials in dead letters
     */
    public static <V extends SpecificRecord> void route(StreamsBuilder builder, Topic<V> source, AvroSerdes serdes,
            CredentialSealer sealer, Function<StoreAccess, EventHandler<V>> handlerFactory, String... stores) {
        CredentialRedaction redaction = new CredentialRedaction(serdes, sealer);
        String parking = parkingStore(source);
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(parking), Serdes.Bytes(),
                Serdes.ByteArray()));
        String[] connected = Arrays.copyOf(stores, stores.length + 1);
        connected[stores.length] = parking;
        builder.stream(source.name(), Consumed.with(Serdes.String(), Serdes.ByteArray()).withName(source.name() + "-in"))
                .process(() -> new RoutingProcessor<>(source, serdes, redaction, handlerFactory),
                        Named.as(source.name() + "-handler"), connected)
                .to((key, routed, context) -> routed.topic(), Produced.with(Serdes.String(), ROUTED)
                        .withName(source.name() + "-out"));
    }

    /** The name of the store where records of {@code source} wait for the directory. */
    public static String parkingStore(Topic<?> source) {
        return source.name() + "-directory-wait";
    }

    static Duration directoryGrace(Map<String, Object> config) {
        Object grace = config.get(DIRECTORY_GRACE_CONFIG);
        Duration parsed;
        if (grace == null) {
            parsed = DEFAULT_DIRECTORY_GRACE;
        } else if (grace instanceof Duration duration) {
            parsed = duration;
        } else if (grace instanceof Number millis) {
            parsed = Duration.ofMillis(millis.longValue());
        } else {
            parsed = Duration.parse(grace.toString());
        }
        if (parsed.isNegative()) {
            throw new IllegalArgumentException(DIRECTORY_GRACE_CONFIG + " must not be negative: " + grace);
        }
        return parsed;
    }
}
