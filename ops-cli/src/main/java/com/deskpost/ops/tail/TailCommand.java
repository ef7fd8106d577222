package com.deskpost.ops.tail;

import com.deskpost.ops.KafkaOptions;
import com.deskpost.ops.OpsFailure;
import com.deskpost.platform.deadletter.CredentialRedaction;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Prints a topic's records, one JSON object a line, decoded through the registry. Reads only
 * committed records (what consumers see) and joins no consumer group, so it moves no offsets.
 */
@Command(name = "tail", mixinStandardHelpOptions = true,
        description = {"Print a topic's records as JSON lines: key, readable headers (a dead letter's origin and reason),"
                + " value in Avro's JSON encoding. Credentials in clear are masked; sealed ones are shown as they are"
                + " (only delivery can open them).",
                "Without --from-beginning, the last 10 records of each partition; stops at the end unless --follow."})
public final class TailCommand implements Callable<Integer> {

    private static final Duration POLL = Duration.ofMillis(500);

    @Spec
    CommandSpec spec;

    @Mixin
    KafkaOptions kafka;

    @Option(names = "--topic", required = true, paramLabel = "TOPIC", description = "Topic to read, e.g. facility.bookings.dlq.")
    String topic;

    @Option(names = "--from-beginning", description = "Start at each partition's first record.")
    boolean fromBeginning;

    @Option(names = "--last", paramLabel = "N", description = "Start N records before the end of each partition (default 10).")
    Integer last;

    @Option(names = "--follow", description = "Keep printing new records until interrupted (Ctrl-C).")
    boolean follow;

    @Option(names = "--partition", paramLabel = "P", description = "Only this partition.")
    Integer partition;

    @Option(names = "--show-credentials", description = "Show door codes and keycodes sent in clear instead of masking them.")
    boolean showCredentials;

    @Override
    public Integer call() {
        if (fromBeginning && last != null) {
            throw OpsFailure.usage("Pass either --from-beginning or --last N, not both.");
        }
        if (last != null && last < 0) {
            throw OpsFailure.usage("--last must be 0 or more, not " + last + ".");
        }
        kafka.requireReachable();
        var serdes = kafka.serdes();
        RecordView view = new RecordView(new AvroDecoding(serdes.registry()),
                showCredentials ? null : new CredentialRedaction(serdes));
        PrintWriter out = spec.commandLine().getOut();
        try {
            tail(view, out);
        } catch (KafkaException e) {
            throw OpsFailure.unreachable("Kafka failed reading " + topic + " (" + e.getMessage() + "): check the cluster"
                    + " and the client's read access to the topic, then run again.", e);
        }
        return 0;
    }

    private void tail(RecordView view, PrintWriter out) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(properties(), new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = partitions(consumer);
            consumer.assign(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            position(consumer, partitions, end);
            while (follow || !reached(consumer, end)) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                    out.println(view.view(record));
                }
                out.flush();
            }
        }
    }

    private Map<String, Object> properties() {
        Map<String, Object> properties = kafka.clientProperties();
        // Only what consumers see: records of aborted or open transactions are not shown.
        properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        return properties;
    }

    private List<TopicPartition> partitions(KafkaConsumer<byte[], byte[]> consumer) {
        List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(30));
        if (infos == null || infos.isEmpty()) {
            throw OpsFailure.usage("Topic " + topic + " does not exist on " + kafka.bootstrapServers()
                    + ": check the name (dead-letter topics end in .dlq).");
        }
        List<TopicPartition> all = infos.stream().map(info -> new TopicPartition(topic, info.partition()))
                .sorted(java.util.Comparator.comparingInt(TopicPartition::partition)).toList();
        if (partition == null) {
            return all;
        }
        if (partition < 0 || partition >= all.size()) {
            throw OpsFailure.usage("Topic " + topic + " has partitions 0 to " + (all.size() - 1) + ", not "
                    + partition + ": fix --partition.");
        }
        return List.of(new TopicPartition(topic, partition));
    }

    private void position(KafkaConsumer<byte[], byte[]> consumer, List<TopicPartition> partitions,
            Map<TopicPartition, Long> end) {
        Map<TopicPartition, Long> beginning = consumer.beginningOffsets(partitions);
        for (TopicPartition tp : partitions) {
            long start = fromBeginning ? beginning.get(tp) : Math.max(beginning.get(tp), end.get(tp) - lastOrDefault());
            consumer.seek(tp, start);
        }
    }

    private int lastOrDefault() {
        return last == null ? 10 : last;
    }

    private static boolean reached(KafkaConsumer<byte[], byte[]> consumer, Map<TopicPartition, Long> end) {
        return end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
    }
}
