package com.deskpost.reliability.input;

import com.deskpost.devstack.LocalStack;
import com.deskpost.platform.serde.AvroSerdes;
import com.deskpost.platform.topic.Topic;
import com.deskpost.schemas.serde.SchemaRegistryClient;
import com.deskpost.testsupport.Postgres;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * One in-JVM stack for one input scenario, plus an asynchronous producer (a facility system
 * publishing at its own pace, not one round trip per record) and the Avro serdes it frames with.
 * Settings a scenario needs beyond the services' own files are passed as system properties for the
 * start-up only, since {@link LocalStack#startServices()} takes no overrides; they are cleared again.
 */
final class InputStack implements AutoCloseable {

    final LocalStack stack;
    final AvroSerdes serdes;
    private final KafkaProducer<String, byte[]> producer;
    private final List<String> failures = new CopyOnWriteArrayList<>();

    private InputStack(LocalStack stack) {
        this.stack = stack;
        this.serdes = new AvroSerdes(new SchemaRegistryClient(stack.registryUrl()));
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 5,
                // room for the oversized hostile records
                ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 2 * 1024 * 1024),
                new StringSerializer(), new ByteArraySerializer());
    }

    static InputStack infrastructure() {
        return new InputStack(LocalStack.infrastructure(LocalStack.Ports.RANDOM, Postgres.shared()));
    }

    /** Starts every service with these settings (system properties only while the contexts start). */
    void startServices(Map<String, String> settings) {
        Map<String, String> previous = new LinkedHashMap<>();
        settings.forEach((key, value) -> previous.put(key, System.setProperty(key, value)));
        try {
            stack.startServices();
        } finally {
            previous.forEach((key, value) -> {
                if (value == null) {
                    System.clearProperty(key);
                } else {
                    System.setProperty(key, value);
                }
            });
        }
    }

    <V extends SpecificRecord> byte[] bytes(Topic<V> topic, V value) {
        return serdes.serialize(topic, value);
    }

    <V extends SpecificRecord> void send(Topic<V> topic, String key, V value) {
        sendRaw(topic.name(), key, bytes(topic, value));
    }

    void sendRaw(String topic, String key, byte[] value) {
        producer.send(new ProducerRecord<>(topic, key, value), (metadata, error) -> {
            if (error != null) {
                failures.add(topic + "/" + key + ": " + error);
            }
        });
    }

    /** Sends synchronously, for the directory entries that must be in place before events name them. */
    <V extends SpecificRecord> void publish(Topic<V> topic, String key, V value) {
        try {
            producer.send(new ProducerRecord<>(topic.name(), key, bytes(topic, value))).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaException("Interrupted publishing to " + topic.name(), e);
        } catch (ExecutionException | TimeoutException e) {
            throw new KafkaException("Could not publish to " + topic.name(), e);
        }
    }

    void flush() {
        producer.flush();
    }

    /** Sends the broker refused (e.g. a record over its size limit): the facility system saw an error. */
    List<String> sendFailures() {
        return List.copyOf(failures);
    }

    KafkaConsumer<String, byte[]> consumer() {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "reliability-input-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 4 * 1024 * 1024),
                new StringDeserializer(), new ByteArrayDeserializer());
    }

    String url(String service, String pathAndQuery) {
        return "http://127.0.0.1:" + stack.httpPort(service) + pathAndQuery;
    }

    @Override
    public void close() {
        producer.close();
        stack.close();
    }
}
