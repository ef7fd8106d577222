package com.deskpost.booking.mail;

import com.deskpost.booking.reminder.UpcomingBookings;
import com.deskpost.events.BookingCreated;
import com.deskpost.events.BookingEvent;
import com.deskpost.events.BookingModified;
import com.deskpost.events.EntityStatus;
import com.deskpost.events.Guest;
import com.deskpost.platform.erasure.ErasureSweep;
import com.deskpost.platform.erasure.ErasureSweep.Erasure;
import com.deskpost.platform.erasure.Erasures;
import com.deskpost.platform.streams.Emit;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An erased person (GDPR art. 17) is no guest of any booking: an event naming them as a guest is taken without them
 * (name and address), so they get no mail and nothing of them is stored; and once an erasure is announced, every
 * booking state that names them is rewritten without them through the store (its changelog gets the rewritten
 * value), and so is the booking's entry on {@link UpcomingBookings}, which the reminder store takes over. The booking
 * itself stays: its member and other guests still get their mail. Applied once per task ({@link ErasureSweep}).
 */
public final class GuestErasure {

    /** The erasures each booking task has applied. */
    public static final String APPLIED_STORE = "booking-erasures-applied";

    private static final Logger log = LoggerFactory.getLogger(GuestErasure.class);

    private final Erasures erasures;
    private final ErasureSweep sweep;
    private final KeyValueStore<String, BookingState> states;

    public GuestErasure(Erasures erasures, KeyValueStore<String, Long> applied, KeyValueStore<String, BookingState> states) {
        this.erasures = erasures;
        this.sweep = new ErasureSweep(erasures, applied);
        this.states = states;
    }

    /** The event without its erased guests (the same event if it names none). */
    BookingEvent withoutErased(BookingEvent event) {
        return without(event, erasures::erased);
    }

    /** Applies the erasures this task has not applied yet; returns the rewritten upcoming entries. */
    List<Emit<?>> apply() {
        List<Emit<?>> out = new ArrayList<>();
        for (Erasure erasure : sweep.pending()) {
            Predicate<String> person = address -> erasures.names(erasure.pseudonym(), address);
            List<KeyValue<String, BookingState>> naming = new ArrayList<>();
            try (KeyValueIterator<String, BookingState> all = states.all()) {
                all.forEachRemaining(entry -> {
                    if (entry.value.details() != null && without(entry.value.details(), person) != entry.value.details()) {
                        naming.add(entry);
                    }
                });
            }
            for (KeyValue<String, BookingState> entry : naming) {
                BookingState state = entry.value;
                BookingEvent details = without(state.details(), person);
                states.put(entry.key, new BookingState(state.version(), state.eventId(), state.status(), details));
                if (state.status() != EntityStatus.CANCELLED) {
                    // The topic's latest entry for a live booking is these details: rewritten, the reminder store follows.
                    out.add(Emit.to(UpcomingBookings.TOPIC, entry.key, details));
                }
            }
            sweep.applied(erasure);
            log.info("Erasure {} applied: removed from {} booking(s)", erasure.pseudonym(), naming.size());
        }
        return out;
    }

    /** The event without the guests whose address {@code erased} accepts; the same instance if there are none. */
    static BookingEvent without(BookingEvent event, Predicate<String> erased) {
        Object payload = event.getPayload();
        List<Guest> guests = payload instanceof BookingCreated created ? created.getGuests()
                : payload instanceof BookingModified modified ? modified.getGuests() : List.of();
        List<Guest> kept = guests.stream().filter(guest -> !erased.test(guest.getEmail())).toList();
        if (kept.size() == guests.size()) {
            return event;
        }
        BookingEvent copy = BookingEvent.newBuilder(event).build();
        if (copy.getPayload() instanceof BookingCreated created) {
            created.setGuests(new ArrayList<>(kept));
        } else if (copy.getPayload() instanceof BookingModified modified) {
            modified.setGuests(new ArrayList<>(kept));
        }
        return copy;
    }
}
