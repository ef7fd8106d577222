package com.deskpost.delivery.contacts;

import com.deskpost.events.ConsentAction;
import com.deskpost.events.ConsentChange;
import com.deskpost.platform.consent.ConsentTag;
import com.deskpost.platform.outbox.Outbox;
import com.deskpost.platform.pseudonym.Pseudonyms;
import com.deskpost.platform.topic.Topics;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Upgrade from the consent outbox of earlier versions (table consent_outbox, relayed at least once):
 * changes it still holds are moved, in one transaction, into the platform outbox, which publishes
 * them on mail.consent; none is lost and none is left behind. Runs at start-up and, until it has
 * succeeded once (the registry may be away), every 30 seconds; an empty table costs one query.
 * A later migration drops consent_outbox.
 */
@Component
class ConsentOutboxDrain implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ConsentOutboxDrain.class);
    private static final long RETRY_SECONDS = 30;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final Outbox outbox;
    private final Pseudonyms pseudonyms;
    private volatile ScheduledExecutorService thread;

    ConsentOutboxDrain(JdbcTemplate jdbc, TransactionTemplate transactions, Outbox outbox, Pseudonyms pseudonyms) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.outbox = outbox;
        this.pseudonyms = pseudonyms;
    }

    /** Moves every pending legacy change into the outbox; returns how many. */
    int drain() {
        Integer moved = transactions.execute(status -> {
            List<ConsentChange> pending = jdbc.query("""
                    select email, tag, action, source, source_ref, changed_at from consent_outbox
                     order by id for update""", (rs, n) -> legacyErasureUnderPseudonym(ConsentChange.newBuilder()
                    .setEmail(rs.getString("email"))
                    .setTag(rs.getString("tag"))
                    .setAction(ConsentAction.valueOf(rs.getString("action")))
                    .setSource(rs.getString("source"))
                    .setSourceRef(rs.getString("source_ref"))
                    .setChangedAt(rs.getObject("changed_at", OffsetDateTime.class).toInstant())
                    .build()));
            for (ConsentChange change : pending) {
                outbox.add(Topics.MAIL_CONSENT, change.getEmail(), change);
            }
            jdbc.update("delete from consent_outbox");
            return pending.size();
        });
        return moved == null ? 0 : moved;
    }

    /** An erasure staged in clear before keyed pseudonyms still leaves only under its pseudonym. */
    private ConsentChange legacyErasureUnderPseudonym(ConsentChange change) {
        if (ConsentTag.ERASED.equals(change.getTag()) && !Pseudonyms.isPseudonym(change.getEmail())) {
            return ConsentChange.newBuilder(change).setEmail(pseudonyms.of(change.getEmail())).build();
        }
        return change;
    }

    private void drainOnce() {
        try {
            int moved = drain();
            if (moved > 0) {
                log.info("Moved {} consent changes left in consent_outbox into the outbox", moved);
            }
            ScheduledExecutorService done = thread;
            if (done != null) {
                done.shutdown(); // Succeeded once: nothing will be written to consent_outbox again.
            }
        } catch (RuntimeException e) {
            log.warn("Consent changes left in consent_outbox not yet moved, retrying in {} s", RETRY_SECONDS, e);
        }
    }

    @Override
    public synchronized void start() {
        thread = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread drain = new Thread(task, "consent-outbox-drain");
            drain.setDaemon(true);
            return drain;
        });
        thread.scheduleWithFixedDelay(this::drainOnce, 0, RETRY_SECONDS, TimeUnit.SECONDS);
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
}
