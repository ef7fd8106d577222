package com.deskpost.platform.failure;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.springframework.kafka.listener.BatchInterceptor;
import org.springframework.kafka.listener.RecordInterceptor;

/** Ends a listener's wait as soon as it processes a record again: its infrastructure is back. */
public final class ConsumerWaitsInterceptor implements RecordInterceptor<Object, Object>, BatchInterceptor<Object, Object> {

    private final ConsumerWaits waits;

    public ConsumerWaitsInterceptor(ConsumerWaits waits) {
        this.waits = waits;
    }

    @Override
    public ConsumerRecord<Object, Object> intercept(ConsumerRecord<Object, Object> record,
            Consumer<Object, Object> consumer) {
        return record;
    }

    @Override
    public ConsumerRecords<Object, Object> intercept(ConsumerRecords<Object, Object> records,
            Consumer<Object, Object> consumer) {
        return records;
    }

    @Override
    public void success(ConsumerRecord<Object, Object> record, Consumer<Object, Object> consumer) {
        waits.resumed(consumer.groupMetadata().groupId());
    }

    @Override
    public void success(ConsumerRecords<Object, Object> records, Consumer<Object, Object> consumer) {
        waits.resumed(consumer.groupMetadata().groupId());
    }
}
