package com.deskpost.delivery.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.awaitility.Awaitility.await;

import com.deskpost.delivery.ledger.DeliveryLedger.Kind;
import com.deskpost.delivery.sending.DeliveryProperties;
import com.deskpost.delivery.testdata.DeliveryDatabase;
import com.deskpost.platform.observability.MailMetrics;
import com.deskpost.platform.observability.MailMetrics.ClaimOutcome;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
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

/**
 * The idempotency ledger against real PostgreSQL: one row per (draft, recipient) the SMTP server accepted, and
 * one live claim per (draft, recipient) before its send. Each consumer is a thread of its own, as listener
 * threads are.
 */
class DeliveryLedgerIT {

    private static final String DRAFT = "0b7e3c1a-5d2f-3e4a-9c1b-2f6d8e0a1b42";
    private static final String ADA = "ada@example.com";
    private static final String STAFF = "staff@shoreditch.deskpost.example";
    private static final Instant SENT_AT = Instant.parse("2025-03-03T09:00:01Z");

    private JdbcTemplate jdbc;
    private TransactionTemplate transactions;
    private DeliveryLedger ledger;
    private SimpleMeterRegistry registry;
    private final ExecutorService senders = Executors.newFixedThreadPool(4);

    @BeforeEach
    void freshLedger() {
        DeliveryDatabase database = DeliveryDatabase.fresh("ledger");
        jdbc = database.jdbc();
        transactions = database.transactions();
        registry = new SimpleMeterRegistry();
        ledger = new DeliveryLedger(jdbc, transactions, settings(true), new MailMetrics(registry));
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

    @Test
    void aSecondConsumerWaitsForTheClaimOfTheFirstAndThenFindsTheMailSent() throws Exception {
        // Given one consumer holding the claim, its mail with the relay
        Claim first = senders.submit(() -> ledger.claim(DRAFT, ADA)).get(1, TimeUnit.MINUTES).orElseThrow();
        assertThat(claimRows()).isEqualTo(1);

        // When a second consumer (another thread) claims the same mail, and the first records its send
        Future<Optional<Claim>> second = senders.submit(() -> ledger.claim(DRAFT, ADA));
        await().atMost(Duration.ofMinutes(1)).until(() -> claimsCounted(ClaimOutcome.HELD_ELSEWHERE) == 1);
        assertThat(second).isNotDone();
        ledger.recordSent(first, draft(), Kind.PRIMARY, "<" + DRAFT + "@shoreditch.deskpost.example>", SENT_AT,
                () -> { });

        // Then the second finds the mail sent (nothing to send), and the claim is gone with the commit
        assertThat(second.get(1, TimeUnit.MINUTES)).isEmpty();
        assertThat(claimRows()).isZero();
        assertThat(claimsCounted(ClaimOutcome.ALREADY_SENT)).isEqualTo(1);
        assertThat(registry.get(MailMetrics.DUPLICATE_WINDOW).tag(MailMetrics.FROM, "claim").timer().count())
                .isEqualTo(1);
    }

    @Test
    void aClaimThatWaitedForTheHoldersCommitFindsTheSendThatCommitMade() throws Exception {
        // Given the first consumer recording its send, its transaction (ledger row, claim released) not yet committed
        Claim first = senders.submit(() -> ledger.claim(DRAFT, ADA)).get(1, TimeUnit.MINUTES).orElseThrow();
        CountDownLatch commit = new CountDownLatch(1);
        Future<?> recording = senders.submit(() -> transactions.executeWithoutResult(status -> {
            ledger.recordSent(first, draft(), Kind.PRIMARY, "<" + DRAFT + "@shoreditch.deskpost.example>", SENT_AT,
                    () -> { });
            await().atMost(Duration.ofMinutes(1)).until(() -> commit.getCount() == 0);
        }));
        await().atMost(Duration.ofMinutes(1)).until(() -> jdbc.queryForObject(
                "select count(*) from pg_stat_activity where datname = current_database()"
                + " and state = 'idle in transaction'", Integer.class) == 1);

        // When a second consumer claims the mail: its claim waits on the row the first is deleting; the first commits
        Future<Optional<Claim>> second = senders.submit(() -> ledger.claim(DRAFT, ADA));
        await().atMost(Duration.ofMinutes(1)).until(() -> jdbc.queryForObject(
                "select count(*) from pg_stat_activity where datname = current_database()"
                + " and wait_event_type = 'Lock' and query like '%insert into delivery_claim%'", Integer.class) == 1);
        commit.countDown();
        recording.get(1, TimeUnit.MINUTES);

        // Then the claim was granted as the lock cleared (no claim was left to find), yet the ledger's read after it
        // saw the send: nothing to send, no claim kept, and it never found the claim held
        assertThat(second.get(1, TimeUnit.MINUTES)).isEmpty();
        assertThat(claimRows()).isZero();
        assertThat(claimsCounted(ClaimOutcome.ALREADY_SENT)).isEqualTo(1);
        assertThat(claimsCounted(ClaimOutcome.HELD_ELSEWHERE)).isZero();
    }

    @Test
    void aClaimGivenUpAfterAFailedSendIsTakenAtOnceByTheNextConsumer() throws Exception {
        // Given a consumer whose send failed, its claim released
        Claim first = senders.submit(() -> ledger.claim(DRAFT, ADA)).get(1, TimeUnit.MINUTES).orElseThrow();
        ledger.release(first);

        // When another consumer claims the mail
        Optional<Claim> second = senders.submit(() -> ledger.claim(DRAFT, ADA)).get(1, TimeUnit.MINUTES);

        // Then it holds it without having waited
        assertThat(second).isPresent();
        assertThat(second.get().claimant()).isNotEqualTo(first.claimant());
        assertThat(claimsCounted(ClaimOutcome.HELD_ELSEWHERE)).isZero();
    }

    @Test
    void theClaimOfAConsumerThatCrashedIsTakenOverWhenItsLeaseRunsOut() throws Exception {
        // Given a claim of a consumer that died with it (a one-second lease), nothing recorded
        DeliveryLedger shortLeases = new DeliveryLedger(jdbc, transactions, new DeliveryProperties(null, null, null,
                "test", true, null, new DeliveryProperties.Claim(Duration.ofSeconds(1)), null, null), new MailMetrics(registry));
        Claim crashed = senders.submit(() -> shortLeases.claim(DRAFT, ADA)).get(1, TimeUnit.MINUTES).orElseThrow();

        // When another consumer claims the mail
        Optional<Claim> successor = senders.submit(() -> shortLeases.claim(DRAFT, ADA)).get(1, TimeUnit.MINUTES);

        // Then it takes the claim over (and will send)
        assertThat(successor).isPresent();
        assertThat(successor.get().claimant()).isNotEqualTo(crashed.claimant());
        assertThat(claimsCounted(ClaimOutcome.TAKEN_OVER)).isEqualTo(1);
        assertThat(jdbc.queryForObject("select claimant from delivery_claim", String.class))
                .isEqualTo(successor.get().claimant());
    }

    @Test
    void noClaimIsGrantedForAMailTheLedgerHas() {
        // Given
        ledger.recordSent(draft(), ADA, Kind.PRIMARY, "<" + DRAFT + "@shoreditch.deskpost.example>", SENT_AT);

        // When / Then
        assertThat(ledger.claim(DRAFT, ADA)).isEmpty();
        assertThat(claimRows()).isZero();
    }

    private int claimRows() {
        return jdbc.queryForObject("select count(*) from delivery_claim", Integer.class);
    }

    private double claimsCounted(ClaimOutcome outcome) {
        var counter = registry.find(MailMetrics.CLAIMS).tag(MailMetrics.OUTCOME, outcome.name().toLowerCase()).counter();
        return counter == null ? 0 : counter.count();
    }

    private static com.deskpost.events.EmailDraft draft() {
        return com.deskpost.testfixtures.DraftBuilder.aDraft().id(DRAFT).build();
    }
}
