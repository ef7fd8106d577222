package com.deskpost.oversight.testdata;

import com.deskpost.events.EmailDraft;
import com.deskpost.events.OversightMode;
import com.deskpost.platform.outbox.Outbox;
import com.deskpost.oversight.queue.HoldQueue;
import com.deskpost.oversight.queue.Resolutions;
import com.deskpost.platform.attestation.ReleaseAttestation;
import com.deskpost.platform.serde.AvroSerdes;
import com.deskpost.platform.topic.Topic;
import com.deskpost.platform.topic.Topics;
import com.deskpost.testsupport.Postgres;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/** A fresh, migrated oversight database with the queue, outbox and resolutions over it. */
public final class OversightDatabase {

    /** What oversight attests its releases with in these tests. */
    public static final ReleaseAttestation ATTESTATION =
            new ReleaseAttestation("oversight-test-attestation-secret", List.of());

    public final JdbcTemplate jdbc;
    public final TransactionTemplate tx;
    public final HoldQueue queue;
    public final Resolutions resolutions;
    private final AvroSerdes serdes;
    private final Postgres.Database db;

    public OversightDatabase(AvroSerdes serdes) {
        this(serdes, Postgres.shared().createDatabase("oversight"));
        Flyway.configure().dataSource(jdbc.getDataSource()).locations("classpath:db/migration/oversight").load().migrate();
    }

    private OversightDatabase(AvroSerdes serdes, Postgres.Database db) {
        this.serdes = serdes;
        this.db = db;
        DriverManagerDataSource dataSource = new DriverManagerDataSource(db.jdbcUrl(), db.username(), db.password());
        jdbc = new JdbcTemplate(dataSource);
        tx = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        queue = new HoldQueue(jdbc);
        resolutions = new Resolutions(new Outbox(jdbc, serdes), serdes, ATTESTATION);
    }

    /** A second replica of the service on the same database: its own connections, queue and outbox. */
    public OversightDatabase replica() {
        return new OversightDatabase(serdes, db);
    }

    /** Holds the draft as the intake would, held two hours ago. */
    public EmailDraft hold(EmailDraft draft, OversightMode mode, Instant expiresAt) {
        queue.hold(draft, serdes.serialize(Topics.MAIL_DRAFTS, draft), mode, "policy says " + mode,
                Instant.now().minus(2, ChronoUnit.HOURS), expiresAt);
        return draft;
    }

    /** The records waiting in the outbox for one topic, decoded, oldest first. */
    public <V extends SpecificRecord> List<V> outbox(Topic<V> topic) {
        return jdbc.queryForList("select payload from outbox where topic = ? order by seq", byte[].class, topic.name())
                .stream().map(bytes -> serdes.deserialize(topic, bytes)).toList();
    }

    /**
     * Every column of a held draft's row as text, bytea decoded byte for byte (escape), joined by " | ": what a
     * search of the row for a credential value must not find.
     */
    public String rowText(String draftId) {
        List<String> columns = jdbc.queryForList("""
                select case when data_type = 'bytea' then 'encode(' || quote_ident(column_name) || ', ''escape'')'
                            else quote_ident(column_name) || '::text' end
                  from information_schema.columns
                 where table_schema = current_schema() and table_name = 'held_drafts' order by ordinal_position
                """, String.class);
        return jdbc.queryForObject("select concat_ws(' | ', " + String.join(", ", columns)
                + ") from held_drafts where draft_id = ?", String.class, draftId);
    }

    /** The draft bytes a held draft's row keeps. */
    public byte[] draftBytes(String draftId) {
        return jdbc.queryForObject("select draft from held_drafts where draft_id = ?", byte[].class, draftId);
    }

    public List<String> auditTypes() {
        return outbox(Topics.MAIL_AUDIT).stream().map(event -> event.getType().name()).toList();
    }
}
