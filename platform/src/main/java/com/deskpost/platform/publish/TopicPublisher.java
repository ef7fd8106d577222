package com.deskpost.platform.publish;

import com.deskpost.platform.serde.AvroSerdes;
import com.deskpost.platform.topic.Topic;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.avro.specific.SpecificRecord;
import org.springframework.kafka.KafkaException;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Writes one record to a topic outside a Kafka Streams topology (listeners, HTTP handlers) and
 * waits for the broker's acknowledgement, so the caller knows it is durable before it goes on.
 */
public class TopicPublisher {

    private final KafkaTemplate<String, byte[]> kafka;
    private final AvroSerdes serdes;

    public TopicPublisher(KafkaTemplate<String, byte[]> kafka, AvroSerdes serdes) {
        this.kafka = kafka;
        this.serdes = serdes;
    }

    public <V extends SpecificRecord> void publish(Topic<V> topic, String key, V value) {
        byte[] bytes = serdes.serialize(topic, value);
        try {
            kafka.send(topic.name(), key, bytes).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaException("Interrupted publishing " + key + " to " + topic.name(), e);
        } catch (ExecutionException | TimeoutException e) {
            throw new KafkaException("Could not publish " + key + " to " + topic.name(), e);
        }
    }
}
