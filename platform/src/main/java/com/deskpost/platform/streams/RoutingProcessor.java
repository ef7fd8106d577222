package com.deskpost.platform.streams;

import com.deskpost.events.AuditEvent;
import com.deskpost.events.EmailDraft;
import com.deskpost.events.EventHeader;
import com.deskpost.platform.deadletter.CredentialRedaction;
import com.deskpost.platform.deadletter.DeadLetterHeaders;
import com.deskpost.platform.observability.EventHeaders;
import com.deskpost.platform.observability.MailLogContext;
import com.deskpost.platform.observability.MailMetrics;
import com.deskpost.platform.observability.MailMetrics.Outcome;
import com.deskpost.platform.serde.AvroSerdes;
import com.deskpost.platform.topic.Topic;
import java.util.List;
import java.util.function.Function;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
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
 * ({@link CredentialRedaction}). Output serialisation failures (registry unreachable) are
 * not the record's fault: they propagate and the task retries. Each event is counted in (accepted or
 * dead-lettered) and each audit event it causes counts its transition ({@link MailMetrics}); its
 * correlation id (and draft id) are in the logging context while it is processed.
 */
final class RoutingProcessor<V extends SpecificRecord> implements Processor<String, byte[], String, Routed> {

    private static final Logger log = LoggerFactory.getLogger(RoutingProcessor.class);

    private final Topic<V> source;
    private final AvroSerdes serdes;
    private final Function<StoreAccess, EventHandler<V>> handlerFactory;
    private final CredentialRedaction redaction;
    private ProcessorContext<String, Routed> context;
    private EventHandler<V> handler;
    private MailMetrics metrics;

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
            deadLetter(record, e, null);
            return;
        }
        try (var logContext = MailLogContext.of(event)) {
            List<Emit<?>> emits;
            try {
                emits = handler.handle(record.key(), event);
            } catch (RuntimeException e) {
                deadLetter(record, e, event);
                return;
            }
            metrics.eventIn(source.name(), Outcome.ACCEPTED, locationOf(event));
            for (Emit<?> emit : emits) {
                forward(emit, record);
            }
        }
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

    private <T extends SpecificRecord> void forward(Emit<T> emit, Record<String, byte[]> source) {
        byte[] bytes = serdes.serde(emit.topic()).serializer().serialize(emit.topic().name(), emit.value());
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
