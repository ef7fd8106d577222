package com.deskpost.platform.directory;

import com.deskpost.events.Location;
import com.deskpost.events.Member;
import com.deskpost.platform.failure.Patience;
import com.deskpost.platform.serde.AvroSerdes;
import com.deskpost.platform.streams.StoreAccess;
import com.deskpost.platform.topic.Topics;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/**
 * The compacted {@code facility.members} and {@code facility.locations} topics as global tables:
 * every instance holds the whole directory, so a composer can look up any member or location
 * without repartitioning its input.
 */
public final class DirectoryTables {

    public static final String MEMBERS_STORE = "directory-members";
    public static final String LOCATIONS_STORE = "directory-locations";

    private DirectoryTables() {
    }

    public static void register(StreamsBuilder builder, AvroSerdes serdes) {
        builder.globalTable(Topics.FACILITY_MEMBERS.name(),
                Consumed.with(Serdes.String(), Patience.forGlobalTable(serdes.serde(Topics.FACILITY_MEMBERS))),
                Materialized.as(MEMBERS_STORE));
        builder.globalTable(Topics.FACILITY_LOCATIONS.name(),
                Consumed.with(Serdes.String(), Patience.forGlobalTable(serdes.serde(Topics.FACILITY_LOCATIONS))),
                Materialized.as(LOCATIONS_STORE));
    }

    /** The directory backed by the global stores, for use inside a processor. */
    public static Directory view(StoreAccess stores) {
        ReadOnlyKeyValueStore<String, ValueAndTimestamp<Member>> members = stores.store(MEMBERS_STORE);
        ReadOnlyKeyValueStore<String, ValueAndTimestamp<Location>> locations = stores.store(LOCATIONS_STORE);
        return new Directory() {
            @Override
            public Optional<Member> member(String memberId) {
                return Optional.ofNullable(members.get(memberId)).map(ValueAndTimestamp::value);
            }

            @Override
            public Optional<Location> location(String locationId) {
                return Optional.ofNullable(locations.get(locationId)).map(ValueAndTimestamp::value);
            }

            @Override
            public List<Member> membersAt(String locationId) {
                List<Member> at = new ArrayList<>();
                try (KeyValueIterator<String, ValueAndTimestamp<Member>> all = members.all()) {
                    all.forEachRemaining(entry -> {
                        Member member = entry.value == null ? null : entry.value.value();
                        if (member != null && member.getLocationIds().contains(locationId)) {
                            at.add(member);
                        }
                    });
                }
                return at;
            }
        };
    }
}
