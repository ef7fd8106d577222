package com.deskpost.delivery;

import com.deskpost.platform.serde.AvroSerdes;
import com.deskpost.platform.topic.Topic;
import com.deskpost.schemas.serde.SchemaRegistryClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Writes and reads Deskpost topics as a facility system or another service would: Avro values in
 * Confluent wire format through the schema registry, string keys. Independent of the service's
 * own context, so a test can seed directories before the service starts.
 */
public final class TestTopics implements AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(200);

    private final String bootstrapServers;
    private final AvroSerdes serdes;
    private final KafkaProducer<String, byte[]> producer;

    TestTopics(String bootstrapServers, String registryUrl) {
        this.bootstrapServers = bootstrapServers;
        this.serdes = new AvroSerdes(new SchemaRegistryClient(registryUrl));
        this.producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer());
    }

    /** Publishes one record and waits until the broker has it. */
    public <V extends SpecificRecord> void publish(Topic<V> topic, String key, V value) {
        publish(topic, null, key, value);
    }

    /** Publishes one record to the given partition (null: the key's) and waits until the broker has it. */
    public <V extends SpecificRecord> void publish(Topic<V> topic, Integer partition, String key, V value) {
        try {
            producer.send(new ProducerRecord<>(topic.name(), partition, key, serdes.serialize(topic, value)))
                    .get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted publishing to " + topic.name(), e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Could not publish " + key + " to " + topic.name(), e);
        }
    }

    /** The value as a producer of the topic writes it: Confluent wire format, the schema registered. */
    public <V extends SpecificRecord> byte[] serialize(Topic<V> topic, V value) {
        return serdes.serialize(topic, value);
    }

    /** Every committed record on the topic right now, decoded, oldest first per partition; poll it with Awaitility. */
    public <V extends SpecificRecord> List<ConsumerRecord<String, V>> records(Topic<V> topic) {
        List<ConsumerRecord<String, V>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic.name()).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(partition -> consumer.position(partition) < end.get(partition))) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                    records.add(new ConsumerRecord<>(record.topic(), record.partition(), record.offset(),
                            record.key(), serdes.deserialize(topic, record.value())));
                }
            }
        }
        return records;
    }

    /** How many records a topic holds (a dead-letter topic, whose values may not decode); 0 if it does not exist. */
    public long count(String topic) {
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition()))
                    .toList();
            Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions);
            return consumer.endOffsets(partitions).entrySet().stream()
                    .mapToLong(end -> end.getValue() - begin.get(end.getKey())).sum();
        }
    }

    /** The values of {@link #records(Topic)}. */
    public <V extends SpecificRecord> List<V> values(Topic<V> topic) {
        return records(topic).stream().map(ConsumerRecord::value).toList();
    }

    @Override
    public void close() {
        producer.close();
    }

    private KafkaConsumer<String, byte[]> consumer() {
        // No group: partitions are assigned by hand and no offsets are kept, so no group coordinator is needed.
        return new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                // Only what producers committed: the services write some topics transactionally.
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new StringDeserializer(), new ByteArrayDeserializer());
    }
}
