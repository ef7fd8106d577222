package com.deskpost.audit.chain;

import static com.deskpost.audit.testdata.AuditEventBuilder.anAuditEvent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.deskpost.audit.store.AuditLog;
import com.deskpost.audit.query.AuditChain;
import com.deskpost.audit.query.ChainVerification;
import com.deskpost.audit.testdata.AuditDatabase;
import com.deskpost.events.AuditEvent;
import com.deskpost.testsupport.Postgres;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Timestamp;
import java.util.TreeMap;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Rows stored in the one global chain before chains per partition become the chain {@code legacy} and
 * still verify in the format they were hashed with; new rows go to the partitions' chains beside them.
 */
class LegacyChainMigrationIT {

    private JdbcTemplate jdbc;
    private AuditDatabase database;
    private Flyway flyway;

    @BeforeEach
    void storeAsBeforeChains() throws Exception {
        Postgres.Database created = Postgres.shared().createDatabase("audit_legacy");
        flyway = Flyway.configure().dataSource(created.jdbcUrl(), created.username(), created.password())
                .locations("classpath:db/migration/audit").target("2").load();
        flyway.migrate();
        database = new AuditDatabase(
                new DriverManagerDataSource(created.jdbcUrl(), created.username(), created.password()));
        jdbc = database.jdbc();
        // Given four rows of the global chain as the audit store wrote them before: format 1, seq order
        String prev = ChainHash.GENESIS;
        for (int n = 1; n <= 4; n++) {
            prev = storeLegacy(anAuditEvent(n).build(), prev);
        }
    }

    @Test
    void rowsOfTheGlobalChainVerifyAsTheLegacyChainBesideTheNewChains() {
        // When the store is migrated and new events arrive on two partitions
        Flyway.configure().configuration(flyway.getConfiguration()).target("latest").load().migrate();
        AuditLog log = database.auditLog();
        log.append(anAuditEvent(5).build(), 0);
        log.append(anAuditEvent(6).build(), 1);

        // Then the old rows are the legacy chain at positions 1..4, and every chain verifies
        assertThat(jdbc.queryForList("select chain_position from audit_log where chain_id = 'legacy' order by seq",
                Long.class)).containsExactly(1L, 2L, 3L, 4L);
        ChainVerification verification = verifier().verify(true);
        assertThat(verification.intact()).isTrue();
        assertThat(verification.chains()).extracting(ChainReport::chain, ChainReport::rows)
                .containsExactly(tuple("legacy", 4L),
                        tuple("mail.audit-0", 1L),
                        tuple("mail.audit-1", 1L));
    }

    @Test
    void tamperingWithALegacyRowIsNamedByChainAndPosition() {
        // Given
        Flyway.configure().configuration(flyway.getConfiguration()).target("latest").load().migrate();

        // When
        jdbc.update("update audit_log set actor = 'mallory' where audit_id = 'audit-3'");

        // Then
        ChainVerification verification = verifier().verify(true);
        assertThat(verification.firstBrokenChain()).isEqualTo("legacy");
        assertThat(verification.firstBrokenPosition()).isEqualTo(3);
        assertThat(verification.auditId()).isEqualTo("audit-3");
    }

    private AuditChain verifier() {
        return new AuditChain(database.dataSource(), new DataSourceTransactionManager(database.dataSource()),
                AuditDatabase.PSEUDONYMS, database.checkpoints(), database.archives());
    }

    private String storeLegacy(AuditEvent event, String prev) throws Exception {
        AuditLog log = new AuditLog(null, null, null, AuditDatabase.PSEUDONYMS, AuditDatabase.PROCESSING);
        String attributes = new ObjectMapper().writeValueAsString(new TreeMap<>(event.getAttributes()));
        String hash = AuditLog.chainHash(prev, event.getAuditId(), event.getDraftId(), event.getType().name(),
                event.getOccurredAt().toEpochMilli(), event.getActor(), log.recipientDigest(event.getRecipient()),
                event.getLocationId(), event.getThreadKey(), event.getCorrelationId(), event.getMessageId(),
                log.digest(event.getDetail()), attributes);
        jdbc.update("""
                insert into audit_log (audit_id, draft_id, type, occurred_at, actor, recipient, location_id, thread_key,
                    correlation_id, message_id, detail, recipient_digest, detail_digest, attributes, prev_hash, hash)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", event.getAuditId(), event.getDraftId(),
                event.getType().name(), Timestamp.from(event.getOccurredAt()), event.getActor(), event.getRecipient(),
                event.getLocationId(), event.getThreadKey(), event.getCorrelationId(), event.getMessageId(),
                event.getDetail(), log.recipientDigest(event.getRecipient()), log.digest(event.getDetail()), attributes,
                prev, hash);
        return hash;
    }
}
