package com.deskpost.community.consent;

import com.deskpost.events.ConsentChange;
import com.deskpost.platform.consent.ConsentTag;
import com.deskpost.platform.id.DraftIds;
import com.deskpost.platform.pseudonym.Pseudonyms;
import com.deskpost.platform.serde.AvroSerdes;
import com.deskpost.platform.topic.Topics;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Folds each consent change into the address's tags. An erasure (GDPR art. 17) is kept under the person's pseudonym
 * (one published before keyed pseudonyms, carrying the address, under the address's pseudonym) and deletes the
 * entry of every address of that pseudonym; a change of an address whose pseudonym is erased is not stored. So the
 * store never holds an erased address, whether a rebuild reads the erasure (on its own partition of mail.consent)
 * before or after the address's changes. An erasure scans the store: erasures are rare. A record that cannot be
 * decoded is logged and passed over here: a global store cannot dead-letter, and delivery's consent listener, which
 * reads the same topic, dead-letters it with the reason.
 */
final class ConsentFold implements Processor<String, byte[], Void, Void> {

    private static final Logger log = LoggerFactory.getLogger(ConsentFold.class);

    private final AvroSerdes serdes;
    private final Pseudonyms pseudonyms;
    private KeyValueStore<String, ConsentState> store;

    ConsentFold(AvroSerdes serdes, Pseudonyms pseudonyms) {
        this.serdes = serdes;
        this.pseudonyms = pseudonyms;
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
        if (ConsentTag.ERASED.equals(change.getTag()) && !Pseudonyms.isPseudonym(email)) {
            email = pseudonyms.of(email);
        }
        if (!Pseudonyms.isPseudonym(email) && isErased(pseudonyms.of(email))) {
            store.delete(email);
            return;
        }
        ConsentState known = store.get(email);
        ConsentState now = (known == null ? ConsentState.NONE : known).apply(change);
        store.put(email, now);
        if (Pseudonyms.isPseudonym(email) && now.tags().contains(ConsentTag.ERASED)) {
            forgetAddressesOf(email);
        }
    }

    private boolean isErased(String pseudonym) {
        ConsentState state = store.get(pseudonym);
        return state != null && state.tags().contains(ConsentTag.ERASED);
    }

    private void forgetAddressesOf(String pseudonym) {
        List<String> addresses = new ArrayList<>();
        try (KeyValueIterator<String, ConsentState> all = store.all()) {
            all.forEachRemaining(entry -> {
                if (!Pseudonyms.isPseudonym(entry.key) && pseudonyms.of(entry.key).equals(pseudonym)) {
                    addresses.add(entry.key);
                }
            });
        }
        addresses.forEach(store::delete);
    }
}
