package com.deskpost.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.deskpost.delivery.archive.ArchiveProperties;
import com.deskpost.delivery.archive.SentArchive;
import com.deskpost.delivery.feedback.FeedbackHistory;
import com.deskpost.delivery.ledger.DeliveryLedger;
import com.deskpost.delivery.outbound.StaffAlerts;
import com.deskpost.delivery.testdata.DeliveryDatabase;
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
 * Every query delivery runs is served by an index, none reads a whole table (a Seq Scan, or an index read end to
 * end): the APIs (check_inbox's base query;
 * every filter combination in CheckInboxPlansIT), the contacts API (ConsentStore, ContactDirectory, FeedbackHistory,
 * the erasure, the subject access sections, ConsentHistory), the sent-mail archive (its API, subject access,
 * erasure), the sender-domain API (SenderCounts, SenderPauses), the send path (ledger, claims, staff alerts) and
 * the retention deletes. The queries are the code's own constants; a new one fails
 * {@link #everyQueryOfTheCodeIsExplainedHere} until it is added here, with arguments, and then has to pass
 * {@link #noQueryReadsAWholeTable}.
 */
class QueryPlansIT {

    private static final Timestamp NOW = Timestamp.from(Instant.parse("2026-12-07T00:00:00Z"));
    private static final String ADA = "ada@example.com";

    /** Each query constant of the code, with arguments of its types. */
    private static final Map<String, List<?>> QUERIES = Map.ofEntries(
            Map.entry("SentMessages.SELECT", List.of(NOW, NOW)),
            Map.entry("DeliveryLedger.ALREADY_SENT", List.of("d-1", ADA)),
            Map.entry("DeliveryLedger.SENT_AMONG", List.of((Object) new String[] {"d-1", "d-2"})),
            Map.entry("DeliveryLedger.SENT_FOR", List.of("d-1")),
            Map.entry("DeliveryLedger.SENT_AS", List.of("<d-1@deskpost>")),
            Map.entry("SendClaims.CLAIM", List.of("d-1", ADA, "d-1", ADA, "pid@host-1/t", 300.0)),
            Map.entry("SendClaims.RELEASE_IF_SENT", List.of("d-1", ADA, "pid@host-1/t", "d-1", ADA)),
            Map.entry("FeedbackHistory.SOFT_BOUNCES_SINCE", List.of(ADA, "SOFT_BOUNCE", NOW)),
            Map.entry("FeedbackHistory.HISTORY", List.of(ADA, 50)),
            Map.entry("FeedbackHistory.FORGET", List.of(ADA)),
            Map.entry("StaffAlertRelay.PENDING", List.of(20)),
            Map.entry("SenderCounts.WINDOW", List.of("ldn.example", NOW)),
            Map.entry("SenderCounts.RESTART", List.of("ldn.example")),
            Map.entry("SenderCounts.DROP_EXPIRED", List.of(NOW)),
            Map.entry("SenderPauses.OF", List.of("ldn.example")),
            Map.entry("SenderPauses.RESUME", List.of("ldn.example")),
            Map.entry("ConsentStore.TAGS", List.of(ADA, "erased:1", "erased:2")),
            Map.entry("ConsentStore.ERASED", List.of("erased:1", "erased:2", "erased")),
            Map.entry("ConsentStore.WITH_TAG", List.of("opt_in")),
            Map.entry("ConsentHistory.PAGE", List.of(ADA, NOW, 1L, 101)),
            Map.entry("ConsentHistory.OF_PERSON", List.of(ADA, "erased:1")),
            Map.entry("ConsentHistory.FORGET", List.of(ADA)),
            Map.entry("ContactDirectory.TAGS_OF", List.of((Object) new String[] {ADA, "alan@example.com"})),
            Map.entry("Erasure.PSEUDONYMISE_LEDGER", List.of("erased:1", ADA)),
            Map.entry("ConsentTagsSection.OF_PERSON", List.of(ADA, "erased:1", "erased:2")),
            Map.entry("LedgerSection.OF_PERSON", List.of(ADA, "erased:1")),
            Map.entry("SendClaimsSection.OF_PERSON", List.of(ADA, "erased:1")),
            Map.entry("FeedbackSection.OF_PERSON", List.of(ADA, "erased:1")),
            Map.entry("SentArchive.OF_RECIPIENT", List.of(ADA, NOW, NOW)),
            Map.entry("SentArchive.BY_HASH", List.of("0".repeat(64))),
            Map.entry("SentArchive.OF_PERSON", List.of(ADA, "erased:1")),
            Map.entry("SentArchive.ERASE_COPIES", List.of(ADA, ADA)),
            Map.entry("SentArchive.ERASE_OWN", List.of("erased:1", ADA)));

    @Test
    void everyQueryOfTheCodeIsExplainedHere() {
        assertThat(QueryPlans.sqlConstants(DeliveryApplication.class).keySet())
                .as("query constants of delivery-service; add a new one to QUERIES")
                .containsExactlyInAnyOrderElementsOf(QUERIES.keySet());
    }

    @Test
    void noQueryReadsAWholeTable() throws Exception {
        DeliveryDatabase db = DeliveryDatabase.fresh("plans");
        Map<String, String> constants = QueryPlans.sqlConstants(DeliveryApplication.class);
        Map<String, String> sql = new TreeMap<>();
        QUERIES.keySet().forEach(name -> sql.put(name, constants.get(name)));
        Map<String, List<?>> args = new LinkedHashMap<>(QUERIES);
        // The retention deletes, with the settings' defaults
        retention(sql, args, "retention of the ledger", DeliveryLedger.retention(Duration.ofDays(45)).deleteBatch());
        retention(sql, args, "retention of claims", DeliveryLedger.claimRetention(Duration.ofDays(1)).deleteBatch());
        retention(sql, args, "retention of feedback", FeedbackHistory.retention(Duration.ofDays(180)).deleteBatch());
        retention(sql, args, "retention of staff alerts", StaffAlerts.retention(Duration.ofDays(45)).deleteBatch());
        SentArchive.retention(new ArchiveProperties(null).retention()).forEach(rule -> retention(sql, args,
                "retention of the archive where " + rule.condition(), rule.deleteBatch()));

        Map<String, String> scans = new TreeMap<>();
        try (Connection connection = db.dataSource().getConnection()) {
            for (Map.Entry<String, String> query : sql.entrySet()) {
                List<?> arguments = args.get(query.getKey());
                List<String> reads = QueryPlans.wholeTableReads(connection, query.getValue(), arguments);
                if (!reads.isEmpty()) {
                    scans.put(query.getKey(),
                            reads + "\n" + QueryPlans.explain(connection, query.getValue(), arguments));
                }
            }
            // The check itself sees a whole table read where there is one: no index, or only a later column's
            assertThat(QueryPlans.wholeTableReads(connection, "select * from delivery_ledger where subject = ?",
                    List.of("x"))).contains("Seq Scan on delivery_ledger");
            // (consent_tags' index on tag is partial, for present tags only: a query for any tag reads everything)
            assertThat(QueryPlans.wholeTableReads(connection, "select * from consent_tags where tag = ?",
                    List.of("opt_in"))).as("an index read end to end").isNotEmpty();
        }
        assertThat(scans).as("queries that read a whole table, with their plans").isEmpty();
    }

    private static void retention(Map<String, String> sql, Map<String, List<?>> args, String name, String delete) {
        sql.put(name, delete);
        args.put(name, List.of(NOW, 1000));
    }
}
