package com.deskpost.platform.streams;

import com.deskpost.events.AuditEvent;
import com.deskpost.platform.deadletter.CredentialRedaction;
import com.deskpost.platform.deadletter.DeadLetterHeaders;
import com.deskpost.platform.observability.MailMetrics;
import com.deskpost.platform.observability.MailMetrics.Outcome;
import com.deskpost.platform.serde.AvroSerdes;
import com.deskpost.platform.topic.Topic;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What {@link RoutingProcessor} writes for one source record: the handler's records, serialised for
 * their topics, or the record itself to its dead-letter topic with the reason and its original position
 * in spring-kafka's headers. A dead letter keeps credentials sealed, never in clear
 * ({@link CredentialRedaction}). Everything is written through the processor's context, so it commits
 * in the task's exactly-once transaction, whether the record is handled as it arrives or later, parked.
 */
final class RoutingOutput {

    private static final Logger log = LoggerFactory.getLogger(RoutingOutput.class);
    /** Headroom for a record's headers and its batch's framing, which the producer counts too. */
    private static final int RECORD_OVERHEAD = 4_096;

    private final ProcessorContext<String, Routed> context;
    private final AvroSerdes serdes;
    private final CredentialRedaction redaction;
    private final MailMetrics metrics;
    private final Topic<?> source;
    private final int maxRequestSize;

    RoutingOutput(ProcessorContext<String, Routed> context, AvroSerdes serdes, CredentialRedaction redaction,
            MailMetrics metrics, Topic<?> source, int maxRequestSize) {
        this.context = context;
        this.serdes = serdes;
        this.redaction = redaction;
        this.metrics = metrics;
        this.source = source;
        this.maxRequestSize = maxRequestSize;
    }

    <T extends SpecificRecord> byte[] serialise(Emit<T> emit) {
        return serdes.serde(emit.topic()).serializer().serialize(emit.topic().name(), emit.value());
    }

    /** The first output the producer would refuse as larger than {@code max.request.size}, if any. */
    RecordTooLargeException tooLarge(List<Emit<?>> emits, List<byte[]> serialised) {
        for (int i = 0; i < emits.size(); i++) {
            Emit<?> emit = emits.get(i);
            int size = (serialised.get(i) == null ? 0 : serialised.get(i).length) + (emit.key() == null ? 0 : emit.key().length() * 4) + RECORD_OVERHEAD;
            if (size > maxRequestSize) {
                return new RecordTooLargeException("The " + emit.topic().name() + " record composed from it would be "
                        + size + " bytes, over max.request.size " + maxRequestSize);
            }
        }
        return null;
    }

    <T extends SpecificRecord> void forward(Emit<T> emit, byte[] bytes, Arrival arrival) {
        if (emit.refusal() == null) {
            if (emit.value() instanceof AuditEvent audit) {
                metrics.transition(audit);
            }
            context.forward(new Record<>(emit.key(), new Routed(emit.topic().name(), bytes), arrival.timestamp()));
            return;
        }
        log.warn("Refused a record composed from {}, kept in {}: {}", arrival.position(),
                emit.topic().deadLetterTopic(), emit.refusal().getMessage());
        var headers = DeadLetterHeaders.describe(new RecordHeaders(), arrival.topic(), arrival.partition(),
                arrival.offset(), arrival.timestamp(), emit.refusal());
        byte[] kept = redaction.redact(emit.topic().name(), bytes, headers);
        context.forward(new Record<>(emit.key(), new Routed(emit.topic().deadLetterTopic(), kept), arrival.timestamp(),
                headers));
    }

    /** A record a handler's {@link Housekeeping} returned: no source record, so no refusal is possible. */
    <T extends SpecificRecord> void forwardAt(Emit<T> emit, long timestamp) {
        if (emit.refusal() != null) {
            throw new IllegalArgumentException("Housekeeping cannot refuse a record: nothing was read to dead-letter");
        }
        context.forward(new Record<>(emit.key(), new Routed(emit.topic().name(), serialise(emit)), timestamp));
    }

    /** @param location the event's location for the count, null when it could not be read */
    void deadLetter(Arrival arrival, RuntimeException cause, String location) {
        metrics.eventIn(source.name(), Outcome.DEAD_LETTERED, location);
        log.warn("Dead-lettering {} (key {}): {}", arrival.position(), arrival.key(), cause.getMessage(), cause);
        var headers = DeadLetterHeaders.describe(arrival.headers(), arrival.topic(), arrival.partition(),
                arrival.offset(), arrival.timestamp(), cause);
        byte[] kept = redaction.redact(source.name(), arrival.value(), headers);
        context.forward(new Record<>(arrival.key(), new Routed(source.deadLetterTopic(), kept), arrival.timestamp(),
                headers));
    }

    /** The bytes a record may rest as while it waits in a store: its credentials sealed, as in a dead letter. */
    byte[] kept(Arrival arrival) {
        return redaction.redact(source.name(), arrival.value(), new RecordHeaders());
    }
}
