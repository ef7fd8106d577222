package com.deskpost.ingest.vendor;

import com.deskpost.platform.serde.AvroSerdes;
import com.deskpost.platform.topic.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
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
    private static final Duration STEP_DELAY = Duration.ofMillis(500);

    private final Map<String, Object> consumerConfig;
    private final AvroSerdes serdes;
    private final VendorIndex index;
    private volatile ScheduledExecutorService steps;
    /** Touched only by the one stepping thread (and by start/stop before and after it runs). */
    private KafkaConsumer<String, byte[]> consumer;
    private List<TopicPartition> following;
    private long nextLook;

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
        following = List.of();
        nextLook = System.nanoTime();
        // One thread owns the consumer (KafkaConsumer is not thread-safe); the delay between steps is the wait while
        // the topics do not exist yet, so nothing here sleeps.
        steps = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "vendor-directory");
            thread.setDaemon(true);
            return thread;
        });
        steps.scheduleWithFixedDelay(this::step, 0, STEP_DELAY.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Reads what arrived; now and then looks for partitions not followed yet (at start, or the topics grown). */
    private void step() {
        try {
            if (following.isEmpty() || System.nanoTime() - nextLook > 0) {
                following = followAdded(consumer, following);
                nextLook = System.nanoTime() + LOOK_FOR_PARTITIONS.toNanos();
            }
            if (!following.isEmpty()) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofSeconds(1))) {
                    apply(record);
                }
            }
        } catch (WakeupException stopping) {
            log.debug("Vendor directory reader stopping");
        } catch (RuntimeException failed) {
            // Thrown out of a scheduled step, it would end the schedule: logged, and the next step tries again.
            log.error("The vendor directory reader could not read the directories; trying again", failed);
        }
    }

    /** Partitions of both topics not followed yet are assigned and read from the start. */
    private static List<TopicPartition> followAdded(KafkaConsumer<String, byte[]> reading,
            List<TopicPartition> followed) {
        List<TopicPartition> all = new ArrayList<>();
        for (String topic : List.of(Topics.FACILITY_MEMBERS.name(), Topics.FACILITY_LOCATIONS.name())) {
            reading.partitionsFor(topic, Duration.ofSeconds(10)).forEach(info ->
                    all.add(new TopicPartition(info.topic(), info.partition())));
        }
        List<TopicPartition> added = all.stream().filter(partition -> !followed.contains(partition)).toList();
        if (added.isEmpty()) {
            return followed;
        }
        reading.assign(all);
        reading.seekToBeginning(added);
        log.info("Following {} more directory partitions for vendor ids ({} in all)", added.size(), all.size());
        return all;
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
        ScheduledExecutorService stepping = steps;
        if (stepping == null) {
            return;
        }
        stepping.shutdown();
        consumer.wakeup();
        try {
            if (!stepping.awaitTermination(15, TimeUnit.SECONDS)) {
                log.warn("The vendor directory reader did not stop within 15 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        consumer.close();
        steps = null;
    }

    @Override
    public boolean isRunning() {
        return steps != null;
    }
}
