package com.deskpost.reliability.check;

import com.deskpost.platform.deadletter.DeadLetterHeaders;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;

/**
 * Every dead-letter topic ({@code <topic>.dlq}) on the broker, whichever service created it: where each one
 * ended at a moment, and what was written to them since, with the reason each record carries.
 */
public final class DeadLetterTopics {

    /** One dead letter: where it went, its key, the reason header (null when missing). */
    public record DeadLetter(String topic, String key, String reason) {
    }

    private final String bootstrapServers;

    public DeadLetterTopics(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    /** The records written to dead-letter topics after {@code before} was taken by {@link #positions()}. */
    public List<DeadLetter> since(Map<TopicPartition, Long> before) {
        List<DeadLetter> letters = new ArrayList<>();
        TopicReader.readAll(bootstrapServers, names(), record -> {
            long from = before.getOrDefault(new TopicPartition(record.topic(), record.partition()), 0L);
            if (record.offset() >= from) {
                letters.add(new DeadLetter(record.topic(), record.key(), DeadLetterHeaders.reason(record.headers())));
            }
        });
        return letters;
    }

    /** The next offset of each partition of every dead-letter topic: what "written since now" is measured from. */
    public Map<TopicPartition, Long> positions() {
        Map<TopicPartition, Long> next = new HashMap<>();
        TopicReader.readAll(bootstrapServers, names(), record -> next.merge(
                new TopicPartition(record.topic(), record.partition()), record.offset() + 1, Math::max));
        return next;
    }

    private Set<String> names() {
        return TopicReader.topicsMatching(bootstrapServers, topic -> topic.endsWith(".dlq"));
    }
}
