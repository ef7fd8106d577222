package com.deskpost.platform.publish;

import com.deskpost.events.AuditEvent;
import com.deskpost.platform.observability.MailMetrics;
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
 * An audit event, once written, counts its transition ({@link MailMetrics}).
 */
public class TopicPublisher {

    private final KafkaTemplate<String, byte[]> kafka;
    private final AvroSerdes serdes;
    private final MailMetrics metrics;

    public TopicPublisher(KafkaTemplate<String, byte[]> kafka, AvroSerdes serdes) {
        this(kafka, serdes, MailMetrics.none());
    }

    public TopicPublisher(KafkaTemplate<String, byte[]> kafka, AvroSerdes serdes, MailMetrics metrics) {
        this.kafka = kafka;
        this.serdes = serdes;
        this.metrics = metrics;
    }

    public <V extends SpecificRecord> void publish(Topic<V> topic, String key, V value) {
        byte[] bytes = serdes.serialize(topic, value);
        try {
            kafka.send(topic.name(), key, bytes).get(30, TimeUnit.SECONDS);
            if (value instanceof AuditEvent audit) {
                metrics.transition(audit);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaException("Interrupted publishing " + key + " to " + topic.name(), e);
        } catch (ExecutionException | TimeoutException e) {
            throw new KafkaException("Could not publish " + key + " to " + topic.name(), e);
        }
    }
}
