package com.deskpost.oversight.erasure;

import com.deskpost.events.ConsentAction;
import com.deskpost.events.ConsentChange;
import com.deskpost.platform.consent.ConsentTag;
import com.deskpost.platform.serde.AvroSerdes;
import com.deskpost.platform.topic.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Delivery announces a GDPR erasure on mail.consent (tag {@code erased} added, under the person's keyed
 * pseudonym); oversight finds whom it means among the addresses its rows hold and erases them too.
 */
@Component
class ErasureListener {

    private static final Logger log = LoggerFactory.getLogger(ErasureListener.class);

    private final Erasure erasure;
    private final ErasedRecipients recipients;
    private final AvroSerdes serdes;

    ErasureListener(Erasure erasure, ErasedRecipients recipients, AvroSerdes serdes) {
        this.erasure = erasure;
        this.recipients = recipients;
        this.serdes = serdes;
    }

    @KafkaListener(id = "erasure", groupId = "deskpost-oversight-erasure",
            topics = "#{T(com.deskpost.platform.topic.Topics).MAIL_CONSENT.name()}")
    void on(ConsumerRecord<String, byte[]> record) {
        ConsentChange change = serdes.deserialize(Topics.MAIL_CONSENT, record.value());
        if (ConsentTag.ERASED.equals(change.getTag()) && change.getAction() == ConsentAction.ADDED) {
            recipients.of(change.getEmail()).ifPresentOrElse(
                    person -> erasure.erase(person.address(), person.pseudonym()),
                    () -> log.info("Erasure of {}: no oversight row names the person", change.getEmail()));
        }
    }
}
