package com.deskpost.reliability.input;

import com.deskpost.platform.deadletter.DeadLetterHeaders;
import com.deskpost.platform.topic.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

/** Every record on every dead-letter topic ({@code <topic>.dlq}), read from the start to the current end. */
final class DeadLetters {

    /** One dead letter: topic, key, the reason header ({@code kafka_exception-message}, null when missing). */
    record DeadLetter(String topic, String key, String reason, int size) {
    }

    private DeadLetters() {
    }

    static List<String> topics() {
        return Topics.ALL.stream().map(topic -> topic.deadLetterTopic()).toList();
    }

    static List<DeadLetter> readAll(InputStack stack) {
        List<DeadLetter> letters = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = stack.consumer()) {
            List<TopicPartition> partitions = new ArrayList<>();
            Map<String, List<PartitionInfo>> known = consumer.listTopics(Duration.ofSeconds(30));
            for (String topic : topics()) {
                for (PartitionInfo info : known.getOrDefault(topic, List.of())) {
                    partitions.add(new TopicPartition(topic, info.partition()));
                }
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = new HashMap<>(consumer.endOffsets(partitions));
            Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
            while (Instant.now().isBefore(deadline) && !reached(consumer, end)) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    letters.add(new DeadLetter(record.topic(), record.key(), DeadLetterHeaders.reason(record.headers()),
                            record.value() == null ? 0 : record.value().length));
                }
            }
        }
        return letters;
    }

    private static boolean reached(KafkaConsumer<String, byte[]> consumer, Map<TopicPartition, Long> end) {
        // read_committed: a transaction marker may sit at the end, so position >= end is the test
        return end.entrySet().stream().allMatch(entry -> consumer.position(entry.getKey()) >= entry.getValue());
    }
}
