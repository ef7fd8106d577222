package com.deskpost.oversight;

import static org.assertj.core.api.Assertions.assertThat;

import com.deskpost.oversight.digest.CopyDigest;
import com.deskpost.oversight.queue.HoldQueue;
import com.deskpost.oversight.testdata.OversightDatabase;
import com.deskpost.platform.serde.AvroSerdes;
import com.deskpost.schemas.serde.SchemaRegistryClient;
import com.deskpost.testsupport.sql.QueryPlans;
import java.sql.Connection;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Every query oversight runs is served by an index, none reads a whole table (a Seq Scan, or an index read end to
 * end): the approval API and the agents' API
 * (HoldQueue.PENDING, FIND, RESOLVE), the ops page (PENDING, RECENTLY_DECIDED, FIND), expiry, supersession, the
 * digest, the approver notices' claims (HeldNotices), the subject-access API (SubjectRecords), the policy each draft
 * is judged by (StoredPolicy) and the retention deletes. The queries are the code's own constants; a new one fails
 * {@link #everyQueryOfTheCodeIsExplainedHere} until it is added here, with arguments, and then has to pass
 * {@link #noQueryReadsAWholeTable}.
 */
class QueryPlansIT {

    private static final Timestamp NOW = Timestamp.from(Instant.parse("2026-12-07T00:00:00Z"));
    private static final String[] LOCATIONS = {"LDN-1", "BER-1"};

    /** Each query constant of the code, with arguments of its types. */
    private static final Map<String, List<?>> QUERIES = Map.ofEntries(
            Map.entry("HoldQueue.FIND", List.of("d-1")),
            Map.entry("HoldQueue.PENDING", List.of((Object) LOCATIONS)),
            Map.entry("HoldQueue.RECENTLY_DECIDED", List.of(LOCATIONS, 20)),
            Map.entry("HoldQueue.RESOLVE", List.of("APPROVED", "M-1", NOW, "dec-1", "ok", "d-1")),
            Map.entry("HoldQueue.DUE_FOR_EXPIRY", List.of(NOW)),
            Map.entry("HoldQueue.SUPERSEDED_BY", List.of("booking:B-1", 4L)),
            Map.entry("HoldQueue.PENDING_TO", List.of("ada@example.com")),
            Map.entry("SubjectRecords.HELD_DRAFTS", List.of("ada@example.com", "erased:1")),
            Map.entry("SubjectRecords.DIGEST_ENTRIES", List.of("ada@example.com", "erased:1")),
            Map.entry("CopyDigest.WAITING_LOCATIONS", List.of()),
            Map.entry("CopyDigest.CLAIM_ENTRIES", List.of(NOW, "LDN-1")),
            Map.entry("CopyDigest.FORGET_SLOTS", List.of(NOW)),
            Map.entry("StoredPolicy.APPLICABLE", List.of("LDN-1", "booking_created")),
            Map.entry("HeldNotices.CLAIM_NEW", List.of(NOW, 100)),
            Map.entry("HeldNotices.CLAIM_ESCALATIONS", List.of(NOW, NOW, 100)),
            Map.entry("HeldNotices.CLAIM_DIGEST", List.of(NOW, "M-ADA")));

    /**
     * Queries that read a whole table on purpose, and why. An erasure announced by pseudonym is found only by
     * hashing every address oversight holds (DESIGN §5): retention is what bounds it.
     */
    private static final Map<String, List<?>> WHOLE_TABLE = Map.of("ErasedRecipients.CANDIDATES", List.of(),
            // The dashboard's held queue, once per sampling: every pending row, which is the queue itself (bounded
            // by the hold expiry), read through the pending drafts' partial index once the table is large.
            "HoldQueue.PENDING_BY_LOCATION", List.of());

    @Test
    void everyQueryOfTheCodeIsExplainedHere() {
        Map<String, String> constants = QueryPlans.sqlConstants(OversightApplication.class);
        assertThat(constants.keySet()).as("query constants of oversight-service; add a new one to QUERIES")
                .containsExactlyInAnyOrderElementsOf(concat(QUERIES, WHOLE_TABLE).keySet());
    }

    @Test
    void noQueryReadsAWholeTable() throws Exception {
        OversightDatabase db = new OversightDatabase(new AvroSerdes(new SchemaRegistryClient("http://unused")));
        Map<String, String> constants = QueryPlans.sqlConstants(OversightApplication.class);
        Map<String, String> sql = new TreeMap<>();
        QUERIES.keySet().forEach(name -> sql.put(name, constants.get(name)));
        // The retention deletes, with the settings' defaults
        sql.put("retention of decided drafts", HoldQueue.retention(Duration.ofDays(45)).deleteBatch());
        sql.put("retention of digest entries", CopyDigest.retention(Duration.ofDays(45)).deleteBatch());
        Map<String, List<?>> args = new LinkedHashMap<>(QUERIES);
        args.put("retention of decided drafts", List.of(NOW, 1000));
        args.put("retention of digest entries", List.of(NOW, 1000));

        Map<String, String> scans = new TreeMap<>();
        try (Connection connection = db.jdbc.getDataSource().getConnection()) {
            for (Map.Entry<String, String> query : sql.entrySet()) {
                List<?> arguments = args.get(query.getKey());
                List<String> reads = QueryPlans.wholeTableReads(connection, query.getValue(), arguments);
                if (!reads.isEmpty()) {
                    scans.put(query.getKey(),
                            reads + "\n" + QueryPlans.explain(connection, query.getValue(), arguments));
                }
            }
            // The check itself sees a whole table read where there is one
            assertThat(QueryPlans.wholeTableReads(connection, constants.get("ErasedRecipients.CANDIDATES"), List.of()))
                    .contains("Seq Scan on held_drafts");
            assertThat(QueryPlans.wholeTableReads(connection,
                    "select * from digest_entries order by released_at limit ?", List.of(5)))
                    .as("an index read end to end").isNotEmpty();
        }
        assertThat(scans).as("queries that read a whole table, with their plans").isEmpty();
    }

    private static Map<String, List<?>> concat(Map<String, List<?>> one, Map<String, List<?>> other) {
        Map<String, List<?>> both = new TreeMap<>(one);
        both.putAll(other);
        return both;
    }
}
