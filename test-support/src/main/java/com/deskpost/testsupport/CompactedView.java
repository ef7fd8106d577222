package com.deskpost.testsupport;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * What a Kafka Streams application's changelogs (and further compacted topics) hold once compacted: each read to its
 * end, committed records only, and folded by key, a tombstone removing the key. An erasure test searches this view
 * for the person: what a restore or a compacted topic would still give back.
 */
public final class CompactedView {

    private CompactedView() {
    }

    /**
     * @param bootstrapServers the broker
     * @param applicationId the Streams application whose {@code <applicationId>-…-changelog} topics are read
     * @param moreTopics further compacted topics to read, e.g. the application's own
     * @return topic/partition/key to the latest value's bytes as ISO-8859-1 text
     */
    public static Map<String, String> of(String bootstrapServers, String applicationId, String... moreTopics) {
        Map<String, String> folded = new HashMap<>();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers));
                KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                        new StringDeserializer(), new ByteArrayDeserializer())) {
            List<String> topics = new ArrayList<>(admin.listTopics().names().get().stream()
                    .filter(name -> name.startsWith(applicationId) && name.endsWith("-changelog")).toList());
            topics.addAll(List.of(moreTopics));
            List<TopicPartition> partitions = topics.stream().flatMap(topic -> consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition()))).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(partition -> consumer.position(partition) < ends.get(partition))) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    String key = record.topic() + "/" + record.partition() + "/" + record.key();
                    if (record.value() == null) {
                        folded.remove(key);
                    } else {
                        folded.put(key, new String(record.value(), StandardCharsets.ISO_8859_1));
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while reading the changelogs of " + applicationId, e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("Could not list the topics of " + applicationId, e);
        }
        return folded;
    }
}
