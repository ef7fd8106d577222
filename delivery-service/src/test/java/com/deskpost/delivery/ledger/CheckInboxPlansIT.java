package com.deskpost.delivery.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import com.deskpost.delivery.testdata.DeliveryDatabase;
import com.deskpost.testsupport.sql.QueryPlans;
import java.sql.Connection;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * check_inbox (GET /api/v1/messages, the MCP tool) reads the ledger through an index for every combination of its
 * filters, with or without a recipient: the query is built by {@link SentMessages#sql}, as the code builds it.
 */
class CheckInboxPlansIT {

    private static final Timestamp FROM = Timestamp.from(Instant.parse("2026-11-01T00:00:00Z"));
    private static final Timestamp TO = Timestamp.from(Instant.parse("2026-12-01T00:00:00Z"));

    @Test
    void everyFilterCombinationIsServedByAnIndex() throws Exception {
        DeliveryDatabase db = DeliveryDatabase.fresh("plans");
        List<String> scans = new ArrayList<>();
        try (Connection connection = db.dataSource().getConnection()) {
            for (int filters = 0; filters < 8; filters++) {
                boolean byRecipient = (filters & 1) != 0;
                boolean bySubject = (filters & 2) != 0;
                boolean afterCursor = (filters & 4) != 0;
                List<Object> args = new ArrayList<>(List.of(FROM, TO));
                if (byRecipient) {
                    args.add("ada@example.com");
                }
                if (bySubject) {
                    args.add("desk");
                }
                if (afterCursor) {
                    args.addAll(List.of(TO, "d-1", "ada@example.com"));
                }
                args.add(21);
                String sql = SentMessages.sql(byRecipient, bySubject, afterCursor);
                List<String> reads = QueryPlans.wholeTableReads(connection, sql, args);
                if (!reads.isEmpty()) {
                    scans.add("recipient " + byRecipient + ", subject " + bySubject + ", cursor " + afterCursor
                            + ": " + reads + "\n" + QueryPlans.explain(connection, sql, args));
                }
            }
        }
        assertThat(scans).as("check_inbox filter combinations that read the whole ledger").isEmpty();
    }
}
