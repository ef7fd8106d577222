package com.deskpost.billing.composer;

import com.deskpost.billing.subscription.SubscriptionState;
import com.deskpost.events.EntityStatus;
import com.deskpost.events.EntityVersion;
import com.deskpost.platform.freshness.EntityVersionTable;
import com.deskpost.platform.streams.DueIndex;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.LongSupplier;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Each subscription's billing state, kept while the subscription can still be billed and forgotten once it is
 * over: {@code grace} after its membership ended (the day after {@code cancelled_on}, or when the cancellation was
 * processed if that is later). A cancelled subscription's last version is on mail.entity-versions under
 * {@code subscription:<id>} ({@link BillingComposer#subscriptionKey}); that topic is never tombstoned, so an event of
 * a forgotten subscription no newer than that version (a late one, a replay, a redriven dead letter) is ignored
 * instead of being taken for a new subscription's — no second receipt, no renewal reminder after the end. A newer
 * event counts, as the first of a subscription.
 */
public final class Subscriptions {

    /** When each cancelled subscription is forgotten, by due time ({@link DueIndex}). */
    public static final String DUE_STORE = "billing-subscriptions-due";
    /** How often over subscriptions are looked for; the index makes each look read only what is due. */
    static final Duration CHECK_INTERVAL = Duration.ofMinutes(1);
    private static final int MAX_PER_CHECK = 1_000;
    private static final Logger log = LoggerFactory.getLogger(Subscriptions.class);

    private final KeyValueStore<String, SubscriptionState> states;
    private final DueIndex due;
    private final ReadOnlyKeyValueStore<String, ValueAndTimestamp<EntityVersion>> versions;
    private final Duration grace;
    private final LongSupplier clock;

    public Subscriptions(KeyValueStore<String, SubscriptionState> states, DueIndex due,
            ReadOnlyKeyValueStore<String, ValueAndTimestamp<EntityVersion>> versions, Duration grace, LongSupplier clock) {
        this.states = states;
        this.due = due;
        this.versions = versions;
        this.grace = grace;
        this.clock = clock;
    }

    SubscriptionState get(String subscriptionId) {
        return states.get(subscriptionId);
    }

    /** Whether the subscription was cancelled and forgotten at a version at least {@code version}. */
    boolean forgotten(String subscriptionId, long version) {
        return EntityVersionTable.latest(BillingComposer.subscriptionKey(subscriptionId), versions)
                .filter(last -> last.getStatus() == EntityStatus.CANCELLED && last.getVersion() >= version)
                .isPresent();
    }

    /** Stores the subscription's next state and, when its cancellation is new or changed, when it is over. */
    void put(String subscriptionId, SubscriptionState known, SubscriptionState next) {
        due.fillOnce(() -> scheduleAll(clock.getAsLong()));
        states.put(subscriptionId, next);
        if (next.cancelledOn() != null && (known == null || !next.cancelledOn().equals(known.cancelledOn()))) {
            schedule(subscriptionId, next.cancelledOn(), clock.getAsLong());
        }
    }

    /** Forgets the subscriptions whose time has come. */
    void forgetDue(long now) {
        due.fillOnce(() -> scheduleAll(now));
        for (DueIndex.Due entry : due.takeDue(now, MAX_PER_CHECK)) {
            SubscriptionState state = states.get(entry.entityKey());
            if (state == null || !Objects.equals(String.valueOf(state.cancelledOn()), entry.token())) {
                continue; // cancelled again with another end, or gone already
            }
            states.delete(entry.entityKey());
            log.info("Subscription {} ended on {}: its billing state is forgotten at version {}", entry.entityKey(),
                    state.cancelledOn(), state.lastVersion());
        }
    }

    private void schedule(String subscriptionId, LocalDate cancelledOn, long now) {
        long ended = cancelledOn.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
        due.schedule(subscriptionId, Math.max(ended, now) + grace.toMillis(), cancelledOn.toString());
    }

    /** Cancelled subscriptions stored before this index existed: scheduled once, as if just cancelled. */
    private void scheduleAll(long now) {
        List<KeyValue<String, SubscriptionState>> cancelled = new ArrayList<>();
        try (KeyValueIterator<String, SubscriptionState> entries = states.all()) {
            entries.forEachRemaining(entry -> {
                if (entry.value.cancelledOn() != null) {
                    cancelled.add(entry);
                }
            });
        }
        cancelled.forEach(entry -> schedule(entry.key, entry.value.cancelledOn(), now));
    }
}
