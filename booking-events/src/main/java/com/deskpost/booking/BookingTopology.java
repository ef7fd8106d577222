package com.deskpost.booking;

import com.deskpost.booking.mail.BookingComposer;
import com.deskpost.booking.mail.BookingEventHandler;
import com.deskpost.booking.mail.BookingStateSerde;
import com.deskpost.booking.mail.BookingStates;
import com.deskpost.booking.mail.GuestErasure;
import com.deskpost.booking.reminder.Reminders;
import com.deskpost.platform.directory.DirectoryTables;
import com.deskpost.platform.erasure.ErasureSweep;
import com.deskpost.platform.erasure.Erasures;
import com.deskpost.platform.freshness.EntityVersionTable;
import com.deskpost.platform.pseudonym.Pseudonyms;
import com.deskpost.platform.serde.AvroSerdes;
import com.deskpost.platform.streams.TemplateOverrideTable;
import com.deskpost.platform.streams.DueIndex;
import com.deskpost.platform.streams.EventRouting;
import com.deskpost.platform.template.TemplateRenderer;
import com.deskpost.platform.topic.Topics;
import java.time.Clock;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.state.Stores;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Configuration;

/**
 * facility.bookings joined with the directories and each booking's state, composed into drafts,
 * versions and audit events; accepted events feed the reminder sub-topology. mail.entity-versions is read
 * back as a global table: it keeps the last version of a booking whose state is forgotten. mail.consent's erasures are
 * a global store too: an erased guest leaves every booking state (and so the reminder store) of every task.
 */
@Configuration
class BookingTopology {

    @Autowired
    void build(StreamsBuilder builder, AvroSerdes serdes, TemplateRenderer templates, BookingProperties properties,
            Pseudonyms pseudonyms) {
        BookingComposer composer = new BookingComposer(templates, Clock.systemUTC());
        DirectoryTables.register(builder, serdes);
        // Staff's active template overrides (mail.templates), read by the renderer before its built-in templates.
        TemplateOverrideTable.register(builder, serdes, templates);
        EntityVersionTable.register(builder, serdes);
        Erasures.register(builder, serdes, pseudonyms);
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(BookingEventHandler.STATE_STORE), Serdes.String(),
                BookingStateSerde.of(serdes)));
        builder.addStateStore(DueIndex.store(BookingStates.DUE_STORE));
        builder.addStateStore(ErasureSweep.store(GuestErasure.APPLIED_STORE));
        EventRouting.route(builder, Topics.FACILITY_BOOKINGS, serdes,
                stores -> new BookingEventHandler(composer, DirectoryTables.view(stores), new BookingStates(
                        stores.store(BookingEventHandler.STATE_STORE), new DueIndex(stores.store(BookingStates.DUE_STORE)),
                        stores.store(EntityVersionTable.STORE), properties.stateGrace(), stores::wallClockMillis)
                        .checkingEvery(properties.housekeepingInterval()),
                        new GuestErasure(Erasures.view(stores, pseudonyms), stores.store(GuestErasure.APPLIED_STORE),
                                stores.store(BookingEventHandler.STATE_STORE))),
                BookingEventHandler.STATE_STORE, BookingStates.DUE_STORE, GuestErasure.APPLIED_STORE);
        Reminders.register(builder, serdes, composer, properties.reminderLeadTime(),
                properties.reminderCheckInterval());
    }
}
