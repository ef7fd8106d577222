package com.deskpost.platform.erasure;

import com.deskpost.events.ConsentAction;
import com.deskpost.events.ConsentChange;
import com.deskpost.platform.consent.ConsentTag;
import com.deskpost.platform.pseudonym.Pseudonyms;
import com.deskpost.platform.serde.AvroSerdes;
import com.deskpost.platform.topic.Topics;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Folds mail.consent into {@link Erasures#STORE}: an erasure added keeps its pseudonym with when it was made, an
 * erasure removed (the person came back) drops it; the newer change wins, as in delivery's consent store. Every other
 * tag is passed over. A record that cannot be decoded is logged and passed over here: a global store cannot
 * dead-letter, and delivery's consent listener, which reads the same topic, dead-letters it with the reason.
 */
final class ErasureFold implements Processor<String, byte[], Void, Void> {

    private static final Logger log = LoggerFactory.getLogger(ErasureFold.class);

    private final AvroSerdes serdes;
    private final Pseudonyms pseudonyms;
    private KeyValueStore<String, Long> store;

    ErasureFold(AvroSerdes serdes, Pseudonyms pseudonyms) {
        this.serdes = serdes;
        this.pseudonyms = pseudonyms;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        this.store = context.getStateStore(Erasures.STORE);
    }

    @Override
    public void process(Record<String, byte[]> record) {
        ConsentChange change;
        try {
            change = record.value() == null ? null : serdes.deserialize(Topics.MAIL_CONSENT, record.value());
        } catch (RuntimeException e) {
            log.warn("Consent change with key {} cannot be decoded; passed over here, dead-lettered by delivery: {}",
                    record.key(), e.getMessage(), e);
            return;
        }
        if (change == null || !ConsentTag.ERASED.equals(change.getTag())) {
            return;
        }
        String email = Erasures.normalised(change.getEmail());
        // Erasures published before keyed pseudonyms carried the address: kept under its pseudonym, never as is.
        String pseudonym = Pseudonyms.isPseudonym(email) ? email : pseudonyms.of(email);
        long at = change.getChangedAt().toEpochMilli();
        Long known = store.get(pseudonym);
        if (change.getAction() == ConsentAction.ADDED) {
            if (known == null || known < at) {
                store.put(pseudonym, at);
            }
        } else if (known != null && known <= at) {
            store.delete(pseudonym);
        }
    }
}
