package com.deskpost.audit.store;

import com.deskpost.platform.serde.AvroSerdes;
import com.deskpost.platform.topic.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Every audit event of every service, from mail.audit into the PostgreSQL audit store. */
@Component
class AuditStoreListener {

    private final AuditLog log;
    private final AvroSerdes serdes;

    AuditStoreListener(AuditLog log, AvroSerdes serdes) {
        this.log = log;
        this.serdes = serdes;
    }

    @KafkaListener(id = "audit-store", groupId = "deskpost-audit-store",
            topics = "#{T(com.deskpost.platform.topic.Topics).MAIL_AUDIT.name()}")
    void on(ConsumerRecord<String, byte[]> record) {
        log.append(serdes.deserialize(Topics.MAIL_AUDIT, record.value()));
    }
}
