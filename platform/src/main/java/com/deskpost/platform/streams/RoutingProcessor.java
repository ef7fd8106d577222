package com.deskpost.platform.streams;

import com.deskpost.events.AuditEvent;
import com.deskpost.events.EmailDraft;
import com.deskpost.events.EventHeader;
import com.deskpost.platform.deadletter.CredentialRedaction;
import com.deskpost.platform.deadletter.DeadLetterHeaders;
import com.deskpost.platform.failure.ConsumerWaits;
import com.deskpost.platform.failure.Failure;
import com.deskpost.platform.failure.Failures;
import com.deskpost.platform.observability.EventHeaders;
import com.deskpost.platform.observability.MailLogContext;
import com.deskpost.platform.observability.MailMetrics;
import com.deskpost.platform.observability.MailMetrics.Outcome;
import com.deskpost.platform.serde.AvroSerdes;
import com.deskpost.platform.topic.Topic;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decodes each raw record of the source topic, runs the domain handler and forwards what it
 * emits, serialised for its destination. A record that cannot be decoded or is rejected by the
 * handler goes, with its original bytes and the reason in headers, to the source topic's
 * dead-letter topic — inside the same exactly-once transaction as everything else, so nothing
 * is lost and nothing is written twice. A dead letter keeps credentials sealed, never in clear
 * ({@link CredentialRedaction}). A failure of our own infrastructure (the registry unreachable while
 * decoding or writing, PostgreSQL down under the handler) is not the record's fault: it propagates, the
 * transaction aborts and the stream thread is replaced after a back-off, reading the record again
 * ({@link Failures}). A record whose output would be too large to write is dead-lettered itself, before
 * anything is sent: under exactly-once a send the producer refuses aborts the whole transaction. Each event is counted in (accepted or
 * dead-lettered) and each audit event it causes counts its transition ({@link MailMetrics}); its
 * correlation id (and draft id) are in the logging context while it is processed.
 */
final class RoutingProcessor<V extends SpecificRecord> implements Processor<String, byte[], String, Routed> {

    private static final Logger log = LoggerFactory.getLogger(RoutingProcessor.class);
    /** The producer's default {@code max.request.size}. */
    private static final int DEFAULT_MAX_REQUEST_SIZE = 1_048_576;
    /** Headroom for a record's headers and its batch's framing, which the producer counts too. */
    private static final int RECORD_OVERHEAD = 4_096;

    private final Topic<V> source;
    private final AvroSerdes serdes;
    private final Function<StoreAccess, EventHandler<V>> handlerFactory;
    private final CredentialRedaction redaction;
    private ProcessorContext<String, Routed> context;
    private EventHandler<V> handler;
    private MailMetrics metrics;
    private ConsumerWaits waits;
    private String applicationId;
    private int maxRequestSize;

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
        this.maxRequestSize = limit == null ? DEFAULT_MAX_REQUEST_SIZE : Integer.parseInt(limit.toString());
        this.handler = handlerFactory.apply(new StoreAccess() {
            @Override
            public <S> S store(String name) {
                return context.getStateStore(name);
            }
        });
    }

    @Override
    public void process(Record<String, byte[]> record) {
        V event;
        try {
            event = decode(record);
        } catch (RuntimeException e) {
            deadLetterUnlessInfrastructure(record, e, null);
            return;
        }
        try (var logContext = MailLogContext.of(event)) {
            List<Emit<?>> emits;
            List<byte[]> serialised;
            try {
                emits = handler.handle(record.key(), event);
                serialised = emits.stream().map(this::serialise).toList();
            } catch (RuntimeException e) {
                deadLetterUnlessInfrastructure(record, e, event);
                return;
            }
            RecordTooLargeException tooLarge = tooLarge(emits, serialised);
            if (tooLarge != null) {
                deadLetter(record, tooLarge, event);
                return;
            }
            metrics.eventIn(source.name(), Outcome.ACCEPTED, locationOf(event));
            for (int i = 0; i < emits.size(); i++) {
                forward(emits.get(i), serialised.get(i), record);
            }
            waits.resumed(applicationId);
        }
    }

    private <T extends SpecificRecord> byte[] serialise(Emit<T> emit) {
        return serdes.serde(emit.topic()).serializer().serialize(emit.topic().name(), emit.value());
    }

    /** The first output the producer would refuse as larger than {@code max.request.size}, if any. */
    private RecordTooLargeException tooLarge(List<Emit<?>> emits, List<byte[]> serialised) {
        for (int i = 0; i < emits.size(); i++) {
            Emit<?> emit = emits.get(i);
            int size = serialised.get(i).length + (emit.key() == null ? 0 : emit.key().length() * 4) + RECORD_OVERHEAD;
            if (size > maxRequestSize) {
                return new RecordTooLargeException("The " + emit.topic().name() + " record composed from it would be "
                        + size + " bytes, over max.request.size " + maxRequestSize);
            }
        }
        return null;
    }

    private void deadLetterUnlessInfrastructure(Record<String, byte[]> record, RuntimeException cause, V event) {
        Failure failure = Failures.classify(cause);
        if (failure.isInfrastructure()) {
            throw cause;
        }
        deadLetter(record, cause, event);
    }

    private static String locationOf(SpecificRecord event) {
        if (event instanceof EmailDraft draft) {
            return draft.getLocationId();
        }
        EventHeader header = EventHeaders.of(event);
        return header == null ? null : header.getLocationId();
    }

    private V decode(Record<String, byte[]> record) {
        if (record.value() == null || record.value().length == 0) {
            throw new SerializationException("Empty value on " + source.name()
                    + ": a facility event must carry an Avro " + source.valueType().getSimpleName());
        }
        return serdes.serde(source).deserializer().deserialize(source.name(), record.headers(), record.value());
    }

    private <T extends SpecificRecord> void forward(Emit<T> emit, byte[] bytes, Record<String, byte[]> source) {
        if (emit.refusal() == null) {
            if (emit.value() instanceof AuditEvent audit) {
                metrics.transition(audit);
            }
            context.forward(new Record<>(emit.key(), new Routed(emit.topic().name(), bytes), source.timestamp()));
            return;
        }
        RecordMetadata meta = context.recordMetadata().orElseThrow();
        log.warn("Refused a record composed from {}-{}@{}, kept in {}: {}", meta.topic(), meta.partition(), meta.offset(),
                emit.topic().deadLetterTopic(), emit.refusal().getMessage());
        var headers = DeadLetterHeaders.describe(new RecordHeaders(), meta.topic(), meta.partition(), meta.offset(),
                source.timestamp(), emit.refusal());
        byte[] kept = redaction.redact(emit.topic().name(), bytes, headers);
        context.forward(new Record<>(emit.key(), new Routed(emit.topic().deadLetterTopic(), kept), source.timestamp(),
                headers));
    }

    private void deadLetter(Record<String, byte[]> record, RuntimeException cause, V event) {
        metrics.eventIn(source.name(), Outcome.DEAD_LETTERED, event == null ? null : locationOf(event));
        RecordMetadata meta = context.recordMetadata().orElseThrow();
        log.warn("Dead-lettering {}-{}@{} (key {}): {}", meta.topic(), meta.partition(), meta.offset(),
                record.key(), cause.getMessage(), cause);
        var headers = DeadLetterHeaders.describe(record.headers(), meta.topic(), meta.partition(), meta.offset(),
                record.timestamp(), cause);
        byte[] kept = redaction.redact(source.name(), record.value(), headers);
        context.forward(new Record<>(record.key(), new Routed(source.deadLetterTopic(), kept), record.timestamp(),
                headers));
    }
}
