package com.deskpost.community.consent;

import com.deskpost.platform.id.DraftIds;
import com.deskpost.platform.pseudonym.Pseudonyms;
import com.deskpost.platform.serde.AvroSerdes;
import com.deskpost.platform.streams.StoreAccess;
import com.deskpost.platform.topic.Topics;
import java.util.HashSet;
import java.util.Set;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * The consent tags of every address, folded from mail.consent into a global store, so the
 * announcement fan-out can apply the consent rule before it drafts anything, whichever partition
 * the announcement is on. The fold runs again when the store is rebuilt from the topic, so a
 * restored store holds the same tags as a live one.
 *
 * <p>An erasure arrives under the person's keyed pseudonym, never the address ({@link Pseudonyms}), and is
 * kept under it; looking an address up also looks up its pseudonym, so an erased person gets no
 * announcement. The erased person's address is not kept ({@link ConsentFold}): an erasure deletes its entry, and
 * a change of an erased address is not stored, in whichever order a rebuild reads them. This needs the pseudonym
 * secret all services share.
 */
public final class ConsentTable {

    public static final String STORE = "community-consent";

    private final Pseudonyms pseudonyms;

    public ConsentTable(Pseudonyms pseudonyms) {
        this.pseudonyms = pseudonyms;
    }

    public void register(StreamsBuilder builder, AvroSerdes serdes) {
        builder.addGlobalStore(
                Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STORE), Serdes.String(), ConsentState.SERDE)
                        // Global stores are rebuilt from their source topic; they have no changelog.
                        .withLoggingDisabled(),
                Topics.MAIL_CONSENT.name(),
                Consumed.with(Serdes.String(), Serdes.ByteArray()).withName(Topics.MAIL_CONSENT.name() + "-table"),
                () -> new ConsentFold(serdes, pseudonyms));
    }

    /** The current consent tags of an address and of its pseudonym, as seen from inside a processor. */
    public ConsentLookup view(StoreAccess stores) {
        ReadOnlyKeyValueStore<String, ConsentState> store = stores.store(STORE);
        return email -> {
            String address = DraftIds.normaliseEmail(email);
            Set<String> tags = new HashSet<>();
            for (String key : new String[] {address, pseudonyms.of(address)}) {
                ConsentState state = store.get(key);
                if (state != null) {
                    tags.addAll(state.tags());
                }
            }
            return Set.copyOf(tags);
        };
    }
}
