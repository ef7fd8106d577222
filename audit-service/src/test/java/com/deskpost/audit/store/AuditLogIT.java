package com.deskpost.audit.store;

import static com.deskpost.audit.testdata.AuditEventBuilder.anAuditEvent;
import static org.assertj.core.api.Assertions.assertThat;

import com.deskpost.audit.AuditTestStack;
import com.deskpost.audit.testdata.AuditDatabase;
import com.deskpost.events.AuditEvent;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
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

/**
 * The audit store against real PostgreSQL: each row's SHA-256 covers its chain, its position, the
 * previous row's hash and the row's own content, so the chain can be verified from the table and the
 * pseudonym secret alone; replays are stored once; concurrent writers to one chain still produce one
 * unbroken chain.
 */
class AuditLogIT {

    private static final String GENESIS = "0000000000000000000000000000000000000000000000000000000000000000";
    private static final String CHAIN = "mail.audit-0";

    private JdbcTemplate jdbc;
    private AuditLog log;
    private final ExecutorService writers = Executors.newFixedThreadPool(4);

    @BeforeEach
    void freshAuditStore() {
        AuditDatabase database = AuditDatabase.fresh("audit");
        jdbc = database.jdbc();
        log = database.auditLog();
    }

    @AfterEach
    void stopWriters() {
        writers.shutdownNow();
    }

    @Test
    void threeAppendedEventsFormAChainVerifiableFromTheTableAlone() {
        // Given
        AuditEvent first = anAuditEvent(1).build();
        AuditEvent second = anAuditEvent(2).build();
        AuditEvent third = anAuditEvent(3).build();

        // When
        log.append(first);
        log.append(second);
        log.append(third);

        // Then
        List<Row> rows = rows();
        assertThat(rows).extracting(Row::auditId).containsExactly("audit-1", "audit-2", "audit-3");
        assertThat(rows).extracting(Row::chainId).containsOnly(CHAIN);
        assertThat(rows).extracting(Row::chainPosition).containsExactly(1L, 2L, 3L);
        assertThat(rows.get(0).prevHash()).isEqualTo(GENESIS);
        assertThat(rows.get(1).prevHash()).isEqualTo(rows.get(0).hash());
        assertThat(rows.get(2).prevHash()).isEqualTo(rows.get(1).hash());
        for (Row row : rows) {
            assertThat(row.hash()).as("hash of %s", row.auditId()).isEqualTo(row.recomputedHash());
        }
        assertThat(rows).extracting(Row::hash).doesNotHaveDuplicates();
    }

    @Test
    void theStoredRowHoldsTheEventsFieldsAndCanonicalAttributes() {
        // Given
        AuditEvent event = anAuditEvent(1).build();

        // When
        log.append(event);

        // Then
        Row row = rows().get(0);
        assertThat(row.draftId()).isEqualTo("draft-1");
        assertThat(row.type()).isEqualTo("SENT");
        assertThat(row.occurredAtMillis()).isEqualTo(event.getOccurredAt().toEpochMilli());
        assertThat(row.actor()).isEqualTo("delivery-service");
        assertThat(row.recipient()).isEqualTo("member1@example.com");
        assertThat(row.locationId()).isEqualTo("LDN-1");
        assertThat(row.threadKey()).isEqualTo("booking:B-1");
        assertThat(row.correlationId()).isEqualTo("corr-1");
        assertThat(row.messageId()).isEqualTo("<draft-1@shoreditch.deskpost.example>");
        assertThat(row.detail()).isEqualTo("Accepted by SMTP server");
        assertThat(row.attributes())
                .isEqualTo("{\"category\":\"TRANSACTIONAL\",\"mode\":\"MONITORED\",\"template\":\"booking-confirmation\"}");
        // No event type: recorded under its category's default entry of the records of processing
        assertThat(row.processingActivity()).isEqualTo("category:TRANSACTIONAL");
        assertThat(row.lawfulBasis()).isEqualTo("CONTRACT");
        assertThat(row.purpose()).startsWith("Mail the member's contract");
        assertThat(row.hash()).isEqualTo(log.hash(CHAIN, 1, GENESIS, event, AuditLog.canonicalAttributes(event)));
        assertThat(row.hash()).isEqualTo(row.recomputedHash());
    }

