package com.deskpost.access;

import com.deskpost.access.composer.AccessComposer;
import com.deskpost.access.composer.AccessEventHandler;
import com.deskpost.platform.directory.DirectoryTables;
import com.deskpost.platform.serde.AvroSerdes;
import com.deskpost.platform.streams.EventRouting;
import com.deskpost.platform.template.TemplateRenderer;
import com.deskpost.platform.topic.Topics;
import java.time.Clock;
import org.apache.kafka.streams.StreamsBuilder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Configuration;

/**
 * facility.access joined with the member and location directories (global tables), composed into
 * scoped drafts on the priority lane, entity versions and audit events, in one exactly-once
 * transaction per event.
 */
@Configuration
class AccessTopology {

    @Autowired
    void build(StreamsBuilder builder, AvroSerdes serdes, TemplateRenderer templates) {
        AccessComposer composer = new AccessComposer(templates, Clock.systemUTC());
        DirectoryTables.register(builder, serdes);
        EventRouting.route(builder, Topics.FACILITY_ACCESS, serdes,
                stores -> new AccessEventHandler(composer, DirectoryTables.view(stores)));
    }
}
