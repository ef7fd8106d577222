package com.deskpost.reliability.check;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads topics from the first offset to the current end, committed transactions only, with no consumer group. */
public final class TopicReader {

    private TopicReader() {
    }

    /** Every committed record of the topics that exist among {@code names}; @return how many were read. */
    public static long readAll(String bootstrapServers, Set<String> names, Consumer<ConsumerRecord<String, byte[]>> each) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "reliability-reader-" + UUID.randomUUID(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            consumer.listTopics(Duration.ofSeconds(30)).forEach((topic, infos) -> {
                if (names.contains(topic)) {
                    infos.forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
                }
            });
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
            long read = 0;
            while (partitions.stream().anyMatch(p -> consumer.position(p, Duration.ofSeconds(30)) < end.get(p))) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    each.accept(record);
                    read++;
                }
            }
            return read;
        }
    }

    /** Names of existing topics that start with one of the prefixes (e.g. the outbound lanes' delay topics). */
    public static Set<String> topicsStartingWith(String bootstrapServers, List<String> prefixes) {
        return topicsMatching(bootstrapServers, topic -> prefixes.stream().anyMatch(topic::startsWith));
    }

    /** Names of existing topics that match (e.g. every dead-letter topic, whoever created it). */
    public static Set<String> topicsMatching(String bootstrapServers, Predicate<String> wanted) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            return consumer.listTopics(Duration.ofSeconds(30)).keySet().stream().filter(wanted)
                    .collect(Collectors.toSet());
        }
    }
}
