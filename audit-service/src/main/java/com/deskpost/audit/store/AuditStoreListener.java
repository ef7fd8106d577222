package com.deskpost.audit.store;

import com.deskpost.events.AuditEvent;
import com.deskpost.platform.serde.AvroSerdes;
import com.deskpost.platform.topic.Topics;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.stereotype.Component;

/**
 * Every audit event of every service, from mail.audit into the PostgreSQL audit store: each record into the
 * chain of its partition. One consumer per partition (up to {@code deskpost.audit.store-concurrency}), so
 * partitions append in parallel, each to its own chain, while each chain keeps its partition's order.
 * A poll's records of one partition are appended in one transaction (the broker holds a fetch up to
 * {@code deskpost.audit.store-batch-wait-ms} for 64 KiB of them, so under load a transaction takes dozens);
 * when that fails, they are appended one by one, and the first that fails is handed to the error handler as
 * that record's failure (dead-lettered when undecodable, retried otherwise), the ones before it kept.
 */
@Component
class AuditStoreListener {

    private final AuditLog log;
    private final AvroSerdes serdes;

    AuditStoreListener(AuditLog log, AvroSerdes serdes) {
        this.log = log;
        this.serdes = serdes;
    }

    @KafkaListener(id = "audit-store", groupId = "deskpost-audit-store",
            topics = "#{T(com.deskpost.platform.topic.Topics).MAIL_AUDIT.name()}",
            concurrency = "${deskpost.audit.store-concurrency:3}", batch = "true",
            // A transaction of a few rows costs as much as one of dozens: the broker holds a fetch until it has 64 KiB
            // or deskpost.audit.store-batch-wait-ms has passed, so an append takes more rows at a time under load.
            properties = {"fetch.min.bytes=65536", "fetch.max.wait.ms=${deskpost.audit.store-batch-wait-ms:100}"})
    void on(List<ConsumerRecord<String, byte[]>> records) {
        Map<Integer, List<ConsumerRecord<String, byte[]>>> byPartition = new LinkedHashMap<>();
        records.forEach(record -> byPartition.computeIfAbsent(record.partition(), p -> new ArrayList<>()).add(record));
        byPartition.forEach(this::append);
    }

    private void append(int partition, List<ConsumerRecord<String, byte[]>> records) {
        try {
            log.append(records.stream().map(this::decode).toList(), partition);
        } catch (RuntimeException batchFailed) {
            for (ConsumerRecord<String, byte[]> record : records) {
                try {
                    log.append(decode(record), partition);
                } catch (RuntimeException failed) {
                    throw new BatchListenerFailedException(failed.getMessage(), failed, record);
                }
            }
        }
    }

    private AuditEvent decode(ConsumerRecord<String, byte[]> record) {
        return serdes.deserialize(Topics.MAIL_AUDIT, record.value());
    }
}
