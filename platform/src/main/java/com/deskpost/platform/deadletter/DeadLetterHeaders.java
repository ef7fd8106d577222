package com.deskpost.platform.deadletter;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.springframework.kafka.support.KafkaHeaders;

/**
 * Dead-letter headers in spring-kafka's {@code DeadLetterPublishingRecoverer} format, so records
 * dead-lettered by Kafka Streams topologies and by listener containers look the same to
 * operators and to redrive tooling: original topic/partition/offset/timestamp, exception class,
 * message (the reason) and stack trace.
 */
public final class DeadLetterHeaders {

    private DeadLetterHeaders() {
    }

    public static Headers describe(Headers original, String topic, int partition, long offset, long timestamp,
            Throwable cause) {
        RecordHeaders headers = new RecordHeaders(original.toArray());
        headers.add(KafkaHeaders.ORIGINAL_TOPIC, utf8(topic));
        headers.add(KafkaHeaders.ORIGINAL_PARTITION, ByteBuffer.allocate(Integer.BYTES).putInt(partition).array());
        headers.add(KafkaHeaders.ORIGINAL_OFFSET, ByteBuffer.allocate(Long.BYTES).putLong(offset).array());
        headers.add(KafkaHeaders.ORIGINAL_TIMESTAMP, ByteBuffer.allocate(Long.BYTES).putLong(timestamp).array());
        headers.add(KafkaHeaders.EXCEPTION_FQCN, utf8(cause.getClass().getName()));
        headers.add(KafkaHeaders.EXCEPTION_MESSAGE, utf8(String.valueOf(cause.getMessage())));
        headers.add(KafkaHeaders.EXCEPTION_STACKTRACE, utf8(stackTrace(cause)));
        return headers;
    }

    /** The reason a dead letter carries, as a person reads it. */
    public static String reason(Headers headers) {
        var header = headers.lastHeader(KafkaHeaders.EXCEPTION_MESSAGE);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static byte[] utf8(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }

    private static String stackTrace(Throwable cause) {
        StringWriter out = new StringWriter();
        cause.printStackTrace(new PrintWriter(out));
        return out.toString();
    }
}
