package com.deskpost.booking.mail;

import com.deskpost.booking.mail.BookingComposer.Composed;
import com.deskpost.booking.mail.BookingComposer.Ignored;
import com.deskpost.booking.reminder.UpcomingBookings;
import com.deskpost.events.BookingEvent;
import com.deskpost.events.EmailDraft;
import com.deskpost.platform.directory.Directory;
import com.deskpost.platform.publish.DraftPublication;
import com.deskpost.platform.streams.Emit;
import com.deskpost.platform.streams.EventHandler;
import com.deskpost.platform.streams.Housekeeping;
import com.deskpost.platform.topic.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Adapter from the stream to {@link BookingComposer}: reads the booking's state from the store,
 * writes the new one back, and turns what is composed into drafts, a version, audit events and
 * the booking's entry on the upcoming-bookings topic (reminders). Under exactly_once_v2 the store
 * update commits with the outputs, so a restart never applies an event twice. On wall-clock time it
 * forgets the bookings that are over ({@link BookingStates}) and applies erasures ({@link GuestErasure}), in the
 * same kind of transaction; an erased guest is taken out of every event before it is composed.
 */
public final class BookingEventHandler implements EventHandler<BookingEvent>, Housekeeping {

    /** Per-booking state store, keyed by booking id. */
    public static final String STATE_STORE = "booking-state";

    private static final Logger log = LoggerFactory.getLogger(BookingEventHandler.class);

    private final BookingComposer composer;
    private final Directory directory;
    private final BookingStates states;
    private final GuestErasure erasure;

    public BookingEventHandler(BookingComposer composer, Directory directory, BookingStates states,
            GuestErasure erasure) {
        this.composer = composer;
        this.directory = directory;
        this.states = states;
        this.erasure = erasure;
    }

    @Override
    public List<Emit<?>> handle(String key, BookingEvent received) {
        BookingEvent event = erasure.withoutErased(received);
        BookingComposer.Outcome outcome = composer.compose(event, states.known(event.getBookingId()), directory);
        if (outcome instanceof Ignored ignored) {
            // Logged, not audited: no draft exists for an audit row to belong to, and the event is valid, so no dead letter.
            log.info("{} (correlation {})", ignored.reason(), event.getHeader().getCorrelationId());
            return List.of();
        }
        Composed composed = (Composed) outcome;
        states.put(event.getBookingId(), composed.state());
        List<Emit<?>> out = new ArrayList<>();
        out.add(Emit.to(Topics.MAIL_ENTITY_VERSIONS, composed.version().getSupersedeKey(), composed.version()));
        for (EmailDraft draft : composed.drafts()) {
            out.addAll(publication(draft).emits());
        }
        out.add(Emit.to(UpcomingBookings.TOPIC, event.getBookingId(), event));
        return out;
    }

    @Override
    public Duration housekeepingInterval() {
        return states.checkInterval();
    }

    @Override
    public List<Emit<?>> housekeep(long nowMillis) {
        List<Emit<?>> out = new ArrayList<>(erasure.apply());
        out.addAll(states.forgetDue(nowMillis));
        return out;
    }

    /** A booking draft on its lane with its DRAFTED audit event, whether composed from an event or a reminder. */
    public static DraftPublication publication(EmailDraft draft) {
        return DraftPublication.of(draft, BookingComposer.IDENTITY)
                .detail("Composed " + draft.getTemplate() + " for booking " + draft.getSupersedeKey()
                        + " version " + draft.getEntityVersion());
    }
}
