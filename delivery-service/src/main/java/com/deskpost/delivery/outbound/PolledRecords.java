package com.deskpost.delivery.outbound;

import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerInterceptor;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Keeps each consumer thread's last poll, so a record listener can look at the records that came with its own
 * ({@link PollLookahead}). A Kafka consumer interceptor, configured by {@code interceptor.classes}: spring-kafka's
 * record listeners (which the retry topics need) are never handed the poll, and {@code onConsume} runs on the
 * consumer's own thread, the one that then calls the listener. It only keeps a reference: no work, nothing thrown.
 */
public final class PolledRecords implements ConsumerInterceptor<Object, Object> {

    private static final ThreadLocal<ConsumerRecords<?, ?>> LAST = new ThreadLocal<>();

    /** The records of this thread's last poll that returned any, or null if none did here. */
    static ConsumerRecords<?, ?> last() {
        return LAST.get();
    }

    @Override
    public ConsumerRecords<Object, Object> onConsume(ConsumerRecords<Object, Object> records) {
        if (!records.isEmpty()) {
            LAST.set(records);
        }
        return records;
    }

    @Override
    public void onCommit(Map<TopicPartition, OffsetAndMetadata> offsets) {
    }

    @Override
    public void close() {
        LAST.remove();
    }

    @Override
    public void configure(Map<String, ?> configs) {
    }
}