    @Test
    void eventsWithoutOptionalFieldsAreChainedToo() {
        // Given
        AuditEvent sparse = anAuditEvent(1).setRecipient(null).setLocationId(null).setThreadKey(null)
                .setCorrelationId(null).setMessageId(null).setDetail(null).setAttributes(Map.of()).build();

        // When
        log.append(sparse);
        log.append(anAuditEvent(2).build());

        // Then
        List<Row> rows = rows();
        assertThat(rows.get(0).recipient()).isNull();
        assertThat(rows.get(0).attributes()).isEqualTo("{}");
        assertThat(rows.get(0).hash()).isEqualTo(rows.get(0).recomputedHash());
        assertThat(rows.get(1).prevHash()).isEqualTo(rows.get(0).hash());
    }

    @Test
    void anEditedRowNoLongerMatchesItsHash() {
        // Given
        log.append(anAuditEvent(1).build());
        log.append(anAuditEvent(2).build());

        // When: someone with table access rewrites history
        jdbc.update("update audit_log set recipient = 'mallory@example.com' where audit_id = 'audit-1'");

        // Then
        List<Row> rows = rows();
        assertThat(rows.get(0).hash()).isNotEqualTo(rows.get(0).recomputedHash());
        assertThat(rows.get(1).hash()).isEqualTo(rows.get(1).recomputedHash());
    }

    @Test
    void aReplayedAuditIdIsStoredOnce() {
        // Given
        AuditEvent event = anAuditEvent(1).build();
        log.append(event);

        // When: the same transition again, even if some text differs
        log.append(event);
        log.append(AuditEvent.newBuilder(event).setDetail("replayed").build());
        log.append(anAuditEvent(2).build());

        // Then
        List<Row> rows = rows();
        assertThat(rows).extracting(Row::auditId).containsExactly("audit-1", "audit-2");
        assertThat(rows.get(0).detail()).isEqualTo("Accepted by SMTP server");
        assertThat(rows.get(1).prevHash()).isEqualTo(rows.get(0).hash());
    }

    @Test
    void fourConcurrentWritersProduceOneUnbrokenChain() throws Exception {
        // Given: four writers of 25 events each, released together
        CyclicBarrier start = new CyclicBarrier(4);
        List<Future<?>> done = new ArrayList<>();

        // When
        for (int writer = 0; writer < 4; writer++) {
            int first = writer * 25;
            done.add(writers.submit(() -> {
                start.await(30, TimeUnit.SECONDS);
                IntStream.range(first, first + 25).forEach(n -> log.append(anAuditEvent(n).build()));
                return null;
            }));
        }
        for (Future<?> writer : done) {
            writer.get(2, TimeUnit.MINUTES);
        }

        // Then
        List<Row> rows = rows();
        assertThat(rows).hasSize(100);
        assertThat(rows).extracting(Row::auditId).doesNotHaveDuplicates();
        assertIntactChain(rows);
    }

    @Test
    void concurrentReplaysOfTheSameEventsStoreEachOnce() throws Exception {
        // Given: four writers replaying the same 25 events at once
        CyclicBarrier start = new CyclicBarrier(4);
        List<Future<?>> done = new ArrayList<>();

        // When
        for (int writer = 0; writer < 4; writer++) {
            done.add(writers.submit(() -> {
                start.await(30, TimeUnit.SECONDS);
                IntStream.range(0, 25).forEach(n -> log.append(anAuditEvent(n).build()));
                return null;
            }));
        }
        for (Future<?> writer : done) {
            writer.get(2, TimeUnit.MINUTES);
        }

        // Then
        List<Row> rows = rows();
        assertThat(rows).hasSize(25);
        assertIntactChain(rows);
    }

    private static void assertIntactChain(List<Row> rows) {
        String expectedPrev = GENESIS;
        long position = 0;
        for (Row row : rows) {
            assertThat(row.chainPosition()).as("position of seq %d", row.seq()).isEqualTo(++position);
            assertThat(row.prevHash()).as("prev_hash of seq %d", row.seq()).isEqualTo(expectedPrev);
            assertThat(row.hash()).as("hash of seq %d", row.seq()).isEqualTo(row.recomputedHash());
            expectedPrev = row.hash();
        }
    }

    private List<Row> rows() {
        return jdbc.query("select * from audit_log order by seq", (rs, n) -> new Row(
                rs.getLong("seq"), rs.getString("chain_id"), rs.getLong("chain_position"), rs.getString("audit_id"), rs.getString("draft_id"), rs.getString("type"),
                rs.getObject("occurred_at", OffsetDateTime.class).toInstant().toEpochMilli(), rs.getString("actor"),
                rs.getString("recipient"), rs.getString("location_id"), rs.getString("thread_key"),
                rs.getString("correlation_id"), rs.getString("message_id"), rs.getString("detail"),
                rs.getString("recipient_digest"), rs.getString("detail_digest"),
                rs.getString("attributes"), rs.getString("prev_hash"), rs.getString("hash"),
                rs.getString("processing_activity"), rs.getString("lawful_basis"), rs.getString("purpose")));
    }

