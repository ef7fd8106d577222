package com.deskpost.platform.failure;

import com.deskpost.platform.deadletter.CredentialRedaction;
import com.deskpost.platform.deadletter.DeadLetterHeaders;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a Streams application does with a record it cannot write, configured for every Streams app: a
 * record the producer or the broker refuses for good (too large, invalid) goes to the sink topic's
 * {@code .dlq} with the reason in spring-kafka's dead-letter headers, instead of failing the task and
 * blocking its partition forever. The dead letter keeps the source record's position; its value is the
 * refused value, or, when that is itself too large for a topic, the source record's bytes (what a redrive
 * needs), credentials kept sealed ({@link CredentialRedaction}). A retriable error (the broker away,
 * not enough replicas) is not dead-lettered: RETRY, the task is reprocessed from its committed offset; a
 * serialisation failure because the registry is away fails the thread, which is replaced after a back-off.
 */
public final class DeadLetteringProductionExceptionHandler implements ProductionExceptionHandler {

    /** The {@link CredentialRedaction} dead letters get, handed over in the Streams configuration. */
    public static final String REDACTION_CONFIG_KEY = "deskpost.dead-letter-redaction";

    private static final Logger log = LoggerFactory.getLogger(DeadLetteringProductionExceptionHandler.class);

    private CredentialRedaction redaction;

    @Override
    public void configure(Map<String, ?> configs) {
        redaction = configs.get(REDACTION_CONFIG_KEY) instanceof CredentialRedaction configured ? configured : null;
    }

    @Override
    public Response handleError(ErrorHandlerContext context, ProducerRecord<byte[], byte[]> record,
            Exception exception) {
        if (exception instanceof RetriableException || Failures.classify(exception).isInfrastructure()) {
            log.warn("Cannot write to {} yet, retrying: {}", record.topic(), exception.getMessage());
            return Response.retry();
        }
        if (record.topic().endsWith(".dlq")) {
            log.error("Cannot write a dead letter to {}", record.topic(), exception);
            return Response.fail();
        }
        boolean tooLarge = exception instanceof RecordTooLargeException;
        return deadLetter(context, record.topic(), tooLarge ? context.topic() : record.topic(), record.key(),
                tooLarge ? context.sourceRawValue() : record.value(), record.headers(), exception);
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Response handleSerializationError(ErrorHandlerContext context, ProducerRecord record, Exception exception,
            SerializationExceptionOrigin origin) {
        if (Failures.classify(exception).isInfrastructure() || !(exception instanceof RecordTooLargeException)) {
            log.warn("Cannot serialise a record for {}: {}", record.topic(), exception.getMessage());
            return Response.fail();
        }
        byte[] key = record.key() instanceof String text ? text.getBytes(StandardCharsets.UTF_8) : context.sourceRawKey();
        return deadLetter(context, record.topic(), context.topic(), key, context.sourceRawValue(), record.headers(),
                exception);
    }

    /** @param valueTopic the topic whose type {@code value} is: the sink's, or the source's for its raw bytes */
    private Response deadLetter(ErrorHandlerContext context, String topic, String valueTopic, byte[] key, byte[] value,
            Headers original, Exception exception) {
        String deadLetterTopic = topic + ".dlq";
        boolean fromSource = context.topic() != null;
        Headers headers = DeadLetterHeaders.describe(original, fromSource ? context.topic() : topic,
                fromSource ? context.partition() : -1, fromSource ? context.offset() : -1, context.timestamp(),
                exception);
        // Without Deskpost's redaction (a topology built outside a service) a value is not kept at all.
        byte[] kept = redaction == null || valueTopic == null ? null : redaction.redact(valueTopic, value, headers);
        log.warn("Cannot write a record to {} ({}); dead-lettered to {} from {}-{}@{}", topic, exception.getMessage(),
                deadLetterTopic, context.topic(), context.partition(), context.offset());
        return Response.resume(List.of(new ProducerRecord<>(deadLetterTopic, null, key, kept, headers)));
    }
}
