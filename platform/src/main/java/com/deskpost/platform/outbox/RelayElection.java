package com.deskpost.platform.outbox;

import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One relay per service at a time: the instance holding the {@link RelayLock} leads, every other stands
 * by. Every takeover interval a standby tries to take the lock, and the leader checks it still has it;
 * the moment that check fails it is told ({@code lost}) and stops relaying, whoever takes over next.
 * Fencing a leader that lost its lock without noticing yet is Kafka's part: the next leader's
 * {@code initTransactions} makes the old one's batch fail.
 */
final class RelayElection {

    private static final Logger log = LoggerFactory.getLogger(RelayElection.class);

    private final RelayLock lock;
    private final Duration interval;
    private final Runnable elected;
    private final Runnable lost;
    private volatile ScheduledExecutorService thread;
    private boolean unreachableLogged;

    /**
     * @param elected run on the election's thread when this instance has just taken the lock
     * @param lost run on the election's thread when the lock turned out to be gone
     */
    RelayElection(RelayLock lock, Duration interval, Runnable elected, Runnable lost) {
        this.lock = lock;
        this.interval = interval;
        this.elected = elected;
        this.lost = lost;
    }

    /** Tries once at once, so a lone instance relays from its start, then every interval. */
    synchronized void start() {
        thread = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread election = new Thread(task, "outbox-relay-election");
            election.setDaemon(true);
            return election;
        });
        tick();
        thread.scheduleWithFixedDelay(this::tick, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    boolean leader() {
        return lock.held();
    }

    long term() {
        return lock.term();
    }

    /** Gives up the lead (the relay was fenced): a standby again, it competes at the next tick like any other. */
    void standDown() {
        lock.release();
    }

    synchronized void stop() {
        ScheduledExecutorService election = thread;
        thread = null;
        if (election != null) {
            election.shutdownNow();
        }
        lock.release();
    }

    private void tick() {
        try {
            if (lock.held()) {
                if (!lock.verify(interval)) {
                    log.warn("Outbox relay lost its lock (its database connection failed); standing by");
                    lost.run();
                }
            } else if (lock.tryAcquire()) {
                log.info("Outbox relay elected: this instance relays");
                elected.run();
            }
            unreachableLogged = false;
        } catch (SQLException | RuntimeException e) {
            // Standing by while PostgreSQL is away; logged once per outage, not once a second.
            if (!unreachableLogged) {
                log.warn("Outbox relay election cannot reach PostgreSQL; standing by and retrying every {}", interval, e);
                unreachableLogged = true;
            }
        }
    }
}
