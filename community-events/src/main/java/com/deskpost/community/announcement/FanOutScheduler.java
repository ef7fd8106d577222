package com.deskpost.community.announcement;

import com.deskpost.community.consent.ConsentLookup;
import com.deskpost.community.consent.ConsentTable;
import com.deskpost.events.AuditEvent;
import com.deskpost.events.CommunityEvent;
import com.deskpost.events.EmailDraft;
import com.deskpost.events.Location;
import com.deskpost.events.Member;
import com.deskpost.platform.directory.Directory;
import com.deskpost.platform.directory.DirectoryTables;
import com.deskpost.platform.observability.MailMetrics;
import com.deskpost.platform.publish.DraftPublication;
import com.deskpost.platform.serde.AvroSerdes;
import com.deskpost.platform.streams.DueIndex;
import com.deskpost.platform.streams.Emit;
import com.deskpost.platform.streams.StoreAccess;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fans accepted announcements out in slices. An announcement becomes a plan in a changelogged
 * store; a wall-clock punctuator examines the next {@code sliceSize} members of the directory for
 * the oldest unfinished plans and writes their drafts (to the bulk lane, so a large announcement
 * queues behind no booking or access mail downstream either) and DRAFTED audit events. The drafts
 * of a slice and the plan's advanced cursor commit in one exactly-once transaction, so a restart
 * resumes after the last member drafted, never twice (the draft id, derived from the announcement's
 * event id and the member, would be the same if it ever did). Between slices the stream thread
 * serves every other record: a 10,000-member announcement never holds it for long.
 *
 * <p>A newer version of an announcement replaces its plan and starts again from the first member;
 * an older or equal version (a replay) is ignored. A finished plan is kept for a grace, then forgotten
 * ({@link FinishedPlans}).
 */
final class FanOutScheduler implements Processor<String, CommunityEvent, String, Outgoing> {

    static final String PLANS_STORE = "community-fanouts";

    private static final Logger log = LoggerFactory.getLogger(FanOutScheduler.class);

    private final FanOut fanOut;
    private final AvroSerdes serdes;
    private final int sliceSize;
    private final Duration sliceInterval;
    private final Duration finishedGrace;
    private FinishedPlans finished;
    private ProcessorContext<String, Outgoing> context;
    private KeyValueStore<String, FanOutPlan> plans;
    private ReadOnlyKeyValueStore<String, ValueAndTimestamp<Member>> members;
    private Directory directory;
    private final ConsentTable consentTable;
    private ConsentLookup consent;
    private MailMetrics metrics;

    FanOutScheduler(FanOut fanOut, AvroSerdes serdes, ConsentTable consentTable, int sliceSize,
            Duration sliceInterval, Duration finishedGrace) {
        this.finishedGrace = finishedGrace;
        this.fanOut = fanOut;
        this.serdes = serdes;
        this.consentTable = consentTable;
        this.sliceSize = sliceSize;
        this.sliceInterval = sliceInterval;
    }

    @Override
    public void init(ProcessorContext<String, Outgoing> context) {
        this.context = context;
        this.metrics = MailMetrics.of(context);
        this.plans = context.getStateStore(PLANS_STORE);
        this.members = context.getStateStore(DirectoryTables.MEMBERS_STORE);
        StoreAccess stores = new StoreAccess() {
            @Override
            public <S> S store(String name) {
                return context.getStateStore(name);
            }
        };
        this.directory = DirectoryTables.view(stores);
        this.consent = consentTable.view(stores);
        fanOut.look(locations(context.getStateStore(DirectoryTables.LOCATIONS_STORE)));
        context.schedule(sliceInterval, PunctuationType.WALL_CLOCK_TIME, this::slice);
        this.finished = new FinishedPlans(plans, new DueIndex(context.getStateStore(FinishedPlans.DUE_STORE)),
                finishedGrace);
        context.schedule(FinishedPlans.CHECK_INTERVAL, PunctuationType.WALL_CLOCK_TIME,
                now -> finished.forgetDue(now).forEach(emit -> forward(emit, now)));
    }

    @Override
    public void process(Record<String, CommunityEvent> record) {
        CommunityEvent event = record.value();
        FanOutPlan next = FanOutPlan.start(event, context.currentSystemTimeMs());
        String id = next.announcement().getAnnouncementId();
        FanOutPlan known = plans.get(id);
        if (known != null && known.version() >= next.version()) {
            if (known.done()) {
                // The handler queued it before it saw the plan closed, and republished its version ACTIVE: close it again.
                forward(finished.closed(id, known), record.timestamp());
            }
            log.info("Announcement {} version {} already {} at version {}: ignored", id, next.version(),
                    known.done() ? "fanned out" : "fanning out", known.version());
            return;
        }
        if (known != null && !known.done()) {
            log.info("Announcement {} version {} replaces version {} after {} of its members", id, next.version(),
                    known.version(), known.examined());
        }
        plans.put(id, next);
    }

    private static List<Location> locations(ReadOnlyKeyValueStore<String, ValueAndTimestamp<Location>> store) {
        List<Location> all = new ArrayList<>();
        try (KeyValueIterator<String, ValueAndTimestamp<Location>> entries = store.all()) {
            entries.forEachRemaining(entry -> all.add(entry.value.value()));
        }
        return all;
    }

    /** One slice: at most {@code sliceSize} members examined, across the unfinished plans in id order. */
    private void slice(long now) {
        List<KeyValue<String, FanOutPlan>> open = new ArrayList<>();
        try (KeyValueIterator<String, FanOutPlan> all = plans.all()) {
            all.forEachRemaining(entry -> {
                if (!entry.value.done()) {
                    open.add(entry);
                }
            });
        }
        int budget = sliceSize;
        for (KeyValue<String, FanOutPlan> entry : open) {
            if (budget <= 0) {
                return;
            }
            FanOutPlan plan = entry.value;
            FanOut.Slice slice;
            // Member ids in byte order: the smallest id after the cursor is the cursor plus a NUL.
            try (KeyValueIterator<String, ValueAndTimestamp<Member>> after =
                    members.range(plan.after() == null ? null : plan.after() + "\u0000", null)) {
                slice = fanOut.next(plan, values(after), budget, directory::location, consent);
            }
            budget -= slice.plan().examined() - plan.examined();
            for (EmailDraft draft : slice.drafts()) {
                List<Emit<?>> drafted = DraftPublication.of(draft, AnnouncementDrafts.IDENTITY)
                        .detail("Announcement " + slice.plan().announcement().getAnnouncementId()
                                + ": member in its audience, consent allows it in " + draft.getLocationId())
                        .emits();
                for (Emit<?> emit : drafted) {
                    forward(emit, now);
                }
            }
            plans.put(entry.key, slice.plan());
            if (slice.plan().done()) {
                FanOutPlan done = slice.plan();
                forward(finished.finished(entry.key, done, now), now);
                log.info("Announcement {} version {} fanned out in {} ms: {} members examined, {} drafted, "
                                + "{} withheld by consent, {} failed", entry.key, done.version(),
                        now - done.startedAtMillis(), done.examined(), done.drafted(), done.withheld(), done.failed());
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

    private static Iterator<Member> values(KeyValueIterator<String, ValueAndTimestamp<Member>> entries) {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return entries.hasNext();
            }

            @Override
            public Member next() {
                return entries.next().value.value();
            }
        };
    }
}
