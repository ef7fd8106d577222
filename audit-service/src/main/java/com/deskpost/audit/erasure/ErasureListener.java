package com.deskpost.audit.erasure;

import com.deskpost.events.ConsentAction;
import com.deskpost.events.ConsentChange;
import com.deskpost.platform.consent.ConsentTag;
import com.deskpost.platform.id.DraftIds;
import com.deskpost.platform.pseudonym.Pseudonyms;
import com.deskpost.platform.serde.AvroSerdes;
import com.deskpost.platform.topic.Topics;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Delivery announces a GDPR erasure on mail.consent (tag {@code erased} added, under the person's keyed
 * pseudonym); the audit store pseudonymises the person's rows and remembers the erasure. An erasure
 * announced in clear (a record from before keyed pseudonyms) names its address outright. mail.consent never
 * ages out, so a new audit store learns every erasure ever made.
 */
@Component
class ErasureListener {

    private final Erasure erasure;
    private final Pseudonyms pseudonyms;
    private final AvroSerdes serdes;

    ErasureListener(Erasure erasure, Pseudonyms pseudonyms, AvroSerdes serdes) {
        this.erasure = erasure;
        this.pseudonyms = pseudonyms;
        this.serdes = serdes;
    }

    @KafkaListener(id = "audit-erasure", groupId = "deskpost-audit-erasure",
            topics = "#{T(com.deskpost.platform.topic.Topics).MAIL_CONSENT.name()}")
    void on(ConsumerRecord<String, byte[]> record) {
        ConsentChange change = serdes.deserialize(Topics.MAIL_CONSENT, record.value());
        if (!ConsentTag.ERASED.equals(change.getTag()) || change.getAction() != ConsentAction.ADDED) {
            return;
        }
        if (Pseudonyms.isPseudonym(change.getEmail())) {
            erasure.erase(change.getEmail(), Optional.empty(), change.getChangedAt());
        } else {
            String address = DraftIds.normaliseEmail(change.getEmail());
            erasure.erase(pseudonyms.of(address), Optional.of(address), change.getChangedAt());
        }
    }
}
