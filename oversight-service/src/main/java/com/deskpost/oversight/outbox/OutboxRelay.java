package com.deskpost.oversight.outbox;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Moves outbox rows to Kafka exactly once. Each batch of rows and the sequence number of the last
 * one are written in one Kafka transaction, the sequence number to a compacted progress topic;
 * after a restart the relay reads its progress from that topic, so a row is never published
 * twice and never skipped, whatever crashes. A second relay with the same transactional id fences
 * the first, so two instances cannot interleave.
 */
@Component
public class OutboxRelay implements SmartLifecycle {

    public static final String PROGRESS_TOPIC = "deskpost.oversight.outbox-progress";
    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    private static final String PROGRESS_KEY = "relayed-up-to";
    private static final int BATCH = 500;

    private final JdbcTemplate jdbc;
    private final KafkaProperties kafka;
    private KafkaProducer<String, byte[]> producer;
    private volatile boolean running;
    private long relayedUpTo;

    public OutboxRelay(JdbcTemplate jdbc, KafkaProperties kafka) {
        this.jdbc = jdbc;
        this.kafka = kafka;
    }

    @Override
    public synchronized void start() {
        relayedUpTo = readProgress();
        producer = newProducer();
        producer.initTransactions();
        running = true;
        log.info("Outbox relay starts after sequence {}", relayedUpTo);
    }

    @Scheduled(fixedDelayString = "${deskpost.oversight.outbox-poll-interval:200ms}")
    public synchronized void relay() {
        if (!running) {
            return;
        }
        List<Map<String, Object>> rows = jdbc.queryForList(
                "select seq, topic, record_key, payload from outbox where seq > ? order by seq limit ?",
                relayedUpTo, BATCH);
        if (rows.isEmpty()) {
            return;
        }
        long last = ((Number) rows.get(rows.size() - 1).get("seq")).longValue();
        try {
            producer.beginTransaction();
            for (Map<String, Object> row : rows) {
                producer.send(new ProducerRecord<>((String) row.get("topic"), (String) row.get("record_key"),
                        (byte[]) row.get("payload")));
            }
            producer.send(new ProducerRecord<>(PROGRESS_TOPIC, PROGRESS_KEY,
                    ByteBuffer.allocate(Long.BYTES).putLong(last).array()));
            producer.commitTransaction();
        } catch (ProducerFencedException fenced) {
            log.error("Another outbox relay took over (same transactional id); this one stops", fenced);
            running = false;
            producer.close(Duration.ZERO);
            return;
        } catch (KafkaException | IllegalStateException e) {
            if (running) {
                log.warn("Outbox relay batch up to {} failed; it is retried", last, e);
                producer.abortTransaction();
            }
            return;
        }
        relayedUpTo = last;
        // Rows at or below the committed progress are never read again; keep the table small.
        jdbc.update("delete from outbox where seq <= ?", last);
    }

    private long readProgress() {
        Map<String, Object> config = kafka.buildConsumerProperties();
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        try (var consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            TopicPartition partition = new TopicPartition(PROGRESS_TOPIC, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition)).get(partition);
            long progress = 0;
            while (consumer.position(partition) < end) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    progress = ByteBuffer.wrap(record.value()).getLong();
                }
            }
            return progress;
        }
    }

    private KafkaProducer<String, byte[]> newProducer() {
        Map<String, Object> config = kafka.buildProducerProperties();
        config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "deskpost-oversight-outbox-relay");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        return new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
    }

    /** Not synchronized: a batch stuck on an unreachable database or broker must not hold up shutdown. */
    @Override
    public void stop() {
        if (running) {
            running = false;
            producer.close(Duration.ofSeconds(5));
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** After KafkaAdmin has created the progress topic. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 100;
    }
}
