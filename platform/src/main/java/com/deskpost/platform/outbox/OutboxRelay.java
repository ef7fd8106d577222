package com.deskpost.platform.outbox;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
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
 * left open), then reads its progress: so a row is never published twice and never skipped, whatever
 * crashes. A second relay with the same transactional id fences the first, so two cannot interleave.
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
    private volatile KafkaProducer<String, byte[]> producer;
    private long relayedUpTo;

    public OutboxRelay(JdbcTemplate jdbc, KafkaProperties kafka, OutboxProperties settings) {
        this(jdbc, kafka, settings, new OutboxProgress(settings.progressTopic().name(), kafka.buildConsumerProperties()));
    }

    /** With its progress reader given, so a test can act at the moment the relay reads it. */
    OutboxRelay(JdbcTemplate jdbc, KafkaProperties kafka, OutboxProperties settings, OutboxProgress progress) {
        this.jdbc = jdbc;
        this.kafka = kafka;
        this.settings = settings;
        this.progress = progress;
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
    }

    /**
     * Publishes one batch of committed rows in one Kafka transaction; returns how many. Public for tests,
     * which drive the relay without its thread.
     */
    public synchronized int relay() {
        if (!running) {
            return 0;
        }
        if (producer == null) {
            connect();
        }
        List<Map<String, Object>> rows = jdbc.queryForList(
                "select seq, topic, record_key, payload from outbox where seq > ? order by seq limit ?",
                relayedUpTo, settings.batchSize());
        if (rows.isEmpty()) {
            return 0;
        }
        long last = ((Number) rows.get(rows.size() - 1).get("seq")).longValue();
        try {
            producer.beginTransaction();
            for (Map<String, Object> row : rows) {
                producer.send(new ProducerRecord<>((String) row.get("topic"), (String) row.get("record_key"),
                        (byte[]) row.get("payload")));
            }
            producer.send(progress.record(last));
            producer.commitTransaction();
        } catch (ProducerFencedException fenced) {
            log.error("Another outbox relay took over (transactional id {}); this one stops",
                    settings.transactionalId(), fenced);
            running = false;
            closeProducer();
            return 0;
        } catch (KafkaException | IllegalStateException e) {
            // The batch may or may not have committed: start over as after a restart (fence, read progress).
            log.warn("Outbox relay batch up to {} failed; it is retried", last, e);
            closeProducer();
            return 0;
        }
        relayedUpTo = last;
        // Rows at or below the committed progress are never read again; keep the table small.
        jdbc.update("delete from outbox where seq <= ?", last);
        return rows.size();
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

    private void connect() {
        KafkaProducer<String, byte[]> fresh = newProducer();
        try {
            // Fence first, then read: the other order lets a batch of the previous producer commit in between.
            fresh.initTransactions();
            relayedUpTo = progress.read();
        } catch (RuntimeException e) {
            fresh.close(Duration.ZERO);
            throw e;
        }
        producer = fresh;
        log.info("Outbox relay {} starts after sequence {}", settings.transactionalId(), relayedUpTo);
    }

    private KafkaProducer<String, byte[]> newProducer() {
        Map<String, Object> config = kafka.buildProducerProperties();
        config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, settings.transactionalId());
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        return new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
    }

    private void closeProducer() {
        if (producer != null) {
            producer.close(Duration.ZERO);
            producer = null;
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
        KafkaProducer<String, byte[]> last = producer;
        if (last != null) {
            last.close(Duration.ofSeconds(5));
        }
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
