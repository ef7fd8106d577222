package com.deskpost.billing.composer;

import com.deskpost.billing.subscription.SubscriptionState;
import com.deskpost.events.BillingEvent;
import com.deskpost.events.EmailDraft;
import com.deskpost.events.EntityVersion;
import com.deskpost.platform.directory.Directory;
import com.deskpost.platform.publish.DraftPublication;
import com.deskpost.platform.streams.Emit;
import com.deskpost.platform.streams.EventHandler;
import com.deskpost.platform.streams.Housekeeping;
import com.deskpost.platform.streams.RejectedEvent;
import com.deskpost.platform.topic.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Adapter from the stream to {@link BillingComposer}: reads the subscription's state, composes,
 * and only then stores the next state, so a rejected event leaves the state untouched. The state
 * write, the versions, drafts (on their category's lane) and DRAFTED audit events, and the consumed
 * offset commit in one exactly-once transaction. On wall-clock time it forgets the subscriptions that are over
 * ({@link Subscriptions}), in the same kind of transaction; an event of a forgotten subscription no newer than
 * its last version is ignored.
 */
public final class BillingEventHandler implements EventHandler<BillingEvent>, Housekeeping {

    private static final Logger log = LoggerFactory.getLogger(BillingEventHandler.class);

    private final BillingComposer composer;
    private final Directory directory;
    private final Subscriptions subscriptions;

    public BillingEventHandler(BillingComposer composer, Directory directory, Subscriptions subscriptions) {
        this.composer = composer;
        this.directory = directory;
        this.subscriptions = subscriptions;
    }

    @Override
    public List<Emit<?>> handle(String key, BillingEvent event) {
        // The store is partitioned by record key: a record keyed otherwise would read another subscription's state.
        if (!event.getSubscriptionId().equals(key)) {
            throw new RejectedEvent("Record key " + key + " is not the subscription id " + event.getSubscriptionId()
                    + ": facility.billing must be keyed by subscription id");
        }
        SubscriptionState known = subscriptions.get(key);
        if (known == null && subscriptions.forgotten(key, event.getHeader().getEntityVersion())) {
            // Logged, not dead-lettered: the event is valid, only late; its mail went out while the state was kept.
            log.info("Billing event {} (version {}) of subscription {}, which was cancelled and is forgotten: ignored",
                    event.getHeader().getEventId(), event.getHeader().getEntityVersion(), key);
            return List.of();
        }
        BillingComposer.Composition composition = composer.compose(event, known, directory);
        subscriptions.put(key, known, composition.state());
        List<Emit<?>> out = new ArrayList<>();
        for (EntityVersion version : composition.versions()) {
            out.add(Emit.to(Topics.MAIL_ENTITY_VERSIONS, version.getSupersedeKey(), version));
        }
        for (EmailDraft draft : composition.drafts()) {
            out.addAll(DraftPublication.of(draft, BillingComposer.IDENTITY)
                    .detail("Composed " + draft.getTemplate() + " for subscription " + event.getSubscriptionId())
                    .emits());
        }
        return out;
    }

    @Override
    public Duration housekeepingInterval() {
        return Subscriptions.CHECK_INTERVAL;
    }

    @Override
    public List<Emit<?>> housekeep(long nowMillis) {
        subscriptions.forgetDue(nowMillis);
        return List.of();
    }
}
