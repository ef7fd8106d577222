package com.deskpost.booking.mail;

import com.deskpost.booking.reminder.UpcomingBookings;
import com.deskpost.events.BookingCreated;
import com.deskpost.events.BookingEvent;
import com.deskpost.events.BookingModified;
import com.deskpost.events.EntityStatus;
import com.deskpost.events.EntityVersion;
import com.deskpost.platform.freshness.EntityVersionTable;
import com.deskpost.platform.streams.DueIndex;
import com.deskpost.platform.streams.Emit;
import com.deskpost.platform.topic.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Each booking's state, kept while the booking can still change and forgotten once it is over: {@code grace}
 * after it was cancelled, or after it ended (its last version's end, or when that version was accepted if it
 * already lay in the past). Then its state is deleted (the changelog gets the tombstone), its key on
 * {@link UpcomingBookings} is tombstoned, so neither the store nor the compacted topics keep a booking for ever,
 * and its last version is published again with status {@code CLOSED} (the same version: it supersedes none of
 * that version's drafts). An event of a booking without state whose last version on {@code mail.entity-versions}
 * ({@link EntityVersionTable#latest}, never tombstoned) is {@code CLOSED} or {@code CANCELLED} is judged against
 * that version: a late or replayed version is ignored, never taken for a new booking, and only a newer version
 * counts (as if the booking were first heard of). A live booking without state (a composer rebuilt from
 * nothing) is composed as before.
 */
public final class BookingStates {

    /** When each booking is forgotten, by due time ({@link DueIndex}). */
    public static final String DUE_STORE = "booking-state-due";
    private static final int MAX_PER_CHECK = 1_000;
    private static final Logger log = LoggerFactory.getLogger(BookingStates.class);

    private final KeyValueStore<String, BookingState> states;
    private final DueIndex due;
    private final ReadOnlyKeyValueStore<String, ValueAndTimestamp<EntityVersion>> versions;
    private final Duration grace;
    private final LongSupplier clock;
    private Duration checkInterval = Duration.ofMinutes(1);

    public BookingStates(KeyValueStore<String, BookingState> states, DueIndex due,
            ReadOnlyKeyValueStore<String, ValueAndTimestamp<EntityVersion>> versions, Duration grace, LongSupplier clock) {
        this.states = states;
        this.due = due;
        this.versions = versions;
        this.grace = grace;
        this.clock = clock;
    }

    /** How often over bookings are looked for; the index makes each look read only what is due. */
    public BookingStates checkingEvery(Duration interval) {
        this.checkInterval = interval;
        return this;
    }

    Duration checkInterval() {
        return checkInterval;
    }

    /** The booking as known: its state, or for a forgotten booking its last version; null if never heard of. */
    BookingState known(String bookingId) {
        BookingState state = states.get(bookingId);
        if (state != null) {
            return state;
        }
        return EntityVersionTable.latest(BookingComposer.supersedeKey(bookingId), versions)
                .filter(last -> last.getStatus() == EntityStatus.CLOSED || last.getStatus() == EntityStatus.CANCELLED)
                .map(last -> new BookingState(last.getVersion(), last.getSourceEventId(), last.getStatus(), null))
                .orElse(null);
    }

    /** Stores the booking's new state and when it is over. */
    void put(String bookingId, BookingState state) {
        due.fillOnce(() -> scheduleAll(clock.getAsLong()));
        states.put(bookingId, state);
        schedule(bookingId, state, clock.getAsLong());
    }

    /** Forgets the bookings whose time has come: their state deleted, their upcoming entry tombstoned. */
    List<Emit<?>> forgetDue(long now) {
        due.fillOnce(() -> scheduleAll(now));
        List<Emit<?>> out = new ArrayList<>();
        for (DueIndex.Due entry : due.takeDue(now, MAX_PER_CHECK)) {
            BookingState state = states.get(entry.entityKey());
            if (state == null || !Long.toString(state.version()).equals(entry.token())) {
                continue; // a later version rescheduled it, or it is gone already
            }
            states.delete(entry.entityKey());
            out.add(Emit.tombstone(UpcomingBookings.TOPIC, entry.entityKey()));
            out.add(closed(entry.entityKey(), state, now));
            log.info("Booking {} is over ({} at version {}): its state is forgotten", entry.entityKey(),
                    state.status(), state.version());
        }
        return out;
    }

    /** The booking's last version again, status CLOSED: it supersedes none of that version's drafts. */
    private static Emit<EntityVersion> closed(String bookingId, BookingState state, long now) {
        String key = BookingComposer.supersedeKey(bookingId);
        return Emit.to(Topics.MAIL_ENTITY_VERSIONS, key, EntityVersion.newBuilder().setSupersedeKey(key)
                .setVersion(state.version()).setStatus(EntityStatus.CLOSED).setSourceEventId(state.eventId())
                .setOccurredAt(Instant.ofEpochMilli(now)).build());
    }

    private void schedule(String bookingId, BookingState state, long now) {
        Instant ends = endsAt(state);
        long over = ends == null || state.status() == EntityStatus.CANCELLED ? now : Math.max(now, ends.toEpochMilli());
        due.schedule(bookingId, over + grace.toMillis(), Long.toString(state.version()));
    }

    /** State written before this index existed: scheduled once, as if each booking had just been accepted. */
    private void scheduleAll(long now) {
        List<KeyValue<String, BookingState>> all = new ArrayList<>();
        try (KeyValueIterator<String, BookingState> entries = states.all()) {
            entries.forEachRemaining(all::add);
        }
        all.forEach(entry -> schedule(entry.key, entry.value, now));
    }

    private static Instant endsAt(BookingState state) {
        BookingEvent details = state.details();
        if (details == null) {
            return null;
        }
        if (details.getPayload() instanceof BookingCreated created) {
            return created.getEndsAt();
        }
        if (details.getPayload() instanceof BookingModified modified) {
            return modified.getEndsAt();
        }
        return null;
    }
}
