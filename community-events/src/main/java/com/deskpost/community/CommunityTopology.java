package com.deskpost.community;

import com.deskpost.community.announcement.AnnouncementDrafts;
import com.deskpost.community.announcement.FanOut;
import com.deskpost.community.announcement.FanOutTopology;
import com.deskpost.community.consent.ConsentTable;
import com.deskpost.community.inquiry.InquiryReplies;
import com.deskpost.community.triage.InboundTriage;
import com.deskpost.community.unsubscribe.Unsubscribes;
import com.deskpost.platform.consent.UnrecognisedJurisdictions;
import com.deskpost.platform.directory.DirectoryTables;
import com.deskpost.platform.freshness.EntityVersionTable;
import com.deskpost.platform.pseudonym.Pseudonyms;
import com.deskpost.platform.serde.AvroSerdes;
import com.deskpost.platform.streams.TemplateOverrideTable;
import com.deskpost.platform.streams.EventRouting;
import com.deskpost.platform.template.TemplateRenderer;
import com.deskpost.platform.topic.Topics;
import java.time.Clock;
import org.apache.kafka.streams.StreamsBuilder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Configuration;

/**
 * Three sub-topologies over the member, location and consent global stores: facility.community
 * (announcements accepted and queued, inquiries answered), the sliced announcement fan-out, and
 * mail.inbound triage (unsubscribes, sales inquiries). mail.entity-versions is read back as a global table:
 * it says which announcements are over.
 */
@Configuration
class CommunityTopology {

    @Autowired
    void build(StreamsBuilder builder, AvroSerdes serdes, TemplateRenderer templates, CommunityProperties properties,
            Pseudonyms pseudonyms) {
        Clock clock = Clock.systemUTC();
        ConsentTable consent = new ConsentTable(pseudonyms);
        InquiryReplies replies = new InquiryReplies(templates, clock);
        DirectoryTables.register(builder, serdes);
        // Staff's active template overrides (mail.templates), read by the renderer before its built-in templates.
        TemplateOverrideTable.register(builder, serdes, templates);
        consent.register(builder, serdes);
        EntityVersionTable.register(builder, serdes);
        EventRouting.route(builder, Topics.FACILITY_COMMUNITY, serdes,
                stores -> new CommunityEventHandler(replies, DirectoryTables.view(stores),
                        stores.store(EntityVersionTable.STORE)));
        FanOut fanOut = new FanOut(new AnnouncementDrafts(templates, clock), new UnrecognisedJurisdictions());
        FanOutTopology.register(builder, serdes, fanOut, consent, properties.fanOut().sliceSize(),
                properties.fanOut().sliceInterval(), properties.fanOut().finishedGrace());
        InboundTriage.register(builder, serdes, new Unsubscribes(templates, clock), replies, consent, properties);
    }
}
