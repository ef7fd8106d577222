package com.deskpost.mcp.inbound;

import com.deskpost.events.InboundEmail;
import com.deskpost.platform.erasure.ErasureSweep;
import com.deskpost.platform.erasure.ErasureSweep.Erasure;
import com.deskpost.platform.erasure.Erasures;
import com.deskpost.platform.pseudonym.Pseudonyms;
import com.deskpost.platform.streams.StoreAccess;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies mail.inbound into {@link ReceivedMail}, and deletes from it (tombstones) what the server may no longer
 * keep: mail from or to an erased person (GDPR art. 17) and mail received more than {@link #KEPT} ago. Mail naming
 * an erased address when it arrives is not copied. An erasure announced later is applied once (per
 * {@link ErasureSweep}) by the task of partition 0 alone: the table is global, so one task sees all of it, and one
 * writer of tombstones suffices. It waits {@link #SETTLE} after the erasure was made, so every copy written before
 * the erasure has reached the global table it scans.
 */
final class InboundKeeper implements Processor<String, InboundEmail, String, InboundEmail> {

    /** As long as mail.inbound keeps mail by default (the broker's 7 days): what the table held before it had a topic. */
    static final Duration KEPT = Duration.ofDays(7);
    static final Duration SETTLE = Duration.ofMinutes(1);
    static final Duration AGE_CHECK = Duration.ofHours(1);
    static final String APPLIED_STORE = "mcp-inbound-erasures-applied";

    private static final Logger log = LoggerFactory.getLogger(InboundKeeper.class);

    private final Pseudonyms pseudonyms;
    private final Duration sweepInterval;
    private ProcessorContext<String, InboundEmail> context;
    private Erasures erasures;
    private ErasureSweep sweep;
    private ReadOnlyKeyValueStore<String, ValueAndTimestamp<InboundEmail>> table;

    /** @param sweepInterval how often (wall clock) erasures not yet applied are looked for */
    InboundKeeper(Pseudonyms pseudonyms, Duration sweepInterval) {
        this.pseudonyms = pseudonyms;
        this.sweepInterval = sweepInterval;
    }

    @Override
    public void init(ProcessorContext<String, InboundEmail> context) {
        this.context = context;
        this.erasures = Erasures.view(new StoreAccess() {
            @Override
            public <S> S store(String name) {
                return context.getStateStore(name);
            }
        }, pseudonyms);
        this.sweep = new ErasureSweep(erasures, context.getStateStore(APPLIED_STORE));
        this.table = context.getStateStore(InboundMail.STORE);
        if (context.taskId().partition() == 0) {
            context.schedule(sweepInterval, PunctuationType.WALL_CLOCK_TIME, this::erase);
            context.schedule(AGE_CHECK, PunctuationType.WALL_CLOCK_TIME, this::forgetOld);
        }
    }

    @Override
    public void process(Record<String, InboundEmail> record) {
        InboundEmail mail = record.value();
        if (mail == null || names(mail, erasures::erased)) {
            log.info("Received mail {} not kept: {}", record.key(), mail == null ? "no content" : "it names an erased person");
            return;
        }
        context.forward(record);
    }

    private void erase(long now) {
        for (Erasure erasure : sweep.pending(now - SETTLE.toMillis())) {
            int removed = tombstone(mail -> names(mail, address -> erasures.names(erasure.pseudonym(), address)), now);
            sweep.applied(erasure);
            log.info("Erasure {} applied: {} received mail(s) deleted", erasure.pseudonym(), removed);
        }
    }

    private void forgetOld(long now) {
        long oldest = now - KEPT.toMillis();
        tombstone(mail -> mail.getReceivedAt().toEpochMilli() < oldest, now);
    }

    private int tombstone(Predicate<InboundEmail> gone, long now) {
        List<String> keys = new ArrayList<>();
        try (KeyValueIterator<String, ValueAndTimestamp<InboundEmail>> all = table.all()) {
            all.forEachRemaining(entry -> {
                if (entry.value != null && gone.test(entry.value.value())) {
                    keys.add(entry.key);
                }
            });
        }
        keys.forEach(key -> context.forward(new Record<>(key, (InboundEmail) null, now)));
        return keys.size();
    }

    private static boolean names(InboundEmail mail, Predicate<String> person) {
        return person.test(mail.getFromAddress()) || mail.getTo().stream().anyMatch(person);
    }
}
