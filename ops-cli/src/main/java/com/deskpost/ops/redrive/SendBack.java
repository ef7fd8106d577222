package com.deskpost.ops.redrive;

import com.deskpost.ops.OpsFailure;
import com.deskpost.ops.deadletter.DeadLetter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * What becomes of one dead letter: sent back with its original key and bytes to its source topic
 * (or {@code --to}), its dead-letter headers replaced by ones saying it was redriven and from
 * which offset; or skipped, with why. Records whose credentials the service kept sealed go back like
 * any other: delivery opens the code for its holder. Records the service masked or withheld are not
 * redriven by default: a masked door code would be mailed as a mask.
 */
public final class SendBack {

    /** Header names of a redriven record: which dead letter it was and when it was sent back. */
    public static final String FROM_TOPIC = "deskpost_redriven-from-topic";
    public static final String FROM_PARTITION = "deskpost_redriven-from-partition";
    public static final String FROM_OFFSET = "deskpost_redriven-from-offset";
    public static final String AT = "deskpost_redriven-at";

    static final String NO_ORIGIN = "no original topic (pass --to)";
    static final String WITHHELD = "value withheld by the service";
    static final String MASKED = "credentials masked (--include-redacted to redrive anyway)";
    static final String FILTERED = "reason does not match --reason-contains";

    // Dead-letter and retry bookkeeping must not travel back: a retry-attempts header would send the record
    // straight back to the dead-letter topic on its first failure.
    private static final List<String> DROPPED_HEADER_PREFIXES = List.of("kafka_original-", "kafka_exception-",
            "kafka_dlt-", "retry_topic-", "deskpost_redacted", "deskpost_redriven-");

    private final RedriveSettings settings;
    private final Function<String, Integer> partitionCount;

    /** @param partitionCount partitions of a topic on the cluster, null when it does not exist */
    SendBack(RedriveSettings settings, Function<String, Integer> partitionCount) {
        this.settings = settings;
        this.partitionCount = partitionCount;
    }

    /**
     * @throws OpsFailure (usage) when the record would go to a topic the cluster does not have:
     *     passing it over would lose it for this group
     */
    Outcome decide(ConsumerRecord<byte[], byte[]> record) {
        DeadLetter deadLetter = DeadLetter.of(record.headers()).orElse(null);
        String key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
        String skipped = skipReason(record, deadLetter);
        String target = null;
        if (skipped == null) {
            target = settings.to() != null ? settings.to() : deadLetter.sourceTopic();
            if (partitionCount.apply(target) == null) {
                throw OpsFailure.usage("Dead letter " + record.partition() + "@" + record.offset() + " of "
                        + record.topic() + " goes back to " + target + ", which does not exist on this cluster:"
                        + " create it or pass --to; nothing of this batch was redriven.");
            }
        }
        return new Outcome(record.partition(), record.offset(), key, target, skipped, deadLetter);
    }

    private String skipReason(ConsumerRecord<byte[], byte[]> record, DeadLetter deadLetter) {
        if (deadLetter != null && deadLetter.redacted() && (record.value() == null || record.value().length == 0)) {
            return WITHHELD;
        }
        if (deadLetter != null && deadLetter.redacted() && !deadLetter.credentialsSealed()
                && !settings.includeRedacted()) {
            return MASKED;
        }
        if (deadLetter == null && settings.to() == null) {
            return NO_ORIGIN;
        }
        if (settings.reasonContains() != null && (deadLetter == null || deadLetter.reason() == null
                || !deadLetter.reason().contains(settings.reasonContains()))) {
            return FILTERED;
        }
        return null;
    }

    /** The record to produce for a dead letter {@link #decide} chose to redrive. */
    ProducerRecord<byte[], byte[]> record(ConsumerRecord<byte[], byte[]> record, Outcome outcome) {
        RecordHeaders headers = new RecordHeaders();
        for (Header header : record.headers()) {
            if (DROPPED_HEADER_PREFIXES.stream().noneMatch(header.key()::startsWith)) {
                headers.add(header);
            }
        }
        headers.add(FROM_TOPIC, utf8(record.topic()));
        headers.add(FROM_PARTITION, utf8(Integer.toString(record.partition())));
        headers.add(FROM_OFFSET, utf8(Long.toString(record.offset())));
        headers.add(AT, utf8(Instant.now().toString()));
        return new ProducerRecord<>(outcome.target(), partition(outcome), record.key(), record.value(), headers);
    }

    /** Its original partition when it goes back to its own topic, so its key keeps its order there. */
    private Integer partition(Outcome outcome) {
        DeadLetter deadLetter = outcome.deadLetter();
        if (deadLetter == null || deadLetter.originalPartition() == null
                || !outcome.target().equals(deadLetter.sourceTopic())) {
            return null;
        }
        Integer count = partitionCount.apply(outcome.target());
        return count != null && deadLetter.originalPartition() < count ? deadLetter.originalPartition() : null;
    }

    private static byte[] utf8(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
