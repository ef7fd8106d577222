package com.deskpost.ops.deadletter;

import com.deskpost.platform.deadletter.CredentialRedaction;
import java.util.Optional;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.springframework.kafka.support.KafkaHeaders;

/**
 * What a dead letter's headers say about it (spring-kafka's format, which platform's
 * DeadLetterHeaders also writes): where it came from, why it failed, and what the service did to
 * the credentials it carries: kept them sealed (a redrive delivers them), masked them or withheld the value.
 *
 * @param originalTopic the topic it was read from; for a retry topic, as written (see {@link #sourceTopic()})
 * @param originalPartition its partition there, or null
 * @param originalOffset its offset there, or null
 * @param originalTimestamp its timestamp there (epoch millis), or null
 * @param exceptionClass the failure's class name, or null
 * @param reason the failure's message, or null
 * @param redaction the {@code deskpost_redacted} note, or null when the record carries no credential
 */
public record DeadLetter(String originalTopic, Integer originalPartition, Long originalOffset, Long originalTimestamp,
        String exceptionClass, String reason, String redaction) {

    private static final String RETRY_INFIX = ".retry";

    /** The dead letter described by these headers, or empty when they carry no original topic. */
    public static Optional<DeadLetter> of(Headers headers) {
        String topic = HeaderValues.text(first(headers, KafkaHeaders.ORIGINAL_TOPIC));
        if (topic == null) {
            return Optional.empty();
        }
        return Optional.of(new DeadLetter(topic,
                HeaderValues.integer(first(headers, KafkaHeaders.ORIGINAL_PARTITION)),
                HeaderValues.longValue(first(headers, KafkaHeaders.ORIGINAL_OFFSET)),
                HeaderValues.longValue(first(headers, KafkaHeaders.ORIGINAL_TIMESTAMP)),
                HeaderValues.text(headers.lastHeader(KafkaHeaders.EXCEPTION_FQCN)),
                HeaderValues.text(headers.lastHeader(KafkaHeaders.EXCEPTION_MESSAGE)),
                HeaderValues.text(headers.lastHeader(CredentialRedaction.HEADER))));
    }

    /**
     * The topic to send it back to: the original topic, or for a record that failed on a
     * delivery retry topic ({@code mail.outbound.retry-4}) the main topic the retries belong to.
     */
    public String sourceTopic() {
        int retry = originalTopic.indexOf(RETRY_INFIX);
        return retry < 0 ? originalTopic : originalTopic.substring(0, retry);
    }

    /** Whether the service noted what it did to credentials in it (sealed, masked or withheld). */
    public boolean redacted() {
        return redaction != null;
    }

    /** Whether every credential in it is sealed: redriven, it delivers its codes. */
    public boolean credentialsSealed() {
        return CredentialRedaction.SEALED.equals(redaction);
    }

    /** The header first written under this name: the origin, when a record was dead-lettered more than once. */
    private static Header first(Headers headers, String name) {
        for (Header header : headers.headers(name)) {
            return header;
        }
        return null;
    }
}
