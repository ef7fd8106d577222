package com.deskpost.delivery.contacts;

import com.deskpost.events.ConsentChange;
import com.deskpost.platform.consent.ConsentTag;
import com.deskpost.platform.publish.TopicPublisher;
import com.deskpost.platform.pseudonym.Pseudonyms;
import com.deskpost.platform.topic.Topics;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Publishes the consent outbox to mail.consent: at once when a change is recorded ({@link #kick}),
 * and every few seconds for whatever a broker outage left behind. It runs on its own thread, so
 * an unsubscribe or an API call is answered when the change is committed, not when the broker
 * answers. A change can go out twice (published, then the delete not committed); consumers apply
 * changes last-writer-wins by their timestamp, so a repeat changes nothing.
 */
@Component
class ConsentRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ConsentRelay.class);
    private static final long RETRY_SECONDS = 5;
    private static final int BATCH = 100;

    private final ConsentOutbox outbox;
    private final TopicPublisher publisher;
    private final TransactionTemplate transactions;
    private final Pseudonyms pseudonyms;
    private ScheduledExecutorService thread;

    ConsentRelay(ConsentOutbox outbox, TopicPublisher publisher, TransactionTemplate transactions,
            Pseudonyms pseudonyms) {
        this.outbox = outbox;
        this.publisher = publisher;
        this.transactions = transactions;
        this.pseudonyms = pseudonyms;
    }

    /** Publishes what is pending now, without making the caller wait. */
    void kick() {
        ScheduledExecutorService running = thread;
        if (running != null) {
            running.execute(this::relay);
        }
    }

    @Override
    public synchronized void start() {
        thread = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread relay = new Thread(task, "consent-relay");
            relay.setDaemon(true);
            return relay;
        });
        thread.scheduleWithFixedDelay(this::relay, RETRY_SECONDS, RETRY_SECONDS, TimeUnit.SECONDS);
    }

    @Override
    public synchronized void stop() {
        if (thread != null) {
            thread.shutdownNow();
            thread = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return thread != null;
    }

    private void relay() {
        try {
            Integer published;
            do {
                published = transactions.execute(status -> publishBatch());
            } while (published != null && published == BATCH);
        } catch (RuntimeException e) {
            // Left in the outbox; the next run retries.
            log.warn("Consent changes not yet published on {}, retrying in {} s: {}", Topics.MAIL_CONSENT.name(),
                    RETRY_SECONDS, e.getMessage(), e);
        }
    }

    private int publishBatch() {
        List<ConsentOutbox.Pending> pending = outbox.lockOldest(BATCH);
        for (ConsentOutbox.Pending row : pending) {
            ConsentChange change = row.change();
            // Legacy: an erasure staged in clear before keyed pseudonyms still leaves only under its pseudonym.
            if (ConsentTag.ERASED.equals(change.getTag()) && !Pseudonyms.isPseudonym(change.getEmail())) {
                change = ConsentChange.newBuilder(change).setEmail(pseudonyms.of(change.getEmail())).build();
            }
            publisher.publish(Topics.MAIL_CONSENT, change.getEmail(), change);
            outbox.remove(row.id());
        }
        return pending.size();
    }
}
