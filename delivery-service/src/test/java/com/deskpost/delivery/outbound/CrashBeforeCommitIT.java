package com.deskpost.delivery.outbound;

import static com.deskpost.testfixtures.DraftBuilder.aDraft;
import static com.deskpost.testfixtures.LocationBuilder.aLocation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.deskpost.delivery.DeliveryApplication;
import com.deskpost.delivery.DeliveryTestStack;
import com.deskpost.events.AuditEvent;
import com.deskpost.events.AuditType;
import com.deskpost.events.EmailCategory;
import com.deskpost.events.EmailDraft;
import com.deskpost.events.Location;
import com.deskpost.events.OversightMode;
import com.deskpost.events.Release;
import com.deskpost.platform.topic.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * DESIGN §3.4: the ledger row and its SENT audit event are one transaction. Delivery runs as its own
 * process; the test holds a lock on the outbox table, so delivery's transaction stops exactly between
 * the SMTP server's 250 and its commit (the ledger row written, the SENT row waiting for the lock), and
 * kills the process there. Afterwards neither the ledger row nor its SENT event exists, only the dead process's
 * claim, committed before its send; after a restart the mail is sent again once that claim's lease has run out
 * (README's duplicate window) and both exist, once, the claim gone. Never one without the other.
 */
class CrashBeforeCommitIT {

    private static final Duration WAIT = Duration.ofMinutes(3);
    private static final Location LOCATION = Location.newBuilder(aLocation().build()).setLocationId("NYC-1")
            .setJurisdiction("US").setTimeZone("America/New_York").build();

    private static DeliveryTestStack stack;
    private static Path log;
    private static Process delivery;

    @BeforeAll
    static void start() throws Exception {
        stack = DeliveryTestStack.infrastructure();
        stack.topics().publish(Topics.FACILITY_LOCATIONS, LOCATION.getLocationId(), LOCATION);
        log = Files.createTempFile("delivery-process", ".log");
        delivery = launch();
    }

    @AfterAll
    static void stop() throws Exception {
        if (delivery != null) {
            delivery.destroyForcibly().waitFor();
        }
        stack.stop();
        // The delivery processes' own log, for whoever reads a failure.
        List<String> lines = Files.readAllLines(log);
        lines.subList(Math.max(0, lines.size() - 150), lines.size()).forEach(System.out::println);
        Files.deleteIfExists(log);
    }

    @Test
    void aKillBetweenThe250AndTheCommitLeavesNeitherLedgerRowNorSentAndARestartWritesBothOnce() throws Exception {
        // Given delivery running as its own process, having sent one mail the normal way: ledger row and SENT
        EmailDraft normal = draft("normal@example.com");
        release(normal);
        // (its tables exist once the process has migrated its database)
        await().atMost(WAIT).ignoreExceptions().until(() -> ledgerRows(normal) == 1 && sentEvents(normal) == 1);
        assertThat(stack.smtp().messagesTo("normal@example.com")).hasSize(1);

        // When a mail is accepted by the SMTP server while the outbox is locked, and delivery is killed
        // while its transaction (ledger row written, SENT row waiting) cannot commit
        EmailDraft crashed = draft("crashed@example.com");
        try (Connection lock = stack.jdbc().getDataSource().getConnection()) {
            lock.setAutoCommit(false);
            try (Statement statement = lock.createStatement()) {
                statement.execute("lock table outbox in exclusive mode");
            }
            release(crashed);
            await().atMost(WAIT).until(() -> stack.smtp().messagesTo("crashed@example.com").size() == 1);
            await().atMost(WAIT).until(() -> stack.outboxWritesWaitingOnALock() == 1);
            delivery.destroyForcibly().waitFor();
            lock.rollback();
        }

        // Then neither the ledger row nor its SENT event exists: not in the outbox, not on mail.audit
        assertThat(ledgerRows(crashed)).isZero();
        assertThat(jdbc().queryForObject("select count(*) from outbox where topic = ? and record_key = ?",
                Integer.class, Topics.MAIL_AUDIT.name(), crashed.getDraftId())).isZero();
        assertThat(sentEvents(crashed)).isZero();
        // but the claim the dead process committed before its SMTP transaction does
        assertThat(claims(crashed)).isEqualTo(1);

        // When delivery starts again
        delivery = launch();

        // Then, its claim having lapsed, the mail is sent again (the duplicate window), and the ledger row and SENT
        // exist, once each, and the claim is gone
        await().atMost(WAIT).until(() -> ledgerRows(crashed) == 1 && sentEvents(crashed) == 1);
        assertThat(claims(crashed)).isZero();
        assertThat(stack.smtp().messagesTo("crashed@example.com")).hasSize(2);
        // and the mail sent before the crash is neither sent nor recorded again
        assertThat(stack.smtp().messagesTo("normal@example.com")).hasSize(1);
        assertThat(ledgerRows(normal)).isEqualTo(1);
        assertThat(sentEvents(normal)).isEqualTo(1);
    }

    /** Delivery as deployed: its own JVM, this test's classpath, pointed at this test's infrastructure. */
    private static Process launch() throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                "-Xmx512m",
                "-Dspring.profiles.active=dev",
                "-Dorg.apache.avro.SERIALIZABLE_PACKAGES=com.deskpost.events",
                DeliveryApplication.class.getName()));
        // A killed member's partitions move to its successor after this, not after the default 45 s.
        command.addAll(stack.serviceArguments("--spring.kafka.consumer.properties.session.timeout.ms=6000",
                "--spring.kafka.consumer.properties.heartbeat.interval.ms=1000",
                // The killed process's claim keeps its successor off this long (5 minutes by default).
                "--deskpost.delivery.claim.lease=10s"));
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    }

    private static int claims(EmailDraft draft) {
        return jdbc().queryForObject("select count(*) from delivery_claim where draft_id = ?", Integer.class,
                draft.getDraftId());
    }

    private static int ledgerRows(EmailDraft draft) {
        return jdbc().queryForObject("select count(*) from delivery_ledger where draft_id = ?", Integer.class,
                draft.getDraftId());
    }

    private static long sentEvents(EmailDraft draft) {
        List<AuditEvent> events = stack.topics().values(Topics.MAIL_AUDIT);
        return events.stream().filter(event -> event.getDraftId().equals(draft.getDraftId())
                && event.getType() == AuditType.SENT).count();
    }

    private static JdbcTemplate jdbc() {
        return stack.jdbc();
    }

    private static EmailDraft draft(String to) {
        return EmailDraft.newBuilder(aDraft().id(UUID.randomUUID().toString()).at(LOCATION.getLocationId())
                .category(EmailCategory.TRANSACTIONAL).to(to, "Member").subject("Booking confirmed").build())
                .setSupersedeKey("booking:" + to).setEntityVersion(1).build();
    }

    private static void release(EmailDraft draft) {
        Release release = Release.newBuilder().setMode(OversightMode.AUTONOMOUS).setRule("test")
                .setReleasedBy("policy").setReleasedAt(Instant.now()).build();
        stack.topics().publish(Topics.MAIL_OUTBOUND, draft.getSupersedeKey(), DeliveryTestStack.ATTESTATION.release(draft, release));
    }
}
