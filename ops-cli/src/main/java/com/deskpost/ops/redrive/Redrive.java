package com.deskpost.ops.redrive;

import com.deskpost.ops.OpsFailure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Sends dead letters back where they came from, exactly once: each batch's records and the
 * redrive group's offsets past them commit in one Kafka transaction, so a crash mid-redrive
 * neither loses nor doubles a record, and the next run continues where the last one committed
 * (its transactional id, one per group and dead-letter topic, aborts what a crashed run left
 * open). What goes back, and what is skipped, {@link SendBack} decides.
 */
public final class Redrive {

    private static final Duration POLL = Duration.ofMillis(500);

    /** Runs after a batch and its offsets are in the transaction, just before it commits: where tests crash a run. */
    public interface BeforeCommit {
        BeforeCommit NONE = (batch, producer) -> { };

        void beforeCommit(int batch, Producer<byte[], byte[]> producer);
    }

    private final Map<String, Object> clientProperties;
    private final RedriveSettings settings;
    private final Consumer<Outcome> progress;
    private final BeforeCommit beforeCommit;

    public Redrive(Map<String, Object> clientProperties, RedriveSettings settings, Consumer<Outcome> progress,
            BeforeCommit beforeCommit) {
        this.clientProperties = Map.copyOf(clientProperties);
        this.settings = settings;
        this.progress = progress;
        this.beforeCommit = beforeCommit;
    }

