package com.deskpost.community.consent;

import com.deskpost.events.ConsentChange;
import com.deskpost.platform.id.DraftIds;
import com.deskpost.platform.serde.AvroSerdes;
import com.deskpost.platform.topic.Topics;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Folds each consent change into the address's tags. A record that cannot be decoded is logged and
 * passed over here: a global store cannot dead-letter, and delivery's consent listener, which reads
 * the same topic, dead-letters it with the reason.
 */
final class ConsentFold implements Processor<String, byte[], Void, Void> {

    private static final Logger log = LoggerFactory.getLogger(ConsentFold.class);

    private final AvroSerdes serdes;
    private KeyValueStore<String, ConsentState> store;

    ConsentFold(AvroSerdes serdes) {
        this.serdes = serdes;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        this.store = context.getStateStore(ConsentTable.STORE);
    }

    @Override
    public void process(Record<String, byte[]> record) {
        ConsentChange change;
        try {
            change = serdes.deserialize(Topics.MAIL_CONSENT, record.value());
        } catch (RuntimeException e) {
            log.warn("Consent change with key {} cannot be decoded; passed over here, dead-lettered by delivery: {}",
                    record.key(), e.getMessage(), e);
            return;
        }
        if (change == null) {
            return;
        }
        // Keyed by the address the change names (an erasure's pseudonym), whatever the producer keyed the record by.
        String email = DraftIds.normaliseEmail(change.getEmail());
        ConsentState known = store.get(email);
        store.put(email, (known == null ? ConsentState.NONE : known).apply(change));
    }
}
