package com.deskpost.platform.outbox;

import com.deskpost.platform.serde.AvroSerdes;
import com.deskpost.platform.topic.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** What the outbox tests' relays published: the versions on mail.entity-versions' first partition, in order. */
final class CommittedVersions {

    private CommittedVersions() {
    }

    /**
     * Every committed record on the partition now (read_committed: the end offset is the last stable offset, so an
     * open transaction is not waited for, and an open or aborted batch is not there).
     */
    static List<Long> read(String bootstrapServers, AvroSerdes serdes) {
        List<Long> versions = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            TopicPartition partition = new TopicPartition(Topics.MAIL_ENTITY_VERSIONS.name(), 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition)).get(partition);
            while (consumer.position(partition) < end) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    versions.add(serdes.deserialize(Topics.MAIL_ENTITY_VERSIONS, record.value()).getVersion());
                }
            }
        }
        return versions;
    }
}
