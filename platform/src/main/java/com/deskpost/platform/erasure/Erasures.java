package com.deskpost.platform.erasure;

import com.deskpost.platform.id.DraftIds;
import com.deskpost.platform.pseudonym.Pseudonyms;
import com.deskpost.platform.serde.AvroSerdes;
import com.deskpost.platform.streams.StoreAccess;
import com.deskpost.platform.topic.Topics;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * Who has been erased (GDPR art. 17), as every instance of a Streams application sees it: the erasures announced on
 * mail.consent (tag {@code erased}), folded into a global store keyed by the person's keyed pseudonym
 * ({@link Pseudonyms}), valued by when the erasure was made. It never holds an address: an erasure published before
 * keyed pseudonyms (it carried the address) is kept under the address's pseudonym. A global store because erasures
 * are keyed by pseudonym and the stores that hold people by entity id: every task must learn of every erasure, and a
 * global store is rebuilt whole from mail.consent (which never ages out) on every instance, late joiners included.
 * A state holder matches an erasure by pseudonymising the addresses it holds ({@link #names}); it applies each one
 * once per task ({@link ErasureSweep}) and refuses to store an erased address again ({@link #erased}).
 */
public final class Erasures {

    public static final String STORE = "deskpost-erasures";

    private final ReadOnlyKeyValueStore<String, Long> store;
    private final Pseudonyms pseudonyms;

    Erasures(ReadOnlyKeyValueStore<String, Long> store, Pseudonyms pseudonyms) {
        this.store = store;
        this.pseudonyms = pseudonyms;
    }

    /** Adds the global store of erasures to the topology; one per application. */
    public static void register(StreamsBuilder builder, AvroSerdes serdes, Pseudonyms pseudonyms) {
        builder.addGlobalStore(
                Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STORE), Serdes.String(), Serdes.Long())
                        // Global stores are rebuilt from their source topic through the fold; they have no changelog.
                        .withLoggingDisabled(),
                Topics.MAIL_CONSENT.name(),
                Consumed.with(Serdes.String(), Serdes.ByteArray()).withName(Topics.MAIL_CONSENT.name() + "-erasures"),
                () -> new ErasureFold(serdes, pseudonyms));
    }

    /** The erasures as seen from inside a processor. */
    public static Erasures view(StoreAccess stores, Pseudonyms pseudonyms) {
        return new Erasures(stores.store(STORE), pseudonyms);
    }

    /** Whether the address (any spelling) belongs to an erased person. */
    public boolean erased(String address) {
        return address != null && !address.isBlank() && store.get(pseudonyms.of(address)) != null;
    }

    /** Whether {@code address} is the address of the person erased under {@code pseudonym}. */
    public boolean names(String pseudonym, String address) {
        return address != null && !address.isBlank() && pseudonyms.of(address).equals(pseudonym);
    }

    /** Every erasure now: pseudonym and when it was made. Erasures are rare, so the whole store is small. */
    KeyValueIterator<String, Long> all() {
        return store.all();
    }

    static String normalised(String email) {
        return DraftIds.normaliseEmail(email);
    }
}
