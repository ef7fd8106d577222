package com.deskpost.ingest.testdata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.deskpost.ingest.IngestApplication;
import com.deskpost.platform.serde.AvroSerdes;
import com.deskpost.platform.topic.Topic;
import com.deskpost.schemas.serde.SchemaRegistryClient;
import com.deskpost.testsupport.KafkaBroker;
import com.deskpost.testsupport.registry.SchemaRegistryServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * ingest-service on a random port against a real broker and registry, as its ITs start it, with what they
 * read back: where a topic ends, and exactly the records written after a point.
 */
public final class IngestUnderTest implements AutoCloseable {

    private final KafkaBroker kafka;
    private final SchemaRegistryServer registry;
    private final ConfigurableApplicationContext ingest;
    private final AvroSerdes serdes;
    private final IngestCalls calls;

    private IngestUnderTest(List<Topic<?>> singlePartition, String... settings) {
        kafka = KafkaBroker.start();
        if (!singlePartition.isEmpty()) {
            kafka.createTopics(1, singlePartition.stream().map(Topic::name).toArray(String[]::new));
        }
        registry = SchemaRegistryServer.start();
        serdes = new AvroSerdes(new SchemaRegistryClient(registry.url()));
        List<String> args = new ArrayList<>(List.of(
                "--spring.kafka.bootstrap-servers=" + kafka.bootstrapServers(),
                "--deskpost.kafka.schema-registry-url=" + registry.url(),
                "--server.port=0", "--spring.main.banner-mode=off"));
        args.addAll(List.of(settings));
        ingest = IngestApplication.builder().run(args.toArray(String[]::new));
        calls = new IngestCalls(ingest.getEnvironment().getRequiredProperty("local.server.port", Integer.class));
    }

    /** Started with the settings (e.g. {@code --deskpost.ingest.clients[0].id=crm}). */
    public static IngestUnderTest start(String... settings) {
        return new IngestUnderTest(List.of(), settings);
    }

    /** Started with the settings, the given topics created first with one partition each. */
    public static IngestUnderTest start(List<Topic<?>> singlePartition, String... settings) {
        return new IngestUnderTest(singlePartition, settings);
    }

    public IngestCalls calls() {
        return calls;
    }

    public AvroSerdes serdes() {
        return serdes;
    }

    public String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    public ConfigurableApplicationContext context() {
        return ingest;
    }

    /** Where a topic ends, per partition. */
    public Map<TopicPartition, Long> ends(Topic<?> topic) {
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            return new HashMap<>(consumer.endOffsets(partitions(consumer, topic)));
        }
    }

    /** How many records a topic holds in all. */
    public long end(Topic<?> topic) {
        return ends(topic).values().stream().mapToLong(Long::longValue).sum();
    }

    /** Exactly the {@code count} records written to the topic after {@code from}. */
    public List<ConsumerRecord<String, byte[]>> records(Topic<?> topic, Map<TopicPartition, Long> from, int count) {
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            List<TopicPartition> partitions = partitions(consumer, topic);
            consumer.assign(partitions);
            partitions.forEach(partition -> consumer.seek(partition, from.getOrDefault(partition, 0L)));
            List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                return records.size() >= count;
            });
            assertThat(records).hasSize(count);
            return records;
        }
    }

    /** A consumer of raw records from the beginning of nothing (assign and seek), committing nothing. */
    public KafkaConsumer<String, byte[]> consumer() {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                new StringDeserializer(), new ByteArrayDeserializer());
    }

    private static List<TopicPartition> partitions(KafkaConsumer<String, byte[]> consumer, Topic<?> topic) {
        return consumer.partitionsFor(topic.name()).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
    }

    @Override
    public void close() {
        ingest.close();
        registry.close();
        kafka.close();
    }
}
