package com.deskpost.devstack;

import static com.deskpost.devstack.StackQueries.auditTypes;
import static com.deskpost.devstack.StackQueries.composerDirectoryHas;
import static com.deskpost.devstack.StackQueries.part;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.deskpost.events.BookingEvent;
import com.deskpost.events.Location;
import com.deskpost.events.ResourceKind;
import com.deskpost.ops.OpsCli;
import com.deskpost.platform.deadletter.DeadLetterHeaders;
import com.deskpost.platform.id.DraftIds;
import com.deskpost.platform.topic.Topics;
import com.deskpost.testsupport.Postgres;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The operator's fix-and-redrive, end to end: a booking for a member the directory does not know
 * yet is dead-lettered; the member is added; the ops CLI, called as an operator would type it,
 * sends the dead letter back; the confirmation reaches the SMTP server once. Then the CLI
 * verifies the audit chain and shows the draft's history from the running delivery service.
 */
class RedriveEndToEndIT {

    private static final String DIRECTORY_GRACE = "3s";

    private static final Location LOCATION = SampleFacility.location("RDV-1", "Deskpost Redrive Yard", "London",
            "GB", "Europe/London", "UK");
    private static final String MEMBER = "M-LATE";
    private static final String EMAIL = "m-late@members.example";
    private static final Duration WAIT = Duration.ofSeconds(60);

    private static LocalStack stack;
    private static FacilityPublisher publisher;

    record Cli(int code, String out, String err) {
    }

    @BeforeAll
    static void startStack() {
        // An event for a member the directory never gets is dead-lettered once the grace has passed: briefly here.
        stack = LocalStack.infrastructure(LocalStack.Ports.RANDOM, Postgres.shared())
                .withServiceSettings("--deskpost.directory.grace=" + DIRECTORY_GRACE);
        publisher = new FacilityPublisher(stack.bootstrapServers(), stack.registryUrl());
        publisher.publish(Topics.FACILITY_LOCATIONS, LOCATION.getLocationId(), LOCATION);
        stack.startServices();
    }

    @AfterAll
    static void stopStack() {
        publisher.close();
        stack.close();
    }

    @Test
    void deadLetteredBookingIsRedrivenAfterTheFixAndConfirmedOnce() throws Exception {
        // Given a booking for a member the directory does not have yet, dead-lettered with the reason
        BookingEvent booking = booking("B-RD-1", Instant.parse("2026-12-07T10:00:00Z"));
        publisher.publish(Topics.FACILITY_BOOKINGS, "B-RD-1", booking);
        ConsumerRecord<String, byte[]> deadLetter = awaitDeadLetter("B-RD-1");
        assertThat(DeadLetterHeaders.reason(deadLetter.headers())).contains("Unknown member " + MEMBER);
        Cli tail = cli("tail", "--topic", "facility.bookings.dlq", "--from-beginning",
                "--bootstrap-servers", stack.bootstrapServers(), "--registry", stack.registryUrl());
        assertThat(tail.out()).contains("\"reason\":\"Unknown member " + MEMBER).contains("\"booking_id\":\"B-RD-1\"");

        // And the fix: the member is added to the directory, and the booking composer's directory has it
        publisher.publish(Topics.FACILITY_MEMBERS, MEMBER, SampleFacility.member(MEMBER, "Member Late", EMAIL, "en-GB",
                LOCATION.getLocationId()));
        await().atMost(WAIT).until(() -> composerDirectoryHas(stack, MEMBER));

        // When the operator redrives the dead-letter topic with the CLI
        Cli redrive = cli("redrive", "--from", "facility.bookings.dlq",
                "--bootstrap-servers", stack.bootstrapServers(), "--registry", stack.registryUrl());

        // Then it is sent back and its confirmation arrives, once
        assertThat(redrive.code()).as(redrive.err()).isZero();
        assertThat(redrive.out()).contains("key B-RD-1 -> facility.bookings")
                .contains("redriven: 1, skipped: 0, remaining: 0");
        await().atMost(WAIT).until(() -> !mailsAbout("B-RD-1").isEmpty());
        String draftId = DraftIds.draftId(booking.getHeader().getEventId(), "booking-confirmation", EMAIL);
        await().atMost(WAIT).untilAsserted(() -> assertThat(auditTypes(stack, draftId)).contains("SENT", "COPY_SENT"));

        // And a second redrive finds nothing to send, so the member still has exactly one confirmation
        Cli again = cli("redrive", "--from", "facility.bookings.dlq",
                "--bootstrap-servers", stack.bootstrapServers(), "--registry", stack.registryUrl());
        assertThat(again.out()).contains("redriven: 0, skipped: 0, remaining: 0");
        assertThat(mailsAbout("B-RD-1")).hasSize(1);
        assertThat(auditTypes(stack, draftId)).filteredOn("SENT"::equals).hasSize(1);

        // And the CLI reads the running audit service: the audit chain is intact, the draft's history complete
        String auditUrl = "http://localhost:" + stack.httpPort("audit-service");
        Cli verify = cli("verify-audit", "--audit-url", auditUrl);
        assertThat(verify.code()).as(verify.err()).isZero();
        assertThat(verify.out()).startsWith("Audit chain intact: ");
        Cli history = cli("history", draftId, "--audit-url", auditUrl);
        assertThat(history.code()).as(history.err()).isZero();
        assertThat(history.out()).contains("History of draft " + draftId)
                .contains("DRAFTED", "RELEASED", "SENT", "COPY_SENT").contains(EMAIL);
        Cli unknown = cli("history", UUID.randomUUID().toString(), "--audit-url", auditUrl);
        assertThat(unknown.code()).isEqualTo(2);
        assertThat(unknown.err()).contains("No audit rows for draft");
    }

    private static BookingEvent booking(String bookingId, Instant start) {
        return SampleFacility.created(bookingId, MEMBER, LOCATION.getLocationId(),
                SampleFacility.room("O-9", "Private office 9", ResourceKind.OFFICE), start, start.plus(Duration.ofHours(1)));
    }

    private static List<MimeMessage> mailsAbout(String bookingId) throws Exception {
        List<MimeMessage> about = new ArrayList<>();
        for (MimeMessage message : stack.smtp().messagesTo(EMAIL)) {
            if (part(message, "text/plain").contains(bookingId)) {
                about.add(message);
            }
        }
        return about;
    }

    private static Cli cli(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = OpsCli.run(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), args);
        return new Cli(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static ConsumerRecord<String, byte[]> awaitDeadLetter(String key) {
        List<ConsumerRecord<String, byte[]>> dead = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.FACILITY_BOOKINGS.deadLetterTopic()));
            await().atMost(WAIT).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(dead::add);
                return dead.stream().anyMatch(r -> key.equals(r.key()));
            });
        }
        return dead.stream().filter(r -> key.equals(r.key())).findFirst().orElseThrow();
    }
}
