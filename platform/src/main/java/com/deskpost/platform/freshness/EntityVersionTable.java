package com.deskpost.platform.freshness;

import com.deskpost.events.EmailDraft;
import com.deskpost.events.EntityVersion;
import com.deskpost.platform.failure.Patience;
import com.deskpost.platform.serde.AvroSerdes;
import com.deskpost.platform.topic.Topics;
import java.util.Optional;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/**
 * The compacted mail.entity-versions topic as a global table: the latest version of every entity
 * a draft can depend on. A draft older than its entity's latest version is stale (DESIGN §3.2).
 */
public final class EntityVersionTable {

    public static final String STORE = "entity-versions";

    private EntityVersionTable() {
    }

    public static void register(StreamsBuilder builder, AvroSerdes serdes) {
        builder.globalTable(Topics.MAIL_ENTITY_VERSIONS.name(),
                Consumed.with(Serdes.String(), Patience.forGlobalTable(serdes.serde(Topics.MAIL_ENTITY_VERSIONS))),
                Materialized.as(STORE));
    }

    /**
     * The latest version of {@code supersedeKey}, if any. The topic is never tombstoned (docs/operations.md, "Data
     * lifecycle"), so a composer that has forgotten an entity that is over still learns its last version here and
     * ignores a late or replayed event of it instead of taking it for a new entity.
     */
    public static Optional<EntityVersion> latest(String supersedeKey,
            ReadOnlyKeyValueStore<String, ValueAndTimestamp<EntityVersion>> store) {
        return Optional.ofNullable(store.get(supersedeKey)).map(ValueAndTimestamp::value);
    }

    /** The newer version that supersedes the draft, if there is one. */
    public static Optional<EntityVersion> supersedingVersion(EmailDraft draft,
            ReadOnlyKeyValueStore<String, ValueAndTimestamp<EntityVersion>> store) {
        return Optional.ofNullable(store.get(draft.getSupersedeKey()))
                .map(ValueAndTimestamp::value)
                .filter(latest -> latest.getVersion() > draft.getEntityVersion());
    }
}
