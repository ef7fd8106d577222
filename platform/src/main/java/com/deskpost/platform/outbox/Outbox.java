package com.deskpost.platform.outbox;

import com.deskpost.events.AuditEvent;
import com.deskpost.platform.observability.MailMetrics;
import com.deskpost.platform.serde.AvroSerdes;
import com.deskpost.platform.topic.Topic;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.apache.avro.specific.SpecificRecord;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The transactional outbox: a record written here commits or rolls back with the change that caused
 * it (a decision, a sent mail's ledger row, a consent change), and {@link OutboxRelay} moves it to
 * Kafka exactly once. Writers take one advisory lock for the rest of their transaction, so outbox
 * sequence numbers commit in order and the relay can never pass over a row that commits late. Take
 * it last in the transaction: it serialises the writers' commits, nothing else.
 *
 * <p>Each service has its own {@code outbox} table, created by its own migration:
 * {@code seq bigserial primary key, topic text, record_key text, payload bytea, created_at timestamptz}.
 */
public class Outbox {

    private static final String INSERT = "insert into outbox (topic, record_key, payload) values (?, ?, ?)";
    // Any fixed number, the same for every writer of the outbox.
    private static final long ORDER_LOCK = 0x6f7574626f78L;

    private final JdbcTemplate jdbc;
    private final AvroSerdes serdes;
    private final MailMetrics metrics;
    private final Runnable committed;

    /** An outbox whose rows wait for the relay's next poll (tests that read the table). */
    public Outbox(JdbcTemplate jdbc, AvroSerdes serdes) {
        this(jdbc, serdes, MailMetrics.none(), () -> { });
    }

    /** @param committed run after each transaction that added rows commits: wakes the relay */
    public Outbox(JdbcTemplate jdbc, AvroSerdes serdes, MailMetrics metrics, Runnable committed) {
        this.jdbc = jdbc;
        this.serdes = serdes;
        this.metrics = metrics;
        this.committed = committed;
    }

    /** Must run inside the caller's database transaction. */
    public <V extends SpecificRecord> void add(Topic<V> topic, String key, V value) {
        Added added = joinTransaction();
        insert(added, topic, key, serdes.serialize(topic, value));
        if (value instanceof AuditEvent audit) {
            added.audits.add(audit);
        }
    }

    /**
     * Several records in one go, in this order (a replayed poll's audit events): the first takes the order lock as
     * {@link #add} does, the rest go as one JDBC batch, so the whole list costs two round trips, not one per record.
     * Must run inside the caller's database transaction.
     */
    public <V extends SpecificRecord> void addAll(Topic<V> topic, List<V> values, Function<V, String> key) {
        if (values.isEmpty()) {
            return;
        }
        Added added = joinTransaction();
        insert(added, topic, key.apply(values.get(0)), serdes.serialize(topic, values.get(0)));
        List<Object[]> rest = new ArrayList<>(values.size() - 1);
        for (V value : values.subList(1, values.size())) {
            rest.add(new Object[] {topic.name(), key.apply(value), serdes.serialize(topic, value)});
        }
        if (!rest.isEmpty()) {
            jdbc.batchUpdate(INSERT, rest);
        }
        for (V value : values) {
            if (value instanceof AuditEvent audit) {
                added.audits.add(audit);
            }
        }
    }

    /**
     * A tombstone for {@code key} on a compacted topic (its value removed), e.g. a template override rolled back to
     * the built-in. The service's outbox table must allow a null payload (oversight's does since its V11).
     */
    public void remove(Topic<?> topic, String key) {
        insert(joinTransaction(), topic, key, null);
    }

    /**
     * The transaction's first row takes the order lock in its own statement, before its sequence number is drawn
     * (one round trip, not two); the lock is held until the transaction ends, so later rows need not take it.
     */
    private void insert(Added added, Topic<?> topic, String key, byte[] payload) {
        if (added.locked) {
            jdbc.update(INSERT, topic.name(), key, payload);
        } else {
            jdbc.update("""
                    with ordered as (select pg_advisory_xact_lock(?))
                    insert into outbox (topic, record_key, payload) select ?, ?, ?::bytea from ordered""",
                    ORDER_LOCK, topic.name(), key, payload);
            added.locked = true;
        }
    }

    private Added joinTransaction() {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("Outbox writes belong inside the transaction of the change that causes them");
        }
        Added added = addedInThisTransaction();
        if (added == null) {
            // Once per transaction: one wake covers all its rows.
            added = new Added();
            TransactionSynchronizationManager.registerSynchronization(added);
        }
        return added;
    }

    // Synchronizations, unlike resources, are suspended with their transaction: a nested new one starts afresh.
    private Added addedInThisTransaction() {
        for (TransactionSynchronization synchronization : TransactionSynchronizationManager.getSynchronizations()) {
            if (synchronization instanceof Added added && added.outbox() == this) {
                return added;
            }
        }
        return null;
    }

    /** The rows one transaction added: a transition happened when it commits, not before; only then may the relay see them. */
    private final class Added implements TransactionSynchronization {

        private final List<AuditEvent> audits = new ArrayList<>();
        private boolean locked;

        @Override
        public void afterCommit() {
            audits.forEach(metrics::transition);
            committed.run();
        }

        private Outbox outbox() {
            return Outbox.this;
        }
    }
}
