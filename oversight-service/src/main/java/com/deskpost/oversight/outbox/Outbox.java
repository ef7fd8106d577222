package com.deskpost.oversight.outbox;

import com.deskpost.events.AuditEvent;
import com.deskpost.platform.observability.MailMetrics;
import com.deskpost.platform.serde.AvroSerdes;
import com.deskpost.platform.topic.Topic;
import org.apache.avro.specific.SpecificRecord;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The transactional outbox: a record written here commits or rolls back with the decision that
 * caused it, and {@link OutboxRelay} moves it to Kafka. Writers take one advisory lock for their
 * transaction, so outbox sequence numbers commit in order and the relay can never pass over a
 * row that commits late.
 */
@Component
public class Outbox {

    // Any fixed number, the same for every writer of the outbox.
    private static final long ORDER_LOCK = 0x6f7574626f78L;

    private final JdbcTemplate jdbc;
    private final AvroSerdes serdes;
    private final MailMetrics metrics;

    public Outbox(JdbcTemplate jdbc, AvroSerdes serdes) {
        this(jdbc, serdes, MailMetrics.none());
    }

    @Autowired
    public Outbox(JdbcTemplate jdbc, AvroSerdes serdes, MailMetrics metrics) {
        this.jdbc = jdbc;
        this.serdes = serdes;
        this.metrics = metrics;
    }

    /** Must run inside a transaction. */
    public <V extends SpecificRecord> void add(Topic<V> topic, String key, V value) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("Outbox writes belong inside the transaction of the change that causes them");
        }
        jdbc.queryForObject("select pg_advisory_xact_lock(?)", Object.class, ORDER_LOCK);
        jdbc.update("insert into outbox (topic, record_key, payload) values (?, ?, ?)", topic.name(), key,
                serdes.serialize(topic, value));
        if (value instanceof AuditEvent audit) {
            // A transition happened when its transaction commits, not before.
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    metrics.transition(audit);
                }
            });
        }
    }
}
