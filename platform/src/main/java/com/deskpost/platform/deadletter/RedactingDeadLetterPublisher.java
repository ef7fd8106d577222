package com.deskpost.platform.deadletter;

import java.util.function.BiFunction;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Headers;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;

/**
 * spring-kafka's dead-letter publisher with {@link CredentialRedaction} applied to what lands in a
 * {@code .dlq} topic: credentials stay sealed (clear ones are sealed, or masked by a service without
 * Deskpost's public keys). Records forwarded to retry topics keep their value: they are still to be
 * delivered, as they are on the source topic.
 */
public final class RedactingDeadLetterPublisher extends DeadLetterPublishingRecoverer {

    private final CredentialRedaction redaction;

    public RedactingDeadLetterPublisher(Function<ProducerRecord<?, ?>, ? extends KafkaOperations<?, ?>> templates,
            BiFunction<ConsumerRecord<?, ?>, Exception, TopicPartition> destination, CredentialRedaction redaction) {
        super(templates, destination);
        this.redaction = redaction;
    }

    @Override
    protected ProducerRecord<Object, Object> createProducerRecord(ConsumerRecord<?, ?> record,
            TopicPartition topicPartition, Headers headers, byte[] key, byte[] value) {
        ProducerRecord<Object, Object> out = super.createProducerRecord(record, topicPartition, headers, key, value);
        if (!topicPartition.topic().endsWith(".dlq") || !(out.value() instanceof byte[] bytes)) {
            return out;
        }
        byte[] kept = redaction.redact(record.topic(), bytes, out.headers());
        return new ProducerRecord<>(out.topic(), out.partition(), out.timestamp(), out.key(), kept, out.headers());
    }
}
