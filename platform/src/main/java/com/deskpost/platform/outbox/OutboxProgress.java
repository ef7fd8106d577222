package com.deskpost.platform.outbox;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * How far a relay got: the sequence number of the last outbox row it published, kept in its compacted
 * progress topic (one partition, one key) and written in the same Kafka transaction as the rows. The
 * value is 8 bytes, big-endian, not Avro: only the relay reads it, and oversight's topic has held it
 * in this form since before the outbox moved to platform.
 */
class OutboxProgress {

    private static final String KEY = "relayed-up-to";

    private final String topic;
    private final Map<String, Object> consumerConfig;

    OutboxProgress(String topic, Map<String, Object> consumerConfig) {
        this.topic = topic;
        this.consumerConfig = consumerConfig;
    }

    /** The record that moves the progress to {@code relayedUpTo}; send it inside the batch's transaction. */
    ProducerRecord<String, byte[]> record(long relayedUpTo) {
        return new ProducerRecord<>(topic, 0, KEY, ByteBuffer.allocate(Long.BYTES).putLong(relayedUpTo).array());
    }

    /**
     * The committed progress (0 if none). Read only after the relay's producer ran {@code initTransactions}:
     * that fences the producer before it and settles its open transaction, so a batch cannot commit after
     * this read and be published again.
     */
    long read() {
        Map<String, Object> config = new java.util.HashMap<>(consumerConfig);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // Assigned by hand, no offsets kept: no consumer group (and no ACL for one) is needed.
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        try (var consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition)).get(partition);
            long progress = 0;
            while (consumer.position(partition) < end) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (KEY.equals(record.key())) {
                        progress = ByteBuffer.wrap(record.value()).getLong();
                    }
                }
            }
            return progress;
        }
    }
}
