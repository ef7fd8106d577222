package com.deskpost.platform.streams;

import com.deskpost.platform.credential.CredentialSealer;
import com.deskpost.platform.deadletter.CredentialRedaction;
import com.deskpost.platform.serde.AvroSerdes;
import com.deskpost.platform.topic.Topic;
import java.util.function.Function;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;

/**
 * Wires a source topic to a domain handler: raw bytes in, decoded and handled by
 * {@link RoutingProcessor}, written to whichever topics the handler chose (or the dead-letter
 * topic). One sink with a topic-name extractor keeps the whole step in one transaction.
 */
public final class EventRouting {

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
        builder.stream(source.name(), Consumed.with(Serdes.String(), Serdes.ByteArray()).withName(source.name() + "-in"))
                .process(() -> new RoutingProcessor<>(source, serdes, redaction, handlerFactory),
                        Named.as(source.name() + "-handler"), stores)
                .to((key, routed, context) -> routed.topic(), Produced.with(Serdes.String(), ROUTED)
                        .withName(source.name() + "-out"));
    }
}
