package com.deskpost.audit.query;

import static com.deskpost.audit.testdata.AuditEventBuilder.anAuditEvent;
import static org.assertj.core.api.Assertions.assertThat;

import com.deskpost.audit.store.AuditLog;
import com.deskpost.audit.testdata.AuditDatabase;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * Verification of the audit chain against real PostgreSQL, a fresh store per test: whatever is
 * changed, removed or inserted directly in the table, the verification names the first row
 * that no longer checks out; a pseudonymised row still checks out.
 */
class AuditChainIT {

    private JdbcTemplate jdbc;
    private AuditLog log;
    private AuditChain chain;

    @BeforeEach
    void freshAuditStore() {
        AuditDatabase database = AuditDatabase.fresh("audit_chain");
        jdbc = database.jdbc();
        log = database.auditLog();
        chain = new AuditChain(database.dataSource(), new DataSourceTransactionManager(database.dataSource()),
                AuditDatabase.PSEUDONYMS, database.checkpoints(), database.archives());
    }

    @Test
    void anEmptyStoreIsIntact() {
        // When
        ChainVerification verification = chain.verify();

        // Then
        assertThat(verification.intact()).isTrue();
        assertThat(verification.rows()).isZero();
        assertThat(verification.chains()).isEmpty();
    }

    @Test
    void moreRowsThanOneFetchAreStreamedAndVerified() {
        // Given more rows than the verifier fetches at once
        IntStream.range(0, 1203).forEach(n -> log.append(anAuditEvent(n).build()));

        // When
        ChainVerification verification = chain.verify();

        // Then
        assertThat(verification.intact()).isTrue();
        assertThat(verification.rows()).isEqualTo(1203);
    }

    @Test
    void aChangedDetailDigestIsNamedByItsSeqAndAuditId() {
        // Given
        appendFive();

        // When
        jdbc.update("update audit_log set detail_digest = repeat('a', 64) where audit_id = 'audit-3'");

        // Then
        assertBrokenAt("audit-3", "hash does not match the row's content");
    }

    @Test
    void aChangedTypeIsNamed() {
        // Given
        appendFive();

        // When a SENT is rewritten as FAILED
        jdbc.update("update audit_log set type = 'FAILED' where audit_id = 'audit-2'");

        // Then
        assertBrokenAt("audit-2", "hash does not match the row's content");
    }

    @Test
    void aRecipientChangedWithoutItsDigestIsNamed() {
        // Given
        appendFive();

        // When
        jdbc.update("update audit_log set recipient = 'mallory@example.com' where audit_id = 'audit-4'");

        // Then
        assertBrokenAt("audit-4", "recipient does not match its digest");
    }

    @Test
    void aDetailChangedWithoutItsDigestIsNamed() {
        // Given
        appendFive();

        // When
        jdbc.update("update audit_log set detail = 'Refused by SMTP server' where audit_id = 'audit-1'");

        // Then
        assertBrokenAt("audit-1", "detail does not match its digest");
    }

    @Test
    void aRemovedRowIsNamedAtTheRowAfterIt() {
        // Given
        appendFive();
        long before = positionOf("audit-1");
        long after = positionOf("audit-3");

        // When
        jdbc.update("delete from audit_log where audit_id = 'audit-2'");

        // Then
        assertBrokenAt("audit-3", "gap in chain position: position jumps from " + before + " to " + after
                + " and prev_hash does not match the previous row, so rows between them were removed");
    }

    @Test
    void removedFirstRowsAreNamed() {
        // Given
        appendFive();

        // When
        jdbc.update("delete from audit_log where audit_id = 'audit-0'");

        // Then
        assertBrokenAt("audit-1", "prev_hash of the first row is not the genesis hash: rows were removed from the start");
    }

    @Test
    void aRowWhoseHashWasRecomputedBreaksTheLinkOfTheNext() {
        // Given
        appendFive();
        String forgedHash = "f".repeat(64);

        // When someone edits a row and rewrites its hash, but not the rest of the chain
        jdbc.update("update audit_log set hash = ? where audit_id = 'audit-2'", forgedHash);

        // Then the forged row itself fails its hash first
        assertBrokenAt("audit-2", "hash does not match the row's content");
    }

    @Test
    void pseudonymisedRowsStillVerify() {
        // Given
        appendFive();

        // When the recipient of one row is erased as the erasure endpoint does
        jdbc.update("update audit_log set recipient = ?, detail = null where audit_id = 'audit-3'",
                AuditDatabase.PSEUDONYMS.of("member3@example.com"));

        // Then
        assertThat(chain.verify().intact()).isTrue();
        assertThat(chain.verify().rows()).isEqualTo(5);
    }

    @Test
    void aPseudonymThatDoesNotMatchTheDigestIsNamed() {
        // Given
        appendFive();

        // When
        jdbc.update("update audit_log set recipient = 'erased:0000000000000000' where audit_id = 'audit-3'");

        // Then
        assertBrokenAt("audit-3", "recipient does not match its digest");
    }

    private void appendFive() {
        IntStream.range(0, 5).forEach(n -> log.append(anAuditEvent(n).build()));
    }

    private long seqOf(String auditId) {
        return jdbc.queryForObject("select seq from audit_log where audit_id = ?", Long.class, auditId);
    }

    private long positionOf(String auditId) {
        return jdbc.queryForObject("select chain_position from audit_log where audit_id = ?", Long.class, auditId);
    }

    private void assertBrokenAt(String auditId, String reason) {
        long seq = seqOf(auditId);
        ChainVerification verification = chain.verify();
        assertThat(verification.intact()).isFalse();
        assertThat(verification.firstBrokenSeq()).isEqualTo(seq);
        assertThat(verification.auditId()).isEqualTo(auditId);
        assertThat(verification.reason()).isEqualTo(reason);
        assertThat(verification.firstBrokenChain()).isEqualTo("mail.audit-0");
        assertThat(verification.firstBrokenPosition()).isEqualTo(positionOf(auditId));
    }
}
