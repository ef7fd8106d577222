package com.deskpost.ingest.events;

import com.deskpost.platform.serde.AvroSerdes;
import com.deskpost.platform.topic.EventKeys;
import com.deskpost.platform.topic.Topic;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;

/**
 * Writes one facility event under the key DESIGN section 2 names for its topic, in Confluent wire
 * format, and waits for the broker's acknowledgement (acks=all, idempotent producer: platform's
 * raw-bytes template), so a 202 means the event is durable. Anything short of that is
 * {@link BrokerUnavailable}: the caller retries, and the same event id yields the same drafts.
 */
public class EventProducer {

    private static final Logger log = LoggerFactory.getLogger(EventProducer.class);

    private final KafkaTemplate<String, byte[]> kafka;
    private final AvroSerdes serdes;
    private final Duration ackTimeout;

    public EventProducer(KafkaTemplate<String, byte[]> kafka, AvroSerdes serdes, Duration ackTimeout) {
        this.kafka = kafka;
        this.serdes = serdes;
        this.ackTimeout = ackTimeout;
    }

    public <V extends SpecificRecord> Produced produce(Topic<V> topic, V value, String clientId) {
        return produce(topic, EventKeys.keyOf(topic.name(), value), value, clientId);
    }

    /**
     * Writes every value (keys as DESIGN section 2 names them), sending all before waiting for the broker's
     * acknowledgements, so a large directory import costs one round of waiting, not one per record. The result
     * is each record's position, in order; any failure is {@link BrokerUnavailable} (records already written stay
     * written: importing again writes the same events).
     */
    public <V extends SpecificRecord> List<Produced> produceAll(Topic<V> topic, List<V> values, String clientId) {
        List<CompletableFuture<SendResult<String, byte[]>>> sent = new ArrayList<>();
        try {
            for (V value : values) {
                sent.add(kafka.send(topic.name(), EventKeys.keyOf(topic.name(), value), serdes.serialize(topic, value)));
            }
        } catch (RuntimeException registry) {
            throw new BrokerUnavailable("The schema registry or the broker could not take the records", registry);
        }
        List<Produced> produced = new ArrayList<>();
        long deadline = System.nanoTime() + ackTimeout.toNanos();
        try {
            for (CompletableFuture<SendResult<String, byte[]>> each : sent) {
                SendResult<String, byte[]> result = each.get(Math.max(0, deadline - System.nanoTime()),
                        TimeUnit.NANOSECONDS);
                RecordMetadata written = result.getRecordMetadata();
                produced.add(new Produced(topic.name(), written.partition(), written.offset(),
                        result.getProducerRecord().key()));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BrokerUnavailable("Interrupted while waiting for the broker", e);
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            throw new BrokerUnavailable("The broker did not acknowledge " + values.size() + " records within "
                    + ackTimeout.toSeconds() + " s (" + produced.size() + " acknowledged)", e);
        }
        log.info("Ingested {} records to {} from client {}", produced.size(), topic.name(), clientId);
        return produced;
    }

    /** The same for a topic whose key is not a facility event's (mail.feedback: the normalised recipient). */
    public <V extends SpecificRecord> Produced produce(Topic<V> topic, String key, V value, String clientId) {
        byte[] bytes;
        try {
            bytes = serdes.serialize(topic, value);
        } catch (RuntimeException registry) {
            throw new BrokerUnavailable("The schema registry could not be reached to encode the event", registry);
        }
        try {
            RecordMetadata written = kafka.send(topic.name(), key, bytes)
                    .get(ackTimeout.toMillis(), TimeUnit.MILLISECONDS).getRecordMetadata();
            log.info("Ingested {} key {} from client {} at partition {} offset {}", topic.name(), key, clientId,
                    written.partition(), written.offset());
            return new Produced(topic.name(), written.partition(), written.offset(), key);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BrokerUnavailable("Interrupted while waiting for the broker", e);
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            throw new BrokerUnavailable("The broker did not acknowledge the event within " + ackTimeout.toSeconds()
                    + " s", e);
        }
    }
}
