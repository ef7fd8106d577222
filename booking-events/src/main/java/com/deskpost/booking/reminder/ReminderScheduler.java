package com.deskpost.booking.reminder;

import com.deskpost.booking.mail.BookingComposer;
import com.deskpost.booking.mail.BookingEventHandler;
import com.deskpost.events.BookingCancelled;
import com.deskpost.events.BookingCreated;
import com.deskpost.events.BookingEvent;
import com.deskpost.events.BookingModified;
import com.deskpost.events.AuditEvent;
import com.deskpost.events.EmailDraft;
import com.deskpost.platform.directory.Directory;
import com.deskpost.platform.directory.DirectoryTables;
import com.deskpost.platform.observability.MailMetrics;
import com.deskpost.platform.serde.AvroSerdes;
import com.deskpost.platform.streams.Emit;
import com.deskpost.platform.streams.StoreAccess;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reminds a member of a booking {@code lead} before it starts. Each upcoming booking's current
 * version waits in a store, indexed by when its reminder is due; a wall-clock punctuator drafts
 * the reminders that are due and removes them in the same exactly-once transaction, so a restart
 * never drafts one twice (and the draft id, derived from the version's event id, is the same if it
 * ever did). No reminder for a cancelled booking (its entry is removed), for a booking that has
 * already started (the service was down past its start), or for one booked inside the lead time. A booking's
 * version published again under the same event id is that version rewritten without an erased guest: the stored entry
 * is replaced by it, so the reminder store (and its changelog) lose the guest too.
 */
final class ReminderScheduler implements Processor<String, BookingEvent, String, Outgoing> {

    static final String UPCOMING_STORE = "booking-upcoming";
    static final String DUE_STORE = "booking-reminders-due";

    private static final Logger log = LoggerFactory.getLogger(ReminderScheduler.class);

    private final BookingComposer composer;
    private final AvroSerdes serdes;
    private final Duration lead;
    private final Duration checkInterval;
    private ProcessorContext<String, Outgoing> context;
    private KeyValueStore<String, BookingEvent> upcoming;
    private KeyValueStore<String, String> due;
    private Directory directory;
    private MailMetrics metrics;

    ReminderScheduler(BookingComposer composer, AvroSerdes serdes, Duration lead, Duration checkInterval) {
        this.composer = composer;
        this.serdes = serdes;
        this.lead = lead;
        this.checkInterval = checkInterval;
    }

    @Override
    public void init(ProcessorContext<String, Outgoing> context) {
        this.context = context;
        this.metrics = MailMetrics.of(context);
        this.upcoming = context.getStateStore(UPCOMING_STORE);
        this.due = context.getStateStore(DUE_STORE);
        this.directory = DirectoryTables.view(new StoreAccess() {
            @Override
            public <S> S store(String name) {
                return context.getStateStore(name);
            }
        });
        context.schedule(checkInterval, PunctuationType.WALL_CLOCK_TIME, this::remindDue);
    }

    /**
     * Events arrive here only when the composer accepted them, so in version order per booking; a null value is
     * the tombstone of a booking that is over.
     */
    @Override
    public void process(Record<String, BookingEvent> record) {
        String bookingId = record.key();
        BookingEvent event = record.value();
        BookingEvent known = upcoming.get(bookingId);
        if (known != null) {
            if (event != null && known.getHeader().getEventId().equals(event.getHeader().getEventId())) {
                // The same version rewritten without an erased guest (GuestErasure): kept as rewritten, due as before.
                upcoming.put(bookingId, event);
                return;
            }
            if (event != null && known.getHeader().getEntityVersion() >= event.getHeader().getEntityVersion()) {
                return;
            }
            due.delete(dueKey(known));
            upcoming.delete(bookingId);
        }
        if (event == null) {
            return; // the booking is over and forgotten: its tombstone leaves nothing to remind of
        }
        if (lead.isZero() || event.getPayload() instanceof BookingCancelled) {
            return;
        }
        Instant remindAt = startsAt(event).minus(lead);
        if (!remindAt.isAfter(Instant.ofEpochMilli(context.currentSystemTimeMs()))) {
            log.debug("Booking {} starts within the reminder lead time {}: no reminder", bookingId, lead);
            return;
        }
        upcoming.put(bookingId, event);
        due.put(dueKey(event), bookingId);
    }

    private void remindDue(long now) {
        List<KeyValue<String, String>> ready = new ArrayList<>();
        try (KeyValueIterator<String, String> entries = due.range(key(0, ""), key(now, "\uffff"))) {
            entries.forEachRemaining(ready::add);
        }
        for (KeyValue<String, String> entry : ready) {
            due.delete(entry.key);
            BookingEvent booking = upcoming.get(entry.value);
            if (booking == null || !dueKey(booking).equals(entry.key)) {
                continue;
            }
            upcoming.delete(entry.value);
            if (!startsAt(booking).isAfter(Instant.ofEpochMilli(now))) {
                log.info("Booking {} already started at {}: no reminder", booking.getBookingId(), startsAt(booking));
                continue;
            }
            try {
                EmailDraft draft = composer.remind(booking, directory);
                for (Emit<?> emit : BookingEventHandler.publication(draft).emits()) {
                    forward(emit, now);
                }
            } catch (RuntimeException e) {
                // There is no input record to dead-letter; the booking's own mails went out when it was accepted.
                log.warn("No reminder for booking {} version {}: {}", booking.getBookingId(),
                        booking.getHeader().getEntityVersion(), e.getMessage(), e);
            }
        }
    }

    private <V extends SpecificRecord> void forward(Emit<V> emit, long timestamp) {
        context.forward(new Record<>(emit.key(),
                new Outgoing(emit.topic().name(), serdes.serialize(emit.topic(), emit.value())), timestamp));
        if (emit.value() instanceof AuditEvent audit) {
            metrics.transition(audit);
        }
    }

    private String dueKey(BookingEvent booking) {
        return key(startsAt(booking).minus(lead).toEpochMilli(), booking.getBookingId());
    }

    /** Zero-padded due time first, so a range scan up to now finds exactly the due reminders. */
    private static String key(long dueMillis, String bookingId) {
        return String.format(Locale.ROOT, "%019d|%s", Math.max(0, dueMillis), bookingId);
    }

    private static Instant startsAt(BookingEvent event) {
        Object payload = event.getPayload();
        if (payload instanceof BookingCreated created) {
            return created.getStartsAt();
        }
        if (payload instanceof BookingModified modified) {
            return modified.getStartsAt();
        }
        throw new IllegalArgumentException("Booking " + event.getBookingId() + " has no start time");
    }
}
