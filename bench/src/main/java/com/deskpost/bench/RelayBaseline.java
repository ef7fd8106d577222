package com.deskpost.bench;

import com.deskpost.events.BookingEvent;
import com.deskpost.platform.topic.Partitioning;
import com.deskpost.platform.topic.Topic;
import com.deskpost.platform.topic.TopicRule;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The machine's limit for the pipeline's Kafka part: the same hops as a booking's way to the SMTP
 * client (facility event → draft → release → delivery), each a consumer that produces the record
 * unchanged to the next topic (acks=all), on the same broker, with no work in between.
 */
final class RelayBaseline {

    static final int HOPS = 3;

    private RelayBaseline() {
    }

    /** @return records per second through all hops, from the first send to the last record leaving the last hop */
    static double run(String bootstrap, byte[] value, int records) throws Exception {
        // Each hop's topic is created as the pipeline's are (platform's rule: a mail lane's partitions, retention),
        // so the baseline differs from the pipeline only by the work done between hops. They carry the sample booking.
        List<Topic<BookingEvent>> hopTopics = new ArrayList<>();
        for (int i = 0; i <= HOPS; i++) {
            hopTopics.add(Topic.internal("bench.relay." + i, BookingEvent.class, Topic.Kind.EVENTS,
                    Partitioning.LANE));
        }
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            TopicRule.DEFAULT.create(admin, hopTopics);
        }
        List<String> topics = hopTopics.stream().map(Topic::name).toList();
        AtomicBoolean running = new AtomicBoolean(true);
        CountDownLatch arrived = new CountDownLatch(records);
        List<Thread> hops = new ArrayList<>();
        for (int i = 0; i < HOPS; i++) {
            String from = topics.get(i);
            String to = topics.get(i + 1);
            hops.add(started("relay-" + i, () -> relay(bootstrap, from, to, running)));
        }
        Thread sink = started("relay-sink", () -> drain(bootstrap, topics.get(HOPS), running, arrived));
        long start = System.nanoTime();
        try (KafkaProducer<String, byte[]> producer = producer(bootstrap)) {
            for (int i = 0; i < records; i++) {
                producer.send(new ProducerRecord<>(topics.get(0), "key-" + i, value));
            }
        }
        boolean done = arrived.await(10, TimeUnit.MINUTES);
        long elapsed = System.nanoTime() - start;
        running.set(false);
        for (Thread hop : hops) {
            hop.join();
        }
        sink.join();
        if (!done) {
            throw new IllegalStateException("The relay baseline did not finish in 10 minutes");
        }
        return records / (elapsed / 1e9);
    }

    private static Thread started(String name, Runnable work) {
        Thread thread = new Thread(work, name);
        thread.start();
        return thread;
    }

    private static void relay(String bootstrap, String from, String to, AtomicBoolean running) {
        try (KafkaConsumer<String, byte[]> consumer = consumer(bootstrap, "bench-relay-" + from);
                KafkaProducer<String, byte[]> producer = producer(bootstrap)) {
            consumer.subscribe(List.of(from));
            while (running.get()) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    producer.send(new ProducerRecord<>(to, record.key(), record.value()));
                }
                consumer.commitAsync();
            }
        }
    }

    private static void drain(String bootstrap, String topic, AtomicBoolean running, CountDownLatch arrived) {
        try (KafkaConsumer<String, byte[]> consumer = consumer(bootstrap, "bench-relay-sink")) {
            consumer.subscribe(List.of(topic));
            while (running.get()) {
                for (ConsumerRecord<String, byte[]> ignored : consumer.poll(Duration.ofMillis(100))) {
                    arrived.countDown();
                }
            }
        }
    }

    /**
     * acks=all like Deskpost's producers, but not idempotent: with idempotence on, the in-JVM broker
     * refused the relay's batches as out of sequence at every retry (OutOfOrderSequenceException) and
     * the relay stalled; a relay that only forwards needs no idempotence.
     */
    static KafkaProducer<String, byte[]> producer(String bootstrap) {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false,
                ProducerConfig.LINGER_MS_CONFIG, 5), new StringSerializer(), new ByteArraySerializer());
    }

    private static KafkaConsumer<String, byte[]> consumer(String bootstrap, String group) {
        return new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, group, ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), new ByteArrayDeserializer());
    }
}
