package com.deskpost.oversight.erasure;

import com.deskpost.events.ConsentAction;
import com.deskpost.events.ConsentChange;
import com.deskpost.platform.consent.ConsentTag;
import com.deskpost.platform.serde.AvroSerdes;
import com.deskpost.platform.topic.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Delivery announces a GDPR erasure on mail.consent (tag {@code erased} added); oversight erases the address too. */
@Component
class ErasureListener {

    private final Erasure erasure;
    private final AvroSerdes serdes;

    ErasureListener(Erasure erasure, AvroSerdes serdes) {
        this.erasure = erasure;
        this.serdes = serdes;
    }

    @KafkaListener(id = "erasure", groupId = "deskpost-oversight-erasure",
            topics = "#{T(com.deskpost.platform.topic.Topics).MAIL_CONSENT.name()}")
    void on(ConsumerRecord<String, byte[]> record) {
        ConsentChange change = serdes.deserialize(Topics.MAIL_CONSENT, record.value());
        if (ConsentTag.ERASED.equals(change.getTag()) && change.getAction() == ConsentAction.ADDED) {
            erasure.erase(change.getEmail());
        }
    }
}
