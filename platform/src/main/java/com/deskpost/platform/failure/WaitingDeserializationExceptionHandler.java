package com.deskpost.platform.failure;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a Streams source does with a record its serde cannot read. When the registry is unreachable the
 * record is not at fault: FAIL, so the stream thread is replaced after a back-off
 * ({@link InfrastructureWaits#streamThreads}) and reads the record again from the committed offset.
 * Undecodable bytes are logged and skipped, as before: topologies that must dead-letter read raw bytes
 * and do it themselves ({@code EventRouting}), and a directory record is dead-lettered by delivery's
 * directory check.
 */
public final class WaitingDeserializationExceptionHandler implements DeserializationExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(WaitingDeserializationExceptionHandler.class);

    @Override
    public Response handleError(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record,
            Exception exception) {
        Failure failure = Failures.classify(exception);
        if (failure.isInfrastructure()) {
            log.warn("Cannot read {}-{}@{} while {} is unavailable; the stream thread retries it: {}", record.topic(),
                    record.partition(), record.offset(), failure.tag(), exception.getMessage());
            return Response.fail();
        }
        log.warn("Skipping undecodable {}-{}@{}: {}", record.topic(), record.partition(), record.offset(),
                exception.getMessage(), exception);
        return Response.resume();
    }

    @Override
    public void configure(java.util.Map<String, ?> configs) {
    }
}
