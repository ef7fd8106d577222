package com.deskpost.platform.outbox;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Moves outbox rows to Kafka exactly once. Each batch of rows and the sequence number of the last
 * one are written in one Kafka transaction, the sequence number to the service's compacted progress
 * topic ({@link OutboxProgress}). On start, and after any failure, the relay first fences every
 * earlier producer with its transactional id ({@code initTransactions}, which also settles a batch
 * left open), then reads its progress ({@link RelaySession}): so a row is never published twice and
 * never skipped, whatever crashes. A second relay with the same transactional id fences the first.
 *
 * <p>Every instance of a service runs one, but only the elected one relays ({@link RelayElection}): it
 * connects (fences, reads its progress) when elected, closes its producer the moment its lock is lost,
 * and a relay fenced by a newer holder stands by again; it never stops for good. A standby holds no
 * transactional producer, so it fences no one.
 *
 * <p>It relays when a transaction that wrote the outbox commits ({@link #wake}), so a record leaves
 * as soon as it exists, and every poll interval for rows another instance wrote or a failure left.
 */
public class OutboxRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    private final JdbcTemplate jdbc;
    private final KafkaProperties kafka;
    private final OutboxProperties settings;
    private final OutboxProgress progress;
    // Wakes that arrive while one is queued add nothing: the queued run reads every committed row.
    private final AtomicBoolean wakeQueued = new AtomicBoolean();
    private volatile ScheduledExecutorService thread;
    private volatile boolean running;
    private final RelayElection election;
    private volatile RelaySession session;

    /** @param lockConnections where the election's lock takes its connection: not a pool's ({@link RelayLock}) */
    public OutboxRelay(JdbcTemplate jdbc, DataSource lockConnections, KafkaProperties kafka, OutboxProperties settings) {
        this(jdbc, lockConnections, kafka, settings,
                new OutboxProgress(settings.progressTopic().name(), kafka.buildConsumerProperties()));
    }

    /** With its progress reader given, so a test can act at the moment the relay reads it. */
    OutboxRelay(JdbcTemplate jdbc, DataSource lockConnections, KafkaProperties kafka, OutboxProperties settings,
            OutboxProgress progress) {
        this.jdbc = jdbc;
        this.kafka = kafka;
        this.settings = settings;
        this.progress = progress;
        this.election = new RelayElection(new RelayLock(lockConnections, settings.transactionalId(),
                settings.holderTimeout()), settings.takeoverInterval(), this::wake, this::lockLost);
    }

    /** Whether this instance is the elected relay of its service (the others stand by). */
    public boolean leader() {
        return election.leader();
    }

    /**
     * Relays what is committed, on the relay's thread after the linger, without making the caller wait: the
     * commits of that moment go out together.
     */
    public void wake() {
        ScheduledExecutorService relayThread = thread;
        if (relayThread != null && wakeQueued.compareAndSet(false, true)) {
            try {
                relayThread.schedule(() -> {
                    wakeQueued.set(false);
                    relayPending();
                }, settings.linger().toNanos(), TimeUnit.NANOSECONDS);
            } catch (RejectedExecutionException stopping) {
                // The relay is stopping: the rows stay in the outbox for the next start.
                wakeQueued.set(false);
            }
        }
    }

    @Override
    public synchronized void start() {
        running = true;
        thread = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread relay = new Thread(task, "outbox-relay");
            relay.setDaemon(true);
            return relay;
        });
        long poll = settings.pollInterval().toMillis();
        thread.scheduleWithFixedDelay(this::relayPending, 0, poll, TimeUnit.MILLISECONDS);
        election.start();
    }

    /**
     * Publishes one batch of committed rows in one Kafka transaction; returns how many. Public for tests,
     * which drive the relay without its thread.
     */
    public synchronized int relay() {
        if (!running) {
            return 0;
        }
        RelaySession current = session;
        if (current != null && (!election.leader() || current.term() != election.term())) {
            // A lock lost, or lost and taken again: the producer of that term is done.
            closeSession();
            current = null;
        }
        if (!election.leader()) {
            return 0;
        }
        if (current == null) {
            current = RelaySession.open(kafka, settings.transactionalId(), progress, election.term());
            session = current;
            if (!election.leader()) {
                // Lost while connecting: the election's thread could not close a session not yet in place.
                closeSession();
                return 0;
            }
            log.info("Outbox relay {} starts after sequence {}", settings.transactionalId(), current.relayedUpTo());
        }
        List<Map<String, Object>> rows = jdbc.queryForList(
                "select seq, topic, record_key, payload from outbox where seq > ? order by seq limit ?",
                current.relayedUpTo(), settings.batchSize());
        if (rows.isEmpty()) {
            return 0;
        }
        long last = ((Number) rows.get(rows.size() - 1).get("seq")).longValue();
        try {
            current.publish(rows, last);
        } catch (KafkaException | IllegalStateException e) {
            if (fenced(e)) {
                log.warn("Another outbox relay took over (transactional id {}); this one stands by",
                        settings.transactionalId(), e);
                closeSession();
                election.standDown();
                return 0;
            }
            // The batch may or may not have committed: start over as after a restart (fence, read progress).
            log.warn("Outbox relay batch up to {} failed; it is retried", last, e);
            closeSession();
            return 0;
        }
        // Rows at or below the committed progress are never read again; keep the table small.
        jdbc.update("delete from outbox where seq <= ?", last);
        return rows.size();
    }

    // A fenced producer may also fail with an error state whose cause is the fencing.
    private static boolean fenced(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof ProducerFencedException || cause instanceof InvalidProducerEpochException) {
                return true;
            }
        }
        return false;
    }

    private void relayPending() {
        try {
            while (relay() == settings.batchSize()) {
                // A full batch: more may be waiting.
            }
        } catch (RuntimeException e) {
            // The database or the broker is away: the rows stay in the outbox and the next poll retries.
            log.warn("Outbox relay could not run; retrying in {}", settings.pollInterval(), e);
        }
    }

    /** From the election's thread, the moment the lock is found lost: a batch under way fails rather than finishing. */
    private void lockLost() {
        RelaySession current = session;
        if (current != null) {
            current.close(Duration.ZERO);
        }
    }

    private void closeSession() {
        RelaySession current = session;
        session = null;
        if (current != null) {
            current.close(Duration.ZERO);
        }
    }

    /** Not synchronized: a batch stuck on an unreachable database or broker must not hold up shutdown. */
    @Override
    public void stop() {
        running = false;
        ScheduledExecutorService relayThread = thread;
        thread = null;
        if (relayThread != null) {
            relayThread.shutdownNow();
        }
        RelaySession last = session;
        if (last != null) {
            last.close(Duration.ofSeconds(5));
        }
        // Last: a standby takes over only once this one's producer has finished or given up its batch.
        election.stop();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** After KafkaAdmin has created the progress topic. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 100;
    }
}
