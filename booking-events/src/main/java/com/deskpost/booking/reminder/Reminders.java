package com.deskpost.booking.reminder;

import com.deskpost.booking.mail.BookingComposer;
import com.deskpost.platform.serde.AvroSerdes;
import java.time.Duration;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.Stores;

/** Wires the reminder sub-topology: upcoming bookings in, due reminders out to mail.drafts and mail.audit. */
public final class Reminders {

    private Reminders() {
    }

    /**
     * @param lead how long before the start the reminder is drafted; zero drafts none (the topology
     *     stays the same, so switching reminders on later needs no reset)
     */
    public static void register(StreamsBuilder builder, AvroSerdes serdes, BookingComposer composer, Duration lead,
            Duration checkInterval) {
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(ReminderScheduler.UPCOMING_STORE), Serdes.String(),
                serdes.serde(UpcomingBookings.TOPIC)));
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(ReminderScheduler.DUE_STORE), Serdes.String(), Serdes.String()));
        builder.stream(UpcomingBookings.TOPIC.name(), Consumed.with(Serdes.String(), serdes.serde(UpcomingBookings.TOPIC))
                        .withName(UpcomingBookings.TOPIC.name() + "-in"))
                .process(() -> new ReminderScheduler(composer, serdes, lead, checkInterval),
                        Named.as("booking-reminders"), ReminderScheduler.UPCOMING_STORE, ReminderScheduler.DUE_STORE)
                .to((key, outgoing, context) -> outgoing.topic(), Produced.with(Serdes.String(), Outgoing.SERDE)
                        .withName("booking-reminders-out"));
    }
}
