package com.deskpost.audit.chain;

import static com.deskpost.audit.testdata.AuditEventBuilder.anAuditEvent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.deskpost.audit.store.AuditLog;
import com.deskpost.audit.query.AuditChain;
import com.deskpost.audit.query.ChainVerification;
import com.deskpost.audit.testdata.AuditDatabase;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * One chain per mail.audit partition against real PostgreSQL: partitions append at once and every chain
 * stays intact; tampering is named by chain and position while the other chains verify; checkpoints are
 * taken every N rows or after an interval, and incremental verification reads only the rows after the
 * newest one, while full verification also holds every checkpoint against its row.
 */
class AuditChainsIT {

    private final ExecutorService writers = Executors.newFixedThreadPool(8);
    private JdbcTemplate jdbc;
    private AuditLog log;
    private Checkpoints checkpoints;
    private AuditChain chains;

    @BeforeEach
    void freshAuditStore() {
        AuditDatabase database = AuditDatabase.fresh("audit_chains");
        jdbc = database.jdbc();
        log = database.auditLog();
        checkpoints = database.checkpoints(AuditDatabase.chainSettings(10, Path.of("unused")));
        chains = new AuditChain(database.dataSource(), new DataSourceTransactionManager(database.dataSource()),
                AuditDatabase.PSEUDONYMS, checkpoints, database.archives());
    }

    @AfterEach
    void stopWriters() {
        writers.shutdownNow();
    }

    @Test
    void appendsFromSeveralPartitionsAtOnceKeepEveryChainIntact() throws Exception {
        // Given: eight writers, two per partition of four, 25 events each, released together
        CyclicBarrier start = new CyclicBarrier(8);
        List<Future<?>> done = new ArrayList<>();

        // When
        for (int writer = 0; writer < 8; writer++) {
            int partition = writer % 4;
            int first = writer * 25;
            done.add(writers.submit(() -> {
                start.await(30, TimeUnit.SECONDS);
                IntStream.range(first, first + 25).forEach(n -> log.append(anAuditEvent(n).build(), partition));
                return null;
            }));
        }
        for (Future<?> writer : done) {
            writer.get(2, TimeUnit.MINUTES);
        }

        // Then every chain holds its partition's 50 rows at positions 1..50, and verifies
        for (int partition = 0; partition < 4; partition++) {
            assertThat(jdbc.queryForList("select chain_position from audit_log where chain_id = ? order by chain_position",
                    Long.class, "mail.audit-" + partition))
                    .containsExactlyElementsOf(IntStream.rangeClosed(1, 50).mapToObj(Long::valueOf).toList());
        }
        ChainVerification verification = chains.verify(true);
        assertThat(verification.intact()).isTrue();
        assertThat(verification.rows()).isEqualTo(200);
        assertThat(verification.chains()).extracting(ChainReport::chain)
                .containsExactly("mail.audit-0", "mail.audit-1", "mail.audit-2", "mail.audit-3");
        assertThat(verification.chains()).allSatisfy(chain -> {
            assertThat(chain.intact()).isTrue();
            assertThat(chain.rows()).isEqualTo(50);
        });
    }

    @Test
    void aRowAlteredInOneChainIsNamedByChainAndPositionWhileTheOtherChainsVerify() {
        // Given five rows in each of three chains
        appendToPartitions(5, 0, 1, 2);
        String auditId = jdbc.queryForObject(
                "select audit_id from audit_log where chain_id = 'mail.audit-2' and chain_position = 3", String.class);

        // When a SENT in chain 2 is rewritten as FAILED
        jdbc.update("update audit_log set type = 'FAILED' where chain_id = 'mail.audit-2' and chain_position = 3");

        // Then
        ChainVerification verification = chains.verify(true);
        assertThat(verification.intact()).isFalse();
        assertThat(verification.firstBrokenChain()).isEqualTo("mail.audit-2");
        assertThat(verification.firstBrokenPosition()).isEqualTo(3);
        assertThat(verification.auditId()).isEqualTo(auditId);
        assertThat(verification.reason()).isEqualTo("hash does not match the row's content");
        assertThat(verification.chains()).extracting(ChainReport::chain, ChainReport::intact, ChainReport::rows)
                .containsExactly(tuple("mail.audit-0", true, 5L),
                        tuple("mail.audit-1", true, 5L),
                        tuple("mail.audit-2", false, 3L));
    }

