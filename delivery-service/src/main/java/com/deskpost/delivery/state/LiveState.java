package com.deskpost.delivery.state;

import com.deskpost.events.EmailDraft;
import com.deskpost.events.EntityVersion;
import com.deskpost.events.Location;
import com.deskpost.events.Member;
import com.deskpost.platform.consent.UnrecognisedJurisdictions;
import com.deskpost.platform.directory.Directory;
import com.deskpost.platform.directory.DirectoryTables;
import com.deskpost.platform.freshness.EntityVersionTable;
import com.deskpost.platform.serde.AvroSerdes;
import com.deskpost.platform.streams.GlobalStores;
import com.deskpost.platform.streams.RejectedEvent;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.streams.StreamsBuilder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.stereotype.Component;

/**
 * The live state delivery judges a mail by at send time, from global tables: the location
 * directory (sender, staff mailbox, address, jurisdiction) and the latest version of every
 * entity (freshness). Lookups wait for the tables' first load, so mail consumed right after
 * start-up never sees an empty directory. A location whose jurisdiction the consent rule does not
 * know is warned of in the log once the directory is loaded, and when first looked up after it
 * appears or changes ({@link UnrecognisedJurisdictions}).
 */
@Component
public class LiveState {

    private final GlobalStores stores;
    private final UnrecognisedJurisdictions jurisdictions = new UnrecognisedJurisdictions();

    public LiveState(StreamsBuilderFactoryBean streams) {
        this.stores = new GlobalStores(streams);
        stores.whenLoaded("jurisdictions", () -> jurisdictions.seenAll(locations()));
    }

    @Autowired
    void registerTables(StreamsBuilder builder, AvroSerdes serdes) {
        DirectoryTables.register(builder, serdes);
        EntityVersionTable.register(builder, serdes);
    }

    public Location location(String locationId) {
        return jurisdictions.seen(stores.location(locationId).orElseThrow(() -> new RejectedEvent(
                "Unknown location " + locationId + ": not in facility.locations")));
    }

    /** Every member of the directory now, e.g. to list contacts; the directory is held whole on every instance. */
    public List<Member> members() {
        return stores.all(DirectoryTables.MEMBERS_STORE);
    }

    /** Every location of the directory now. */
    public List<Location> locations() {
        return stores.all(DirectoryTables.LOCATIONS_STORE);
    }

    /** The live member and location directories, e.g. for the access scoping policy. */
    public Directory directory() {
        return stores;
    }

    public Optional<EntityVersion> supersedingVersion(EmailDraft draft) {
        return EntityVersionTable.supersedingVersion(draft, stores.store(EntityVersionTable.STORE));
    }
}
