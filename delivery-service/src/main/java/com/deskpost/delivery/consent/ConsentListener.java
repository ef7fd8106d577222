package com.deskpost.delivery.consent;

import com.deskpost.platform.serde.AvroSerdes;
import com.deskpost.platform.topic.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/** Consent changes from every source (unsubscribe intake, bounces, other services) into the consent store. */
@Component
class ConsentListener {

    private final ConsentStore store;
    private final AvroSerdes serdes;
    private final TransactionTemplate transactions;

    ConsentListener(ConsentStore store, AvroSerdes serdes, TransactionTemplate transactions) {
        this.store = store;
        this.serdes = serdes;
        this.transactions = transactions;
    }

    @KafkaListener(id = "consent", groupId = "deskpost-delivery-consent",
            topics = "#{T(com.deskpost.platform.topic.Topics).MAIL_CONSENT.name()}")
    void on(ConsumerRecord<String, byte[]> record) {
        // In a transaction, so the store's per-address lock keeps an erasure and this change apart.
        transactions.executeWithoutResult(status -> store.apply(serdes.deserialize(Topics.MAIL_CONSENT, record.value())));
    }
}
