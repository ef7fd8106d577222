package com.deskpost.ingest.vendor;

import com.deskpost.platform.serde.AvroSerdes;
import com.deskpost.platform.topic.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Keeps {@link VendorIndex} current: reads facility.members and facility.locations from the beginning and follows
 * them for as long as the service runs. Partitions are assigned by hand and no offsets are kept (every instance
 * holds the whole index, and needs no consumer group or ACL for one). A record that cannot be read is logged and
 * skipped: the composers dead-letter it; here it only means that entry's vendor ids are not known. While the broker
 * is away the consumer retries on its own; lookups answer from what was read.
 */
public final class VendorDirectoryReader implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(VendorDirectoryReader.class);
    private static final Duration LOOK_FOR_PARTITIONS = Duration.ofSeconds(10);

    private final Map<String, Object> consumerConfig;
    private final AvroSerdes serdes;
    private final VendorIndex index;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private volatile Thread thread;

    public VendorDirectoryReader(Map<String, Object> consumerConfig, AvroSerdes serdes, VendorIndex index) {
        Map<String, Object> config = new HashMap<>(consumerConfig);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        this.consumerConfig = config;
        this.serdes = serdes;
        this.index = index;
    }

    @Override
    public void start() {
        consumer = new KafkaConsumer<>(consumerConfig, new StringDeserializer(), new ByteArrayDeserializer());
        Thread following = new Thread(this::follow, "vendor-directory");
        following.setDaemon(true);
        thread = following;
        following.start();
    }

    private void follow() {
        try (KafkaConsumer<String, byte[]> reading = consumer) {
            List<TopicPartition> partitions = partitions(reading);
            reading.assign(partitions);
            reading.seekToBeginning(partitions);
            log.info("Following {} directory partitions for vendor ids", partitions.size());
            long nextLook = System.nanoTime() + LOOK_FOR_PARTITIONS.toNanos();
            while (!Thread.currentThread().isInterrupted()) {
                for (ConsumerRecord<String, byte[]> record : reading.poll(Duration.ofSeconds(1))) {
                    apply(record);
                }
                if (System.nanoTime() - nextLook > 0) {
                    partitions = followAdded(reading, partitions);
                    nextLook = System.nanoTime() + LOOK_FOR_PARTITIONS.toNanos();
                }
            }
        } catch (WakeupException stopping) {
            log.debug("Vendor directory reader stopped");
        } catch (RuntimeException failed) {
            log.error("The vendor directory reader stopped: vendor ids are no longer kept current", failed);
        }
    }

    /** Partitions added to the topics since (the topics grown to their configured count) are read from the start. */
    private static List<TopicPartition> followAdded(KafkaConsumer<String, byte[]> reading,
            List<TopicPartition> following) {
        List<TopicPartition> now = partitions(reading);
        List<TopicPartition> added = now.stream().filter(partition -> !following.contains(partition)).toList();
        if (added.isEmpty()) {
            return following;
        }
        reading.assign(now);
        reading.seekToBeginning(added);
        log.info("Following {} more directory partitions for vendor ids", added.size());
        return now;
    }

    /** Waits for both topics' partitions (the broker may still be starting, or the topics being created). */
    private static List<TopicPartition> partitions(KafkaConsumer<String, byte[]> reading) {
        while (true) {
            List<TopicPartition> all = new ArrayList<>();
            for (String topic : List.of(Topics.FACILITY_MEMBERS.name(), Topics.FACILITY_LOCATIONS.name())) {
                reading.partitionsFor(topic, Duration.ofSeconds(10)).forEach(info ->
                        all.add(new TopicPartition(info.topic(), info.partition())));
            }
            if (all.stream().map(TopicPartition::topic).distinct().count() == 2) {
                return all;
            }
            log.info("Waiting for {} and {} to exist", Topics.FACILITY_MEMBERS.name(),
                    Topics.FACILITY_LOCATIONS.name());
            try {
                Thread.sleep(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new WakeupException();
            }
        }
    }

    private void apply(ConsumerRecord<String, byte[]> record) {
        try {
            if (record.topic().equals(Topics.FACILITY_MEMBERS.name())) {
                index.member(record.key(), record.value() == null ? null
                        : serdes.deserialize(Topics.FACILITY_MEMBERS, record.value()));
            } else {
                index.location(record.key(), record.value() == null ? null
                        : serdes.deserialize(Topics.FACILITY_LOCATIONS, record.value()));
            }
        } catch (RuntimeException unreadable) {
            log.warn("Skipped {}-{}@{} (key {}): not a directory entry this service can read, so its vendor ids "
                    + "are not known here", record.topic(), record.partition(), record.offset(), record.key(),
                    unreadable);
        }
    }

    @Override
    public void stop() {
        KafkaConsumer<String, byte[]> reading = consumer;
        if (reading != null) {
            reading.wakeup();
        }
        Thread running = thread;
        if (running != null) {
            try {
                running.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        consumer = null;
        thread = null;
    }

    @Override
    public boolean isRunning() {
        return thread != null && thread.isAlive();
    }
}
