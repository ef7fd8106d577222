package com.deskpost.platform.outbox;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;

/**
 * The relay's transactional producer for one term of its election. Opening it fences every earlier
 * producer of the relay's transactional id ({@code initTransactions}, which also settles a batch left
 * open) and only then reads the committed progress: the other order would let the previous holder's
 * batch commit in between and be published again.
 */
final class RelaySession {

    private final KafkaProducer<String, byte[]> producer;
    private final OutboxProgress progress;
    private final long term;
    private long relayedUpTo;

    private RelaySession(KafkaProducer<String, byte[]> producer, OutboxProgress progress, long term, long relayedUpTo) {
        this.producer = producer;
        this.progress = progress;
        this.term = term;
        this.relayedUpTo = relayedUpTo;
    }

    /** @param term the election term it relays for: a relay elected again opens a new session */
    static RelaySession open(KafkaProperties kafka, String transactionalId, OutboxProgress progress, long term) {
        Map<String, Object> config = kafka.buildProducerProperties();
        config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config, new StringSerializer(),
                new ByteArraySerializer());
        try {
            producer.initTransactions();
            return new RelaySession(producer, progress, term, progress.read());
        } catch (RuntimeException e) {
            producer.close(Duration.ZERO);
            throw e;
        }
    }

    long term() {
        return term;
    }

    /** The sequence number of the last row published: the next batch starts after it. */
    long relayedUpTo() {
        return relayedUpTo;
    }

    /** Publishes the rows (seq order) and the progress up to {@code last} in one Kafka transaction. */
    void publish(List<Map<String, Object>> rows, long last) {
        producer.beginTransaction();
        for (Map<String, Object> row : rows) {
            producer.send(new ProducerRecord<>((String) row.get("topic"), (String) row.get("record_key"),
                    (byte[]) row.get("payload")));
        }
        producer.send(progress.record(last));
        producer.commitTransaction();
        relayedUpTo = last;
    }

    /** Safe from any thread, and more than once: an open batch fails rather than finishing. */
    void close(Duration timeout) {
        producer.close(timeout);
    }
}
