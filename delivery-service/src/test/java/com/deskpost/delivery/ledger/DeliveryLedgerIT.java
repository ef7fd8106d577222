package com.deskpost.delivery.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.deskpost.delivery.ledger.DeliveryLedger.Kind;
import com.deskpost.delivery.sending.DeliveryProperties;
import com.deskpost.delivery.testdata.DeliveryDatabase;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/** The idempotency ledger against real PostgreSQL: one row per (draft, recipient) the SMTP server accepted. */
class DeliveryLedgerIT {

    private static final String DRAFT = "0b7e3c1a-5d2f-3e4a-9c1b-2f6d8e0a1b42";
    private static final String ADA = "ada@example.com";
    private static final String STAFF = "staff@shoreditch.deskpost.example";
    private static final Instant SENT_AT = Instant.parse("2025-03-03T09:00:01Z");

    private JdbcTemplate jdbc;
    private TransactionTemplate transactions;
    private DeliveryLedger ledger;
    private final ExecutorService senders = Executors.newFixedThreadPool(4);

    @BeforeEach
    void freshLedger() {
        DeliveryDatabase database = DeliveryDatabase.fresh("ledger");
        jdbc = database.jdbc();
        transactions = database.transactions();
        ledger = new DeliveryLedger(jdbc, transactions, settings(true));
    }

    private static DeliveryProperties settings(boolean ledger) {
        return new DeliveryProperties(null, null, null, "test", ledger);
    }

    @AfterEach
    void stopSenders() {
        senders.shutdownNow();
    }

    @Test
    void aDraftIsAlreadySentToARecipientOnlyOnceRecorded() {
        // Given
        assertThat(ledger.alreadySent(DRAFT, ADA)).isFalse();

        // When
        ledger.recordSent(draft(), ADA, Kind.PRIMARY, "<" + DRAFT + "@shoreditch.deskpost.example>", SENT_AT);

        // Then
        assertThat(ledger.alreadySent(DRAFT, ADA)).isTrue();
        assertThat(ledger.alreadySent(DRAFT, STAFF)).isFalse();
        assertThat(ledger.alreadySent("another-draft", ADA)).isFalse();
    }

    @Test
    void withTheLedgerSwitchedOffForABenchmarkNothingIsRecordedOrRecognised() {
        DeliveryLedger off = new DeliveryLedger(jdbc, transactions, settings(false));

        off.recordSent(draft(), ADA, Kind.PRIMARY, "<" + DRAFT + "@shoreditch.deskpost.example>", SENT_AT);

        assertThat(off.alreadySent(DRAFT, ADA)).isFalse();
        assertThat(jdbc.queryForObject("select count(*) from delivery_ledger", Integer.class)).isZero();
    }

    @Test
    void theStaffCopyIsLedgeredSeparatelyFromTheMembersMail() {
        // When
        ledger.recordSent(draft(), ADA, Kind.PRIMARY, "<" + DRAFT + "@shoreditch.deskpost.example>", SENT_AT);
        ledger.recordSent(draft(), STAFF, Kind.COPY, "<" + DRAFT + ".copy@shoreditch.deskpost.example>", SENT_AT);

        // Then
        assertThat(ledger.alreadySent(DRAFT, ADA)).isTrue();
        assertThat(ledger.alreadySent(DRAFT, STAFF)).isTrue();
        assertThat(jdbc.queryForList("select recipient, kind from delivery_ledger order by recipient")).containsExactly(
                Map.of("recipient", ADA, "kind", "PRIMARY"), Map.of("recipient", STAFF, "kind", "COPY"));
    }

    @Test
    void recordingTheSameSendTwiceIsANoOpThatKeepsTheFirstRecord() {
        // Given
        ledger.recordSent(draft(), ADA, Kind.PRIMARY, "<first@shoreditch.deskpost.example>", SENT_AT);

        // When / Then
        assertThatCode(() -> ledger.recordSent(draft(), ADA, Kind.PRIMARY, "<second@shoreditch.deskpost.example>",
                SENT_AT.plusSeconds(5))).doesNotThrowAnyException();
        assertThat(jdbc.queryForList("select message_id from delivery_ledger", String.class))
                .containsExactly("<first@shoreditch.deskpost.example>");
        assertThat(ledger.alreadySent(DRAFT, ADA)).isTrue();
    }

    @Test
    void concurrentIdenticalRecordsLeaveOneRowAndNoError() throws Exception {
        // Given: four deliveries of the same redelivered draft finishing together
        CyclicBarrier together = new CyclicBarrier(4);
        List<Future<?>> done = new ArrayList<>();

        // When
        for (int i = 0; i < 4; i++) {
            done.add(senders.submit(() -> {
                together.await(30, TimeUnit.SECONDS);
                ledger.recordSent(draft(), ADA, Kind.PRIMARY, "<" + DRAFT + "@shoreditch.deskpost.example>", SENT_AT);
                return null;
            }));
        }
        for (Future<?> sender : done) {
            sender.get(1, TimeUnit.MINUTES);
        }

        // Then
        assertThat(jdbc.queryForObject("select count(*) from delivery_ledger", Integer.class)).isEqualTo(1);
    }

    @Test
    void whatMustExistWithTheRowCommitsWithItOrNotAtAll() {
        // Given a send whose audit write fails inside the ledger's transaction
        assertThatCode(() -> ledger.recordSent(draft(), ADA, Kind.PRIMARY, "<m@shoreditch.deskpost.example>", SENT_AT,
                () -> {
                    jdbc.update("create table sent_audit (id text)");
                    throw new IllegalStateException("audit not written");
                })).isInstanceOf(IllegalStateException.class);

        // Then neither the row nor anything written beside it remains
        assertThat(ledger.alreadySent(DRAFT, ADA)).isFalse();
        assertThat(jdbc.queryForObject("select count(*) from pg_tables where tablename = 'sent_audit'", Integer.class))
                .isZero();
    }

    @Test
    void concurrentIdenticalRecordsWriteWhatGoesWithTheRowOnce() throws Exception {
        // Given: four deliveries of the same redelivered draft finishing together, each with its audit event
        jdbc.execute("create table sent_audit (id text)");
        CyclicBarrier together = new CyclicBarrier(4);
        List<Future<?>> done = new ArrayList<>();

        // When
        for (int i = 0; i < 4; i++) {
            done.add(senders.submit(() -> {
                together.await(30, TimeUnit.SECONDS);
                ledger.recordSent(draft(), ADA, Kind.PRIMARY, "<" + DRAFT + "@shoreditch.deskpost.example>", SENT_AT,
                        () -> jdbc.update("insert into sent_audit values ('SENT')"));
                return null;
            }));
        }
        for (Future<?> sender : done) {
            sender.get(1, TimeUnit.MINUTES);
        }

        // Then one row, and one audit event
        assertThat(jdbc.queryForObject("select count(*) from delivery_ledger", Integer.class)).isEqualTo(1);
        assertThat(jdbc.queryForObject("select count(*) from sent_audit", Integer.class)).isEqualTo(1);
    }

    private static com.deskpost.events.EmailDraft draft() {
        return com.deskpost.testfixtures.DraftBuilder.aDraft().id(DRAFT).build();
    }
}
