package com.deskpost.audit.store;

import com.deskpost.platform.serde.AvroSerdes;
import com.deskpost.platform.topic.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Every audit event of every service, from mail.audit into the PostgreSQL audit store: each record into the
 * chain of its partition. One consumer per partition (up to {@code deskpost.audit.store-concurrency}), so
 * partitions append in parallel, each to its own chain, while each chain keeps its partition's order.
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
            concurrency = "${deskpost.audit.store-concurrency:3}")
    void on(ConsumerRecord<String, byte[]> record) {
        log.append(serdes.deserialize(Topics.MAIL_AUDIT, record.value()), record.partition());
    }
}