    public RedriveReport run() {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProperties(),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
                KafkaProducer<byte[], byte[]> producer = settings.dryRun() ? null : new KafkaProducer<>(
                        producerProperties(), new ByteArraySerializer(), new ByteArraySerializer())) {
            if (producer != null) {
                producer.initTransactions();
            }
            return new Run(consumer, producer).execute();
        }
    }

    /** One run's state: positions, counts, outcomes. */
    private final class Run {

        private final KafkaConsumer<byte[], byte[]> consumer;
        private final KafkaProducer<byte[], byte[]> producer;
        private final Map<TopicPartition, Long> next = new HashMap<>();
        private final List<Outcome> outcomes = new ArrayList<>();
        private SendBack sendBack;
        private long redriven;
        private int batches;

        Run(KafkaConsumer<byte[], byte[]> consumer, KafkaProducer<byte[], byte[]> producer) {
            this.consumer = consumer;
            this.producer = producer;
        }

        RedriveReport execute() {
            List<TopicPartition> partitions = partitions();
            consumer.assign(partitions);
            Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(new HashSet<>(partitions));
            Map<TopicPartition, Long> beginning = consumer.beginningOffsets(partitions);
            for (TopicPartition tp : partitions) {
                OffsetAndMetadata done = committed.get(tp);
                long start = Math.max(beginning.get(tp), done == null ? 0 : done.offset());
                consumer.seek(tp, start);
                next.put(tp, start);
            }
            // Records dead-lettered while this run works are left for the next one: the run has an end.
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            Map<String, List<PartitionInfo>> topics = consumer.listTopics();
            sendBack = new SendBack(settings, topic -> topics.containsKey(topic) ? topics.get(topic).size() : null);
            boolean limitReached = redriven >= settings.limit();
            while (!limitReached && !reached(end)) {
                limitReached = batch(consumer.poll(POLL), end);
            }
            if (!limitReached) {
                passTransactionMarkers(partitions, end);
            }
            Map<TopicPartition, Long> endNow = consumer.endOffsets(partitions);
            long remaining = partitions.stream().mapToLong(tp -> Math.max(0, endNow.get(tp) - next.get(tp))).sum();
            return new RedriveReport(List.copyOf(outcomes), remaining);
        }

        /**
         * A topic written in transactions (as the services' dead-letter topics are) ends with commit markers, which
         * take offsets but are no records: once every record before the end is handled, the group's position moves
         * past them too, so the remaining count and the group's lag say 0.
         */
        private void passTransactionMarkers(List<TopicPartition> partitions, Map<TopicPartition, Long> end) {
            Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
            for (TopicPartition tp : partitions) {
                long passed = Math.min(consumer.position(tp), end.get(tp));
                if (passed > next.get(tp)) {
                    offsets.put(tp, new OffsetAndMetadata(passed));
                }
            }
            if (offsets.isEmpty()) {
                return;
            }
            if (producer != null) {
                commit(List.of(), List.of(), offsets);
            }
            offsets.forEach((tp, offset) -> next.put(tp, offset.offset()));
        }

        /** One transaction; true when the limit stopped it. */
        private boolean batch(ConsumerRecords<byte[], byte[]> records, Map<TopicPartition, Long> end) {
            List<ConsumerRecord<byte[], byte[]>> batch = new ArrayList<>();
            List<Outcome> decided = new ArrayList<>();
            long sending = 0;
            boolean limitReached = false;
            for (TopicPartition tp : records.partitions()) {
                for (ConsumerRecord<byte[], byte[]> record : records.records(tp)) {
                    if (record.offset() >= end.get(tp)) {
                        break;
                    }
                    if (redriven + sending >= settings.limit()) {
                        limitReached = true;
                        break;
                    }
                    Outcome outcome = sendBack.decide(record);
                    batch.add(record);
                    decided.add(outcome);
                    sending += outcome.redriven() ? 1 : 0;
                }
            }
            if (batch.isEmpty()) {
                return limitReached;
            }
            Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
            for (ConsumerRecord<byte[], byte[]> record : batch) {
                offsets.put(new TopicPartition(record.topic(), record.partition()),
                        new OffsetAndMetadata(record.offset() + 1));
            }
            if (producer != null) {
                commit(batch, decided, offsets);
            }
            offsets.forEach((tp, offset) -> next.put(tp, offset.offset()));
            redriven += sending;
            decided.forEach(progress);
            outcomes.addAll(decided);
            return limitReached || redriven >= settings.limit();
        }

        private void commit(List<ConsumerRecord<byte[], byte[]>> batch, List<Outcome> decided,
                Map<TopicPartition, OffsetAndMetadata> offsets) {
            try {
                producer.beginTransaction();
                for (int i = 0; i < batch.size(); i++) {
                    if (decided.get(i).redriven()) {
                        producer.send(sendBack.record(batch.get(i), decided.get(i)));
                    }
                }
                producer.sendOffsetsToTransaction(offsets, consumer.groupMetadata());
                beforeCommit.beforeCommit(++batches, producer);
                producer.commitTransaction();
            } catch (ProducerFencedException e) {
                throw OpsFailure.checkFailed("Another redrive of " + settings.deadLetterTopic() + " with group "
                        + settings.group() + " started and took over; this one stopped without committing its last"
                        + " batch: let the other finish, then run again to see what remains.");
            } catch (KafkaException e) {
                abort();
                throw OpsFailure.unreachable("Redriving " + settings.deadLetterTopic() + " failed and its last batch"
                        + " was rolled back (" + e.getMessage() + "): check the cluster, then run the same command"
                        + " again; it continues where the last committed batch ended.", e);
            }
        }

        private void abort() {
            try {
                producer.abortTransaction();
            } catch (KafkaException ignored) {
                // The broker aborts it anyway when the transaction times out or the next run starts.
            }
        }

        private List<TopicPartition> partitions() {
            List<PartitionInfo> infos = consumer.partitionsFor(settings.deadLetterTopic(), Duration.ofSeconds(30));
            if (infos == null || infos.isEmpty()) {
                throw OpsFailure.usage("Topic " + settings.deadLetterTopic() + " does not exist: name a dead-letter"
                        + " topic such as facility.bookings.dlq.");
            }
            return infos.stream().map(info -> new TopicPartition(info.topic(), info.partition()))
                    .sorted(Comparator.comparingInt(TopicPartition::partition)).toList();
        }

        private boolean reached(Map<TopicPartition, Long> end) {
            return end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
        }
    }

    private Map<String, Object> consumerProperties() {
        Map<String, Object> properties = new HashMap<>(clientProperties);
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, settings.group());
        // Only dead letters whose transaction committed; and the group's offsets move only inside our transactions.
        properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, settings.batchSize());
        return properties;
    }

    private Map<String, Object> producerProperties() {
        Map<String, Object> properties = new HashMap<>(clientProperties);
        properties.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, settings.transactionalId());
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        properties.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 30_000);
        return properties;
    }

}