    @Test
    void aRowMovedIntoAnotherChainIsNamed() {
        // Given
        appendToPartitions(3, 0, 1);

        // When the last row of chain 1 is moved to the end of chain 0, its prev_hash set to link there
        String head = jdbc.queryForObject(
                "select hash from audit_log where chain_id = 'mail.audit-0' and chain_position = 3", String.class);
        jdbc.update("update audit_log set chain_id = 'mail.audit-0', chain_position = 4, prev_hash = ?"
                + " where chain_id = 'mail.audit-1' and chain_position = 3", head);

        // Then its hash, which binds its chain and position, gives it away
        ChainVerification verification = chains.verify(true);
        assertThat(verification.firstBrokenChain()).isEqualTo("mail.audit-0");
        assertThat(verification.firstBrokenPosition()).isEqualTo(4);
        assertThat(verification.reason()).isEqualTo("hash does not match the row's content");
    }

    @Test
    void aCheckpointIsTakenEveryNRowsOrOnceItsOldestRowIsOlderThanTheInterval() {
        // Given nine rows: fewer than the ten a checkpoint waits for, and all of them recent
        Instant now = Instant.now();
        appendToPartitions(9, 0);
        assertThat(checkpoints.take(now)).isEmpty();

        // When the tenth arrives
        appendToPartitions(1, 0);
        List<Checkpoint> taken = checkpoints.take(now);

        // Then the head at position 10 is anchored, sealed
        assertThat(taken).singleElement().satisfies(checkpoint -> {
            assertThat(checkpoint.chain()).isEqualTo("mail.audit-0");
            assertThat(checkpoint.position()).isEqualTo(10);
            assertThat(checkpoint.hash()).isEqualTo(jdbc.queryForObject(
                    "select hash from audit_log where chain_id = 'mail.audit-0' and chain_position = 10", String.class));
            assertThat(checkpoint.sealedBy(AuditDatabase.SEAL)).isTrue();
        });
        assertThat(checkpoints.take(now)).as("nothing new since").isEmpty();

        // And three more rows are anchored once the interval (an hour) has passed since the first of them
        appendToPartitions(3, 0);
        assertThat(checkpoints.take(now)).isEmpty();
        assertThat(checkpoints.take(now.plusSeconds(3601))).extracting(Checkpoint::position).containsExactly(13L);
    }

    @Test
    void incrementalVerificationReadsOnlyTheRowsAfterTheNewestCheckpoint() {
        // Given ten rows anchored by a checkpoint, then three more
        appendToPartitions(10, 0);
        checkpoints.take(Instant.now());
        appendToPartitions(3, 0);

        // When a row before the checkpoint is altered
        jdbc.update("update audit_log set type = 'FAILED' where chain_id = 'mail.audit-0' and chain_position = 4");

        // Then incremental verification reads the three rows after the checkpoint only, and passes
        ChainVerification incremental = chains.verify(false);
        assertThat(incremental.mode()).isEqualTo("incremental");
        assertThat(incremental.intact()).isTrue();
        assertThat(incremental.rows()).isEqualTo(3);
        assertThat(incremental.chains()).singleElement().satisfies(chain -> {
            assertThat(chain.fromCheckpoint()).isEqualTo(10);
            assertThat(chain.lastPosition()).isEqualTo(13);
        });
        // while full verification reads from the start and names the altered row
        ChainVerification full = chains.verify(true);
        assertThat(full.mode()).isEqualTo("full");
        assertThat(full.intact()).isFalse();
        assertThat(full.firstBrokenPosition()).isEqualTo(4);
        assertThat(full.rows()).isEqualTo(4);

        // And a row altered after the checkpoint is named by incremental verification too
        jdbc.update("update audit_log set type = 'FAILED' where chain_id = 'mail.audit-0' and chain_position = 12");
        ChainVerification after = chains.verify(false);
        assertThat(after.intact()).isFalse();
        assertThat(after.firstBrokenPosition()).isEqualTo(12);
        assertThat(after.rows()).isEqualTo(2);
    }

