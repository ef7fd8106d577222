package com.deskpost.platform.streams;

import com.deskpost.events.TemplateOverride;
import com.deskpost.platform.failure.Patience;
import com.deskpost.platform.serde.AvroSerdes;
import com.deskpost.platform.template.LiveTemplateOverrides;
import com.deskpost.platform.template.TemplateRenderer;
import com.deskpost.platform.topic.Topics;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * {@code mail.templates}, the staff's active template overrides, as a global store of every composer: every
 * instance holds them all, and its {@link TemplateRenderer} reads them ({@link LiveTemplateOverrides}) before the
 * built-in templates, so the next mail composed after an activation uses it and a tombstone puts the built-in back.
 * The store (in memory, rebuilt from the compacted topic at each start) is the durable copy; the live map is what
 * the stream threads read without a processor context (a composer renders deep inside its domain code).
 */
public final class TemplateOverrideTable {

    public static final String STORE = "template-overrides";

    private TemplateOverrideTable() {
    }

    /**
     * Adds the global store to the topology and keeps {@code templates}' overrides current from it.
     *
     * @throws IllegalArgumentException when the renderer reads its overrides from elsewhere (oversight's database)
     */
    public static void register(StreamsBuilder builder, AvroSerdes serdes, TemplateRenderer templates) {
        if (!(templates.overrides() instanceof LiveTemplateOverrides live)) {
            throw new IllegalArgumentException("This renderer does not read mail.templates: it was given "
                    + templates.overrides().getClass().getName());
        }
        Deserializer<TemplateOverride> values = Patience.forGlobalTable(serdes.serde(Topics.MAIL_TEMPLATES))
                .deserializer();
        builder.addGlobalStore(
                Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(STORE), Serdes.String(), Serdes.ByteArray())
                        // Global stores are rebuilt from their source topic; they have no changelog.
                        .withLoggingDisabled(),
                Topics.MAIL_TEMPLATES.name(),
                Consumed.with(Serdes.String(), Serdes.ByteArray()).withName(Topics.MAIL_TEMPLATES.name() + "-overrides"),
                () -> new Fold(live, values));
    }

    private static final class Fold implements Processor<String, byte[], Void, Void> {

        private final LiveTemplateOverrides live;
        private final Deserializer<TemplateOverride> values;
        private KeyValueStore<String, byte[]> store;

        Fold(LiveTemplateOverrides live, Deserializer<TemplateOverride> values) {
            this.live = live;
            this.values = values;
        }

        @Override
        public void init(ProcessorContext<Void, Void> context) {
            store = context.getStateStore(STORE);
            // What a restore put into the store without passing through process().
            try (KeyValueIterator<String, byte[]> all = store.all()) {
                all.forEachRemaining(entry -> live.apply(entry.key, decode(entry.value)));
            }
        }

        @Override
        public void process(Record<String, byte[]> record) {
            if (record.key() == null) {
                return;
            }
            if (record.value() == null) {
                store.delete(record.key());
            } else {
                store.put(record.key(), record.value());
            }
            live.apply(record.key(), decode(record.value()));
        }

        private TemplateOverride decode(byte[] bytes) {
            return bytes == null ? null : values.deserialize(Topics.MAIL_TEMPLATES.name(), bytes);
        }
    }
}
