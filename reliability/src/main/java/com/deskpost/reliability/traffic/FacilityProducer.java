package com.deskpost.reliability.traffic;

import com.deskpost.platform.serde.AvroSerdes;
import com.deskpost.platform.topic.Topic;
import com.deskpost.schemas.serde.SchemaRegistryClient;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The facility systems' producer: Confluent-framed Avro, string keys, acks=all and idempotent, and
 * patient enough (ten minutes) to ride out a broker that is killed and restarted under it, so no event
 * is lost or sent twice on the way in. A send that fails even so is counted, never ignored.
 */
public final class FacilityProducer implements AutoCloseable {

    private final KafkaProducer<String, byte[]> producer;
    private final AvroSerdes serdes;
    private final AtomicLong failed = new AtomicLong();
    private final AtomicReference<Exception> firstFailure = new AtomicReference<>();

    public FacilityProducer(String bootstrapServers, String registryUrl) {
        producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 600_000,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 600_000,
                ProducerConfig.LINGER_MS_CONFIG, 5),
                new StringSerializer(), new ByteArraySerializer());
        serdes = new AvroSerdes(new SchemaRegistryClient(registryUrl));
    }

    public <V extends SpecificRecord> void publish(Topic<V> topic, String key, V value) {
        producer.send(new ProducerRecord<>(topic.name(), key, serdes.serialize(topic, value)), (metadata, error) -> {
            if (error != null) {
                failed.incrementAndGet();
                firstFailure.compareAndSet(null, error);
            }
        });
    }

    public void flush() {
        producer.flush();
    }

    /** Sends the broker never acknowledged: each is an event the facility system would have to send again. */
    public long failed() {
        return failed.get();
    }

    public Exception firstFailure() {
        return firstFailure.get();
    }

    @Override
    public void close() {
        producer.close();
    }
}
