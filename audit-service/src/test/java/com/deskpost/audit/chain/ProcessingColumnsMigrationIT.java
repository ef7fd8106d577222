package com.deskpost.audit.chain;

import static com.deskpost.audit.testdata.AuditEventBuilder.anAuditEvent;
import static org.assertj.core.api.Assertions.assertThat;

import com.deskpost.audit.query.AuditChain;
import com.deskpost.audit.query.ChainVerification;
import com.deskpost.audit.store.AuditLog;
import com.deskpost.audit.testdata.AuditDatabase;
import com.deskpost.events.AuditEvent;
import com.deskpost.testsupport.Postgres;
import java.sql.Timestamp;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Rows of a partition chain stored before records of processing keep no activity, basis or purpose and their hash
 * format (2); rows appended after the migration carry them in format 3, linked to the old rows; the chain verifies
 * across both, and the processing columns can be neither rewritten nor added nor removed unnoticed.
 */
class ProcessingColumnsMigrationIT {

    private static final String CHAIN = "mail.audit-0";

    private JdbcTemplate jdbc;
    private AuditDatabase database;

    @BeforeEach
    void twoRowsStoredBeforeRecordsOfProcessing() {
        Postgres.Database created = Postgres.shared().createDatabase("audit_processing");
        Flyway flyway = Flyway.configure().dataSource(created.jdbcUrl(), created.username(), created.password())
                .locations("classpath:db/migration/audit").target("3").load();
        flyway.migrate();
        database = new AuditDatabase(
                new DriverManagerDataSource(created.jdbcUrl(), created.username(), created.password()));
        jdbc = database.jdbc();
        String prev = ChainHash.GENESIS;
        for (int n = 1; n <= 2; n++) {
            prev = storeInFormatTwo(anAuditEvent(n).build(), n, prev);
        }
        Flyway.configure().configuration(flyway.getConfiguration()).target("latest").load().migrate();
    }

    @Test
    void newRowsCarryTheirProcessingAndTheChainVerifiesAcrossBothFormats() {
        // When two more events are stored after the migration
        AuditLog log = database.auditLog();
        log.append(anAuditEvent(3).setAttributes(Map.of("event_type", "keycard_revoked", "category", "SECURITY"))
                .build(), 0);
        log.append(anAuditEvent(4).build(), 0);

        // Then the old rows have no processing columns, the new ones theirs, and the one chain is intact
        assertThat(jdbc.queryForList("select lawful_basis from audit_log order by chain_position", String.class))
                .containsExactly(null, null, "LEGITIMATE_INTERESTS", "CONTRACT");
        assertThat(jdbc.queryForObject("select processing_activity from audit_log where audit_id = 'audit-3'",
                String.class)).isEqualTo("event:keycard_revoked");
        ChainVerification verification = verifier().verify(true);
        assertThat(verification.intact()).as(verification.reason()).isTrue();
        assertThat(verification.rows()).isEqualTo(4);
    }

    @Test
    void aRewrittenBasisARemovedOneAndOneAddedToAnOldRowAreEachNamed() {
        // Given
        AuditLog log = database.auditLog();
        log.append(anAuditEvent(3).build(), 0);

        // When / Then: a commercial basis put on a contract row
        jdbc.update("update audit_log set lawful_basis = 'CONSENT' where audit_id = 'audit-3'");
        assertBrokenAt("audit-3");
        // the columns emptied, so the row would read as stored before records of processing
        jdbc.update("update audit_log set processing_activity = null, lawful_basis = null, purpose = null"
                + " where audit_id = 'audit-3'");
        assertBrokenAt("audit-3");
        // a basis given afterwards to a row stored without one
        jdbc.update("update audit_log set processing_activity = 'event:booking_created', lawful_basis = 'CONTRACT',"
                + " purpose = 'Bookings' where audit_id = 'audit-1'");
        assertBrokenAt("audit-1");
    }

    private void assertBrokenAt(String auditId) {
        ChainVerification verification = verifier().verify(true);
        assertThat(verification.intact()).isFalse();
        assertThat(verification.auditId()).isEqualTo(auditId);
        assertThat(verification.reason()).isEqualTo("hash does not match the row's content");
    }

    private AuditChain verifier() {
        return new AuditChain(database.dataSource(), new DataSourceTransactionManager(database.dataSource()),
                AuditDatabase.PSEUDONYMS, database.checkpoints(), database.archives());
    }

    /** A row as the audit store wrote it before records of processing: format 2, no processing columns. */
    private String storeInFormatTwo(AuditEvent event, long position, String prev) {
        AuditLog digests = new AuditLog(null, null, null, AuditDatabase.PSEUDONYMS, AuditDatabase.PROCESSING);
        String attributes = "{\"category\":\"TRANSACTIONAL\",\"mode\":\"MONITORED\",\"template\":\"booking-confirmation\"}";
        String hash = ChainHash.of(CHAIN, position, prev, new ChainHash.Fields(event.getAuditId(), event.getDraftId(),
                event.getType().name(), event.getOccurredAt().toEpochMilli(), event.getActor(),
                digests.recipientDigest(event.getRecipient()), event.getLocationId(), event.getThreadKey(),
                event.getCorrelationId(), event.getMessageId(), digests.digest(event.getDetail()), attributes));
        jdbc.update("""
                insert into audit_log (audit_id, draft_id, type, occurred_at, actor, recipient, location_id, thread_key,
                    correlation_id, message_id, detail, recipient_digest, detail_digest, attributes, prev_hash, hash,
                    chain_id, chain_position)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", event.getAuditId(),
                event.getDraftId(), event.getType().name(), Timestamp.from(event.getOccurredAt()), event.getActor(),
                event.getRecipient(), event.getLocationId(), event.getThreadKey(), event.getCorrelationId(),
                event.getMessageId(), event.getDetail(), digests.recipientDigest(event.getRecipient()),
                digests.digest(event.getDetail()), attributes, prev, hash, CHAIN, position);
        return hash;
    }
}
