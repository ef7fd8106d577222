package com.deskpost.audit.chain;

import static com.deskpost.audit.testdata.AuditEventBuilder.anAuditEvent;
import static org.assertj.core.api.Assertions.assertThat;

import com.deskpost.audit.store.AuditLog;
import com.deskpost.audit.query.AuditChain;
import com.deskpost.audit.query.ChainVerification;
import com.deskpost.audit.testdata.AuditDatabase;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * Archiving against real PostgreSQL and a real directory: the segments of each chain that end at a
 * checkpoint older than the retention are written to files and dropped, what remains still verifies
 * from the archived head, verification reports what was archived, and an archive file verifies on its
 * own with no address in it.
 */
class ChainArchiveIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path directory;

    private JdbcTemplate jdbc;
    private AuditLog log;
    private Checkpoints checkpoints;
    private AuditChain chains;
    private ChainArchiver archiver;
    private Instant anchoredAt;

    @BeforeEach
    void freshAuditStore() {
        AuditDatabase database = AuditDatabase.fresh("audit_archive");
        AuditChainProperties settings = AuditDatabase.chainSettings(10, directory);
        jdbc = database.jdbc();
        log = database.auditLog();
        checkpoints = database.checkpoints(settings);
        chains = new AuditChain(database.dataSource(), new DataSourceTransactionManager(database.dataSource()),
                AuditDatabase.PSEUDONYMS, checkpoints, database.archives());
        archiver = new ChainArchiver(database.transactions(), checkpoints, database.archives(),
                new ArchiveWriter(database.dataSource(), AuditDatabase.PSEUDONYMS, settings), chains);
        // Given, in each of two chains, ten rows anchored by a checkpoint and then five more rows
        anchoredAt = Instant.now();
        append(10, 0, 1);
        assertThat(checkpoints.take(anchoredAt)).hasSize(2);
        append(5, 0, 1);
    }

    @Test
    void afterArchivingSegmentsOlderThanTheRetentionWhatRemainsVerifiesAndTheArchiveIsReported() {
        // When segments that end at a checkpoint before the cut-off are archived
        List<ArchivedSegment> archived = archiver.archive(anchoredAt.plusSeconds(1), anchoredAt.plusSeconds(2));

        // Then each chain's first ten rows left the table, five remain
        assertThat(archived).extracting(ArchivedSegment::chain).containsExactly("mail.audit-0", "mail.audit-1");
        assertThat(archived).allSatisfy(segment -> {
            assertThat(segment.fromPosition()).isEqualTo(1);
            assertThat(segment.toPosition()).isEqualTo(10);
            assertThat(segment.rows()).isEqualTo(10);
        });
        assertThat(jdbc.queryForList("select chain_position from audit_log where chain_id = 'mail.audit-0'"
                + " order by chain_position", Long.class)).containsExactly(11L, 12L, 13L, 14L, 15L);

        // And both verifications pass and say what was archived
        for (boolean full : new boolean[] {true, false}) {
            ChainVerification verification = chains.verify(full);
            assertThat(verification.intact()).as("full: %s", full).isTrue();
            assertThat(verification.chains()).allSatisfy(chain -> {
                assertThat(chain.archived().segments()).isEqualTo(1);
                assertThat(chain.archived().rows()).isEqualTo(10);
                assertThat(chain.archived().upToPosition()).isEqualTo(10);
                assertThat(chain.archived().files()).singleElement().satisfies(file -> {
                    assertThat(file.file()).isEqualTo(chain.chain() + "/" + chain.chain() + "-1-10.jsonl.gz");
                    assertThat(file.sha256()).isEqualTo(sha256(directory.resolve(file.file())));
                });
                assertThat(chain.rows()).isEqualTo(5);
            });
        }
    }

    @Test
    void segmentsYoungerThanTheRetentionStay() {
        // Given the last five rows anchored too, but only after the cut-off
        assertThat(checkpoints.take(anchoredAt.plusSeconds(7200))).hasSize(2);

        // When
        archiver.archive(anchoredAt.plusSeconds(1), anchoredAt.plusSeconds(7201));
        List<ArchivedSegment> again = archiver.archive(anchoredAt.plusSeconds(1), anchoredAt.plusSeconds(7202));

        // Then only the older segment left; archiving again finds nothing more
        assertThat(again).isEmpty();
        assertThat(jdbc.queryForObject("select count(*) from audit_log", Long.class)).isEqualTo(10);
        assertThat(chains.verify(true).intact()).isTrue();
    }

    @Test
    void anArchiveFileVerifiesOnItsOwnAndNamesNobody() throws IOException {
        // When
        ArchivedSegment segment = archiver.archive(anchoredAt.plusSeconds(1), anchoredAt.plusSeconds(2)).get(0);

        // Then its SHA-256 is recorded, its rows link from the genesis to the checkpoint, each recomputes
        Path file = directory.resolve(segment.file());
        assertThat(sha256(file)).isEqualTo(segment.fileSha256());
        List<JsonNode> rows = lines(file);
        assertThat(rows).hasSize(10);
        String prev = ChainHash.GENESIS;
        for (JsonNode row : rows) {
            assertThat(row.get("prev_hash").asText()).isEqualTo(prev);
            assertThat(ChainHash.of(row.get("chain_id").asText(), row.get("chain_position").asLong(), prev, fields(row),
                    processing(row))).isEqualTo(row.get("hash").asText());
            assertThat(row.get("lawful_basis").asText()).isEqualTo("CONTRACT");
            // Recipients only as the pseudonym erasure would give them, no detail
            assertThat(row.get("recipient").asText()).isEqualTo(
                    AuditDatabase.PSEUDONYMS.of("member" + row.get("audit_id").asText().substring(6) + "@example.com"));
            assertThat(row.has("detail")).isFalse();
            prev = row.get("hash").asText();
        }
        assertThat(prev).isEqualTo(segment.lastHash())
                .isEqualTo(checkpoints.latestAtOrBefore("mail.audit-0", anchoredAt).orElseThrow().hash());
        assertThat(directory.resolve(segment.file() + ".partial")).doesNotExist();
    }

    @Test
    void aTamperedSegmentIsNotArchived() {
        // Given a row of chain 1 altered before its checkpoint
        jdbc.update("update audit_log set type = 'FAILED' where chain_id = 'mail.audit-1' and chain_position = 4");

        // When
        List<ArchivedSegment> archived = archiver.archive(anchoredAt.plusSeconds(1), anchoredAt.plusSeconds(2));

        // Then only chain 0 is archived; the tampering stays where full verification names it
        assertThat(archived).extracting(ArchivedSegment::chain).containsExactly("mail.audit-0");
        ChainVerification verification = chains.verify(true);
        assertThat(verification.firstBrokenChain()).isEqualTo("mail.audit-1");
        assertThat(verification.firstBrokenPosition()).isEqualTo(4);
    }

    @Test
    void aRowRemovedRightAfterTheArchivedHeadIsNamed() {
        // Given
        archiver.archive(anchoredAt.plusSeconds(1), anchoredAt.plusSeconds(2));

        // When the first row left in chain 0 is removed
        jdbc.update("delete from audit_log where chain_id = 'mail.audit-0' and chain_position = 11");

        // Then
        ChainVerification verification = chains.verify(true);
        assertThat(verification.firstBrokenChain()).isEqualTo("mail.audit-0");
        assertThat(verification.firstBrokenPosition()).isEqualTo(12);
        assertThat(verification.reason()).isEqualTo("prev_hash of the first row left does not match the head of the"
                + " archived segment ending at position 10: rows were removed after it");
    }

    @Test
    void anArchiveRecordNotSealedByTheSecretIsNamed() {
        // Given
        archiver.archive(anchoredAt.plusSeconds(1), anchoredAt.plusSeconds(2));

        // When someone points the record of chain 1 at another file
        jdbc.update("update audit_archive set file_sha256 = repeat('0', 64) where chain_id = 'mail.audit-1'");

        // Then
        ChainVerification verification = chains.verify(false);
        assertThat(verification.firstBrokenChain()).isEqualTo("mail.audit-1");
        assertThat(verification.reason()).isEqualTo("the archive record of positions 1..10 is not sealed by the"
                + " checkpoint secret");
    }

    private void append(int each, int... partitions) {
        int base = jdbc.queryForObject("select count(*) from audit_log", Integer.class);
        for (int partition : partitions) {
            for (int n = 0; n < each; n++) {
                log.append(anAuditEvent(base++).build(), partition);
            }
        }
    }

    private static ChainHash.Fields fields(JsonNode row) {
        return new ChainHash.Fields(text(row, "audit_id"), text(row, "draft_id"), text(row, "type"),
                row.get("occurred_at_millis").asLong(), text(row, "actor"), text(row, "recipient_digest"),
                text(row, "location_id"), text(row, "thread_key"), text(row, "correlation_id"), text(row, "message_id"),
                text(row, "detail_digest"), text(row, "attributes"));
    }

    /** The processing a row was recorded under; absent from the lines of rows stored before it. */
    private static ChainHash.Processing processing(JsonNode row) {
        return row.has("processing_activity") ? new ChainHash.Processing(text(row, "processing_activity"),
                text(row, "lawful_basis"), text(row, "purpose")) : null;
    }

    private static String text(JsonNode row, String field) {
        return row.get(field).isNull() ? null : row.get(field).asText();
    }

    private static List<JsonNode> lines(Path file) throws IOException {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(file)), StandardCharsets.UTF_8))) {
            return reader.lines().map(line -> {
                try {
                    return JSON.readTree(line);
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }).toList();
        }
    }

    private static String sha256(Path file) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
