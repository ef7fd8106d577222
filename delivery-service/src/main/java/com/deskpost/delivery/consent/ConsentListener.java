package com.deskpost.delivery.consent;

import com.deskpost.platform.serde.AvroSerdes;
import com.deskpost.platform.topic.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Consent changes from every source (unsubscribe intake, bounces, other services) into the consent store. */
@Component
class ConsentListener {

    private final ConsentStore store;
    private final AvroSerdes serdes;

    ConsentListener(ConsentStore store, AvroSerdes serdes) {
        this.store = store;
        this.serdes = serdes;
    }

    @KafkaListener(id = "consent", groupId = "deskpost-delivery-consent",
            topics = "#{T(com.deskpost.platform.topic.Topics).MAIL_CONSENT.name()}")
    void on(ConsumerRecord<String, byte[]> record) {
        store.apply(serdes.deserialize(Topics.MAIL_CONSENT, record.value()));
    }
}
