package com.deskpost.platform.streams;

import com.deskpost.events.EmailDraft;
import com.deskpost.events.EventHeader;
import com.deskpost.platform.deadletter.CredentialRedaction;
import com.deskpost.platform.failure.ConsumerWaits;
import com.deskpost.platform.failure.Failure;
import com.deskpost.platform.failure.Failures;
import com.deskpost.platform.observability.EventHeaders;
import com.deskpost.platform.observability.MailLogContext;
import com.deskpost.platform.observability.MailMetrics;
import com.deskpost.platform.observability.MailMetrics.Outcome;
import com.deskpost.platform.serde.AvroSerdes;
import com.deskpost.platform.streams.ParkingLot.Retry;
import com.deskpost.platform.topic.Topic;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Decodes each raw record of the source topic, runs the domain handler and forwards what it
 * emits, serialised for its destination ({@link RoutingOutput}). A record that cannot be decoded or is
 * rejected by the handler goes, with its original bytes and the reason in headers, to the source topic's
 * dead-letter topic — inside the same exactly-once transaction as everything else, so nothing is lost and
 * nothing is written twice. A record rejected because the directory lacks its member or location
 * ({@link DirectoryMiss}) is parked instead ({@link ParkingLot}) and retried every
 * {@value #RETRY_SECONDS} seconds of wall-clock time, exactly as if it had just arrived, until the
 * directory has the entry or the grace ({@link EventRouting#DIRECTORY_GRACE_CONFIG}) has passed; later
 * records with its key wait behind it. A failure of our own infrastructure (the registry unreachable while
 * decoding or writing, PostgreSQL down under the handler) is not the record's fault: it propagates, the
 * transaction aborts and the stream thread is replaced after a back-off, reading the record again
 * ({@link Failures}). A record whose output would be too large to write is dead-lettered itself, before
 * anything is sent: under exactly-once a send the producer refuses aborts the whole transaction. Each
 * event is counted in (accepted or dead-lettered) and each audit event it causes counts its transition
 * ({@link MailMetrics}); its correlation id (and draft id) are in the logging context while it is processed.
 * A handler that is also {@link Housekeeping} is called on wall-clock time to forget entities that are over.
 */
final class RoutingProcessor<V extends SpecificRecord> implements Processor<String, byte[], String, Routed> {

    static final int RETRY_SECONDS = 2;
    /** The producer's default {@code max.request.size}. */
    private static final int DEFAULT_MAX_REQUEST_SIZE = 1_048_576;

    private final Topic<V> source;
    private final AvroSerdes serdes;
    private final Function<StoreAccess, EventHandler<V>> handlerFactory;
    private final CredentialRedaction redaction;
    private ProcessorContext<String, Routed> context;
    private EventHandler<V> handler;
    private MailMetrics metrics;
    private ConsumerWaits waits;
    private String applicationId;
    private RoutingOutput output;
    private ParkingLot parking;
    private Duration grace;

    /** @param redaction what dead letters keep of records that may carry credentials (sealed, or masked) */
    RoutingProcessor(Topic<V> source, AvroSerdes serdes, CredentialRedaction redaction,
            Function<StoreAccess, EventHandler<V>> handlerFactory) {
        this.source = source;
        this.serdes = serdes;
        this.handlerFactory = handlerFactory;
        this.redaction = redaction;
    }

    @Override
    public void init(ProcessorContext<String, Routed> context) {
        this.context = context;
        this.metrics = MailMetrics.of(context);
        Map<String, Object> config = context.appConfigs();
        this.waits = config.get(ConsumerWaits.STREAMS_CONFIG_KEY) instanceof ConsumerWaits configured ? configured
                : new ConsumerWaits(null, Clock.systemUTC());
        this.applicationId = context.applicationId();
        Object limit = config.getOrDefault(StreamsConfig.producerPrefix(ProducerConfig.MAX_REQUEST_SIZE_CONFIG),
                config.get(ProducerConfig.MAX_REQUEST_SIZE_CONFIG));
        this.output = new RoutingOutput(context, serdes, redaction, metrics, source,
                limit == null ? DEFAULT_MAX_REQUEST_SIZE : Integer.parseInt(limit.toString()));
        this.grace = EventRouting.directoryGrace(config);
        this.parking = new ParkingLot(context.getStateStore(EventRouting.parkingStore(source)), grace, metrics,
                source.name(), context.taskId().toString());
        this.handler = handlerFactory.apply(new StoreAccess() {
            @Override
            public <S> S store(String name) {
                return context.getStateStore(name);
            }

            @Override
            public long wallClockMillis() {
                return context.currentSystemTimeMs();
            }
        });
        context.schedule(Duration.ofSeconds(RETRY_SECONDS), PunctuationType.WALL_CLOCK_TIME, this::retryParked);
        if (handler instanceof Housekeeping housekeeping) {
            context.schedule(housekeeping.housekeepingInterval(), PunctuationType.WALL_CLOCK_TIME,
                    now -> housekeeping.housekeep(now).forEach(emit -> output.forwardAt(emit, now)));
        }
    }

    @Override
    public void process(Record<String, byte[]> record) {
        Arrival arrival = Arrival.of(record, context.recordMetadata().orElseThrow(), context.currentSystemTimeMs());
        if (parking.holds(arrival.key())) {
            park(arrival, "an earlier record with its key waits for the directory");
            return;
        }
        Missed missed = route(arrival);
        if (missed != null && grace.isZero()) {
            output.deadLetter(arrival, missed.miss(), missed.location());
        } else if (missed != null) {
            park(arrival, missed.miss().getMessage());
        }
    }

    @Override
    public void close() {
        if (parking != null) {
            parking.close();
        }
    }

    private void park(Arrival arrival, String reason) {
        parking.park(arrival.keeping(output.kept(arrival)), reason);
    }

    private void retryParked(long now) {
        parking.retry(now, (parked, graceOver) -> {
            Missed missed = route(parked);
            if (missed == null) {
                return Retry.RELEASED;
            }
            if (!graceOver) {
                return Retry.WAITING;
            }
            output.deadLetter(parked, missed.miss().gaveUpAfter(ParkingLot.describe(grace)), missed.location());
            return Retry.GIVEN_UP;
        });
    }

    /** A record the directory cannot serve yet, and the location of its event for the count. */
    private record Missed(DirectoryMiss miss, String location) {
    }

    /**
     * Handles the record: its records forwarded, or itself dead-lettered.
     *
     * @return what the directory lacks, when that is why it cannot be handled yet (nothing is written then)
     */
    private Missed route(Arrival arrival) {
        V event;
        try {
            event = decode(arrival);
        } catch (RuntimeException e) {
            deadLetterUnlessInfrastructure(arrival, e, null);
            return null;
        }
        try (var logContext = MailLogContext.of(event)) {
            List<Emit<?>> emits;
            List<byte[]> serialised;
            try {
                emits = handler.handle(arrival.key(), event);
                serialised = emits.stream().<byte[]>map(output::serialise).toList();
            } catch (DirectoryMiss miss) {
                return new Missed(miss, locationOf(event));
            } catch (RuntimeException e) {
                deadLetterUnlessInfrastructure(arrival, e, event);
                return null;
            }
            RecordTooLargeException tooLarge = output.tooLarge(emits, serialised);
            if (tooLarge != null) {
                output.deadLetter(arrival, tooLarge, locationOf(event));
                return null;
            }
            metrics.eventIn(source.name(), Outcome.ACCEPTED, locationOf(event));
            for (int i = 0; i < emits.size(); i++) {
                output.forward(emits.get(i), serialised.get(i), arrival);
            }
            waits.resumed(applicationId);
            return null;
        }
    }

    private void deadLetterUnlessInfrastructure(Arrival arrival, RuntimeException cause, V event) {
        Failure failure = Failures.classify(cause);
        if (failure.isInfrastructure()) {
            throw cause;
        }
        output.deadLetter(arrival, cause, event == null ? null : locationOf(event));
    }

    private static String locationOf(SpecificRecord event) {
        if (event instanceof EmailDraft draft) {
            return draft.getLocationId();
        }
        EventHeader header = EventHeaders.of(event);
        return header == null ? null : header.getLocationId();
    }

    private V decode(Arrival arrival) {
        if (arrival.value() == null || arrival.value().length == 0) {
            throw new SerializationException("Empty value on " + source.name()
                    + ": a facility event must carry an Avro " + source.valueType().getSimpleName());
        }
        return serdes.serde(source).deserializer().deserialize(source.name(), arrival.headers(), arrival.value());
    }
}
