package com.deskpost.community.triage;

import com.deskpost.community.CommunityProperties;
import com.deskpost.community.consent.ConsentTable;
import com.deskpost.community.inquiry.InquiryReplies;
import com.deskpost.community.unsubscribe.Unsubscribes;
import com.deskpost.events.Location;
import com.deskpost.platform.directory.DirectoryTables;
import com.deskpost.platform.serde.AvroSerdes;
import com.deskpost.platform.streams.EventRouting;
import com.deskpost.platform.topic.Topics;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/** Wires mail.inbound to the triage handler, with the directory and consent global stores. */
public final class InboundTriage {

    private InboundTriage() {
    }

    public static void register(StreamsBuilder builder, AvroSerdes serdes, Unsubscribes unsubscribes,
            InquiryReplies replies, ConsentTable consent, CommunityProperties properties) {
        EventRouting.route(builder, Topics.MAIL_INBOUND, serdes, stores -> {
            ReadOnlyKeyValueStore<String, ValueAndTimestamp<Location>> locations =
                    stores.store(DirectoryTables.LOCATIONS_STORE);
            MailboxLocations mailboxes = new MailboxLocations(properties, DirectoryTables.view(stores), () -> {
                List<Location> all = new ArrayList<>();
                try (KeyValueIterator<String, ValueAndTimestamp<Location>> entries = locations.all()) {
                    entries.forEachRemaining(entry -> all.add(entry.value.value()));
                }
                return all;
            });
            return new InboundMailHandler(unsubscribes, replies, mailboxes, consent.view(stores));
        });
    }
}
