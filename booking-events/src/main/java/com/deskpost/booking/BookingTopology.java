package com.deskpost.booking;

import com.deskpost.booking.confirmation.BookingComposer;
import com.deskpost.booking.confirmation.BookingEventHandler;
import com.deskpost.platform.directory.DirectoryTables;
import com.deskpost.platform.serde.AvroSerdes;
import com.deskpost.platform.streams.EventRouting;
import com.deskpost.platform.template.TemplateRenderer;
import com.deskpost.platform.topic.Topics;
import java.time.Clock;
import org.apache.kafka.streams.StreamsBuilder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Configuration;

/** facility.bookings joined with the directories, composed into drafts, versions and audit events. */
@Configuration
class BookingTopology {

    @Autowired
    void build(StreamsBuilder builder, AvroSerdes serdes, TemplateRenderer templates) {
        BookingComposer composer = new BookingComposer(templates, Clock.systemUTC());
        DirectoryTables.register(builder, serdes);
        EventRouting.route(builder, Topics.FACILITY_BOOKINGS, serdes,
                stores -> new BookingEventHandler(composer, DirectoryTables.view(stores)));
    }
}
