package com.deskpost.devstack;

import com.deskpost.platform.serde.AvroSerdes;
import com.deskpost.platform.topic.Topic;
import com.deskpost.schemas.serde.SchemaRegistryClient;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Publishes facility events the way a facility system would: Confluent-framed Avro, string keys. On a
 * secure stack it logs in as one principal ({@link LocalStack#publisherAs}), so it also shows what that
 * principal may not write.
 */
public final class FacilityPublisher implements AutoCloseable {

    private final KafkaProducer<String, byte[]> producer;
    private final AvroSerdes serdes;

    public FacilityPublisher(String bootstrapServers, String registryUrl) {
        this(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers), new SchemaRegistryClient(registryUrl));
    }

    /** @param clientProperties bootstrap servers and, on a secure broker, the principal's login */
    public FacilityPublisher(Map<String, Object> clientProperties, SchemaRegistryClient registry) {
        Map<String, Object> config = new HashMap<>(clientProperties);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        // A refused write fails at once instead of waiting a minute for metadata it may not see.
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 15_000);
        this.producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
        this.serdes = new AvroSerdes(registry);
    }

    public <V extends SpecificRecord> void publish(Topic<V> topic, String key, V value) {
        publishRaw(topic.name(), key, serdes.serialize(topic, value));
    }

    /** Any bytes at all, e.g. a malformed record a misbehaving facility system might send. */
    public void publishRaw(String topic, String key, byte[] value) {
        try {
            producer.send(new ProducerRecord<>(topic, key, value)).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaException("Interrupted publishing to " + topic, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new KafkaException("Could not publish to " + topic, e);
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