    @Test
    void anErasedAddressEntersTheTrailOnlyAsItsPseudonym() {
        // Given an address erased under GDPR
        jdbc.update("insert into erased_recipients (pseudonym, erased_at) values (?, now())",
                AuditDatabase.PSEUDONYMS.of("ada@example.com"));

        // When a later transition about it is stored (a suppression, say)
        AuditEvent event = anAuditEvent(1).build();
        event.setRecipient("Ada@Example.com");
        event.setDetail("Suppressed: mail to Ada@Example.com");
        log.append(event);

        // Then the row holds the pseudonym and no free text, yet its digests keep the chain verifiable
        Row row = rows().get(0);
        assertThat(row.recipient()).isEqualTo(AuditDatabase.PSEUDONYMS.of("ada@example.com"));
        assertThat(row.detail()).isNull();
        assertThat(row.recipientDigest()).isEqualTo(log.recipientDigest("Ada@Example.com"));
        assertThat(row.hash()).isEqualTo(log.hash(CHAIN, 1, GENESIS, event, AuditLog.canonicalAttributes(event)));
        // And the digest it leaves is keyed: hashing a guessed address does not find it
        assertThat(row.recipientDigest()).isNotEqualTo(Row.sha256("ada@example.com"))
                .isNotEqualTo(Row.sha256("Ada@Example.com")).startsWith(row.recipient().substring("erased:".length()));
    }

    @Test
    void anAddressErasedBeforeKeyedPseudonymsAlsoEntersTheTrailOnlyAsAPseudonym() {
        // Given an erasure stored under the old unkeyed pseudonym (erased: + 16 hex digits of SHA-256)
        jdbc.update("insert into erased_recipients (pseudonym, erased_at) values (?, now())",
                "erased:" + Row.sha256("ada@example.com").substring(0, 16));

        // When a later transition about it is stored
        AuditEvent event = anAuditEvent(1).build();
        event.setRecipient("ada@example.com");
        log.append(event);

        // Then the row holds the keyed pseudonym, not the address
        assertThat(rows().get(0).recipient()).isEqualTo(AuditDatabase.PSEUDONYMS.of("ada@example.com"));
    }

    /** One stored row, and its hash as an auditor would recompute it from the columns alone. */
    private record Row(long seq, String chainId, long chainPosition, String auditId, String draftId, String type, long occurredAtMillis, String actor,
            String recipient, String locationId, String threadKey, String correlationId, String messageId,
            String detail, String recipientDigest, String detailDigest, String attributes, String prevHash,
            String hash, String processingActivity, String lawfulBasis, String purpose) {

        /**
         * SHA-256 over the format tag, the chain, the position and the fields, each written as
         * "length:value", absent values as "-1:", then the processing activity, lawful basis and purpose
         * (format 3; format 2, without them, for a row that has none); personal fields
         * (recipient, detail) enter as the HMAC-SHA256 under the pseudonym secret of the column (the
         * recipient lower-cased and trimmed), recomputed here from the column itself.
         */
        String recomputedHash() {
            StringBuilder content = new StringBuilder();
            boolean recorded = processingActivity != null;
            for (String field : new String[] {recorded ? "deskpost-audit-chain/3" : "deskpost-audit-chain/2",
                    chainId, Long.toString(chainPosition),
                    prevHash, auditId, draftId, type, Long.toString(occurredAtMillis),
                    actor, hmac(recipient == null ? null : recipient.trim().toLowerCase(Locale.ROOT)), locationId,
                    threadKey, correlationId, messageId, hmac(detail),
                    attributes}) {
                content.append(field == null ? "-1:" : field.length() + ":" + field);
            }
            if (recorded) {
                for (String field : new String[] {processingActivity, lawfulBasis, purpose}) {
                    content.append(field == null ? "-1:" : field.length() + ":" + field);
                }
            }
            return sha256(content.toString());
        }

        private static String hmac(String text) {
            if (text == null) {
                return null;
            }
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(AuditTestStack.PSEUDONYM_SECRET.getBytes(StandardCharsets.UTF_8),
                        "HmacSHA256"));
                return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        static String sha256(String text) {
            if (text == null) {
                return null;
            }
            try {
                return HexFormat.of().formatHex(
                        MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