    @Test
    void aChainRewrittenAndRehashedBeforeACheckpointIsNamedByFullVerification() {
        // Given ten rows anchored by a checkpoint
        appendToPartitions(10, 0);
        checkpoints.take(Instant.now());

        // When someone with table access rewrites row 4 and recomputes every hash after it
        jdbc.update("update audit_log set type = 'FAILED' where chain_id = 'mail.audit-0' and chain_position = 4");
        rehash("mail.audit-0", 4);

        // Then every row links and matches its content, but not the sealed checkpoint
        ChainVerification full = chains.verify(true);
        assertThat(full.intact()).isFalse();
        assertThat(full.firstBrokenPosition()).isEqualTo(10);
        assertThat(full.reason())
                .isEqualTo("hash does not match the checkpoint taken at this position: the chain was rewritten up to here");
    }

    @Test
    void aCheckpointNotSealedByTheSecretIsNamed() {
        // Given
        appendToPartitions(10, 0);
        checkpoints.take(Instant.now());

        // When someone moves the checkpoint to a head of their making
        jdbc.update("update audit_checkpoint set hash = repeat('e', 64)");

        // Then both verifications refuse it
        for (boolean full : new boolean[] {false, true}) {
            ChainVerification verification = chains.verify(full);
            assertThat(verification.intact()).isFalse();
            assertThat(verification.firstBrokenPosition()).isEqualTo(10);
            assertThat(verification.reason()).isEqualTo("the checkpoint at position 10 is not sealed by the checkpoint secret");
        }
    }

    private void appendToPartitions(int each, int... partitions) {
        int base = jdbc.queryForObject("select count(*) from audit_log", Integer.class);
        for (int partition : partitions) {
            for (int n = 0; n < each; n++) {
                log.append(anAuditEvent(base++).build(), partition);
            }
        }
    }

    /** Recomputes prev_hash and hash of the chain's rows from {@code position} on, as a forger would. */
    private void rehash(String chain, long position) {
        String prev = jdbc.queryForObject("select hash from audit_log where chain_id = ? and chain_position = ?",
                String.class, chain, position - 1);
        for (Map<String, Object> row : jdbc.queryForList("select * from audit_log where chain_id = ? and chain_position >= ?"
                + " order by chain_position", chain, position)) {
            ChainHash.Fields fields = new ChainHash.Fields((String) row.get("audit_id"), (String) row.get("draft_id"),
                    (String) row.get("type"), ((Timestamp) row.get("occurred_at")).toInstant().toEpochMilli(),
                    (String) row.get("actor"), (String) row.get("recipient_digest"), (String) row.get("location_id"),
                    (String) row.get("thread_key"), (String) row.get("correlation_id"), (String) row.get("message_id"),
                    (String) row.get("detail_digest"), (String) row.get("attributes"));
            long at = (Long) row.get("chain_position");
            String hash = ChainHash.of(chain, at, prev, fields, ChainHash.Processing.ofColumns(
                    (String) row.get("processing_activity"), (String) row.get("lawful_basis"),
                    (String) row.get("purpose")));
            jdbc.update("update audit_log set prev_hash = ?, hash = ? where chain_id = ? and chain_position = ?",
                    prev, hash, chain, at);
            prev = hash;
        }
    }
}
