package com.deskpost.devstack;

import static com.deskpost.devstack.StackQueries.auditTypes;
import static com.deskpost.devstack.StackQueries.composerDirectoryHas;
import static com.deskpost.devstack.StackQueries.part;
import static com.deskpost.devstack.StackQueries.subject;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.deskpost.booking.BookingEventsApplication;
import com.deskpost.events.AuditEvent;
import com.deskpost.events.Location;
import com.deskpost.events.Member;
import com.deskpost.events.ResourceKind;
import com.deskpost.platform.deadletter.DeadLetterHeaders;
import com.deskpost.platform.id.DraftIds;
import com.deskpost.platform.serde.AvroSerdes;
import com.deskpost.platform.topic.Topics;
import com.deskpost.schemas.serde.SchemaRegistryClient;
import com.deskpost.testsupport.Postgres;
import jakarta.mail.internet.MimeMessage;
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
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The vertical slice against real components: a booking on facility.bookings goes through the
 * booking composer, oversight (monitored) and delivery to a real SMTP server, with the audit
 * trail in PostgreSQL and on mail.audit.
 */
class BookingConfirmationEndToEndIT {

    private static final String DIRECTORY_GRACE = "3s";

    private static final Location LONDON = SampleFacility.location("LDN-T", "Deskpost Test Shoreditch", "London",
            "GB", "Europe/London", "UK");
    private static final String STAFF = LONDON.getStaffMailbox();
    private static final Duration WAIT = Duration.ofSeconds(60);

    private static LocalStack stack;
    private static FacilityPublisher publisher;
    private static AvroSerdes serdes;

    @BeforeAll
    static void startStack() {
        // An event for a member the directory never gets is dead-lettered once the grace has passed: briefly here.
        stack = LocalStack.infrastructure(LocalStack.Ports.RANDOM, Postgres.shared())
                .withServiceSettings("--deskpost.directory.grace=" + DIRECTORY_GRACE);
        publisher = new FacilityPublisher(stack.bootstrapServers(), stack.registryUrl());
        serdes = new AvroSerdes(new SchemaRegistryClient(stack.registryUrl()));
        publisher.publish(Topics.FACILITY_LOCATIONS, LONDON.getLocationId(), LONDON);
        for (String id : List.of("M-ADA", "M-GRACE", "M-ALAN")) {
            Member member = member(id);
            publisher.publish(Topics.FACILITY_MEMBERS, id, member);
        }
        stack.startServices();
    }

    @AfterAll
    static void stopStack() {
        publisher.close();
        stack.close();
    }

    @Test
    void bookingIsConfirmedToTheMemberWithAStaffCopyAndAFullAuditTrail() throws Exception {
        // Given a booking of a meeting room in London on the night the clocks go back
        Instant start = Instant.parse("2026-10-25T09:00:00Z"); // 09:00 GMT, the day British Summer Time ends
        var booking = SampleFacility.created("B-1042", "M-ADA", LONDON.getLocationId(),
                SampleFacility.room("R-ADA", "Meeting room Ada", ResourceKind.MEETING_ROOM),
                start, start.plus(Duration.ofHours(1)));

        // When the facility system publishes it
        publisher.publish(Topics.FACILITY_BOOKINGS, "B-1042", booking);

        // Then the member receives one confirmation naming member, room, location, local date and time, booking id
        MimeMessage mail = awaitOneMessageTo("m-ada@members.example");
        String draftId = DraftIds.draftId(booking.getHeader().getEventId(), "booking-confirmation",
                "m-ada@members.example");
        assertThat(mail.getSubject()).contains("Meeting room Ada").contains("Deskpost Test Shoreditch");
        assertThat(mail.getHeader("Message-ID", null)).isEqualTo("<" + draftId + "@ldn-t.deskpost.example>");
        assertThat(mail.getHeader("From", null)).contains("hello@ldn-t.deskpost.example");
        assertThat(mail.getHeader("Auto-Submitted", null)).isEqualTo("auto-generated");
        String text = part(mail, "text/plain");
        String html = part(mail, "text/html");
        for (String body : List.of(text, html)) {
            assertThat(body).contains("Member M-ADA", "Meeting room Ada", "Deskpost Test Shoreditch", "B-1042",
                    "Sunday, 25 October 2026", "09:00", "10:00", "GMT");
        }

        // And the location's staff receive a notification copy
        MimeMessage copy = awaitCopyAbout("Meeting room Ada");
        assertThat(copy.getSubject()).startsWith("[Copy] ");
        assertThat(part(copy, "text/plain")).contains("m-ada@members.example", "B-1042");

        // And the audit trail holds every transition, in PostgreSQL and on mail.audit
        List<String> expected = List.of("DRAFTED", "RELEASED", "SENT", "COPY_SENT");
        await().atMost(WAIT).untilAsserted(() -> assertThat(auditTypes(stack, draftId)).containsAll(expected));
        assertThat(auditTopicTypes(draftId)).containsAll(expected);
    }

    @Test
    void replayingTheBookingsTopicSendsNoSecondConfirmation() throws Exception {
        // Given a booking that was confirmed
        var booking = SampleFacility.created("B-2001", "M-GRACE", LONDON.getLocationId(),
                SampleFacility.room("D-14", "Hot desk 14", ResourceKind.DESK),
                Instant.parse("2026-12-01T10:00:00Z"), Instant.parse("2026-12-01T12:00:00Z"));
        publisher.publish(Topics.FACILITY_BOOKINGS, "B-2001", booking);
        awaitOneMessageTo("m-grace@members.example");
        String draftId = DraftIds.draftId(booking.getHeader().getEventId(), "booking-confirmation",
                "m-grace@members.example");
        await().atMost(WAIT).untilAsserted(() -> assertThat(auditTypes(stack, draftId)).contains("SENT", "COPY_SENT"));

        // When a second composer under a new application id (a new consumer group) replays facility.bookings from 0
        try (ConfigurableApplicationContext replay = stack.start(BookingEventsApplication.builder(), "replay", 0,
                "--spring.kafka.streams.application-id=deskpost-booking-composer-replay-" + UUID.randomUUID())) {
            // Then delivery recognises the draft and skips it, for the member and for the staff copy
            await().atMost(WAIT).untilAsserted(() -> assertThat(auditTypes(stack, draftId))
                    .filteredOn("SKIPPED_DUPLICATE"::equals).hasSizeGreaterThanOrEqualTo(2));
        }
        assertThat(stack.smtp().messagesTo("m-grace@members.example")).hasSize(1);
        assertThat(stack.smtp().messagesTo(STAFF).stream().filter(m -> subject(m).contains("Hot desk 14"))).hasSize(1);
    }

    @Test
    void malformedBookingIsDeadLetteredAndTheNextBookingIsStillConfirmed() throws Exception {
        // Given a facility system that sends JSON instead of Confluent-framed Avro
        byte[] garbage = "{\"booking_id\":\"B-3000\"}".getBytes(StandardCharsets.UTF_8);
        publisher.publishRaw(Topics.FACILITY_BOOKINGS.name(), "B-3000", garbage);
        // and a booking for a member the directory does not know
        publisher.publish(Topics.FACILITY_BOOKINGS, "B-3001", SampleFacility.created("B-3001", "M-NOBODY",
                LONDON.getLocationId(), SampleFacility.room("O-3", "Private office 3", ResourceKind.OFFICE),
                Instant.parse("2026-12-02T10:00:00Z"), Instant.parse("2026-12-02T11:00:00Z")));

        // When a valid booking follows
        publisher.publish(Topics.FACILITY_BOOKINGS, "B-3002", SampleFacility.created("B-3002", "M-ALAN",
                LONDON.getLocationId(), SampleFacility.room("O-3", "Private office 3", ResourceKind.OFFICE),
                Instant.parse("2026-12-03T10:00:00Z"), Instant.parse("2026-12-03T11:00:00Z")));

        // Then both bad records are on facility.bookings.dlq, byte for byte, with the reason
        List<ConsumerRecord<String, byte[]>> dead = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            consumer.subscribe(List.of(Topics.FACILITY_BOOKINGS.deadLetterTopic()));
            await().atMost(WAIT).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(dead::add);
                return dead.stream().map(ConsumerRecord::key).toList().containsAll(List.of("B-3000", "B-3001"));
            });
        }
        var json = dead.stream().filter(r -> r.key().equals("B-3000")).findFirst().orElseThrow();
        assertThat(json.value()).isEqualTo(garbage);
        assertThat(DeadLetterHeaders.reason(json.headers())).contains("magic byte");
        var unknown = dead.stream().filter(r -> r.key().equals("B-3001")).findFirst().orElseThrow();
        assertThat(DeadLetterHeaders.reason(unknown.headers())).contains("Unknown member M-NOBODY");

        // And the valid booking is still confirmed
        assertThat(part(awaitOneMessageTo("m-alan@members.example"), "text/plain")).contains("B-3002");
    }

    @Test
    void undecodableDirectoryRecordsAreDeadLetteredOnceAndEveryServiceGoesOn() throws Exception {
        // Given a directory feed that sends a member and a location no service can decode
        byte[] garbageMember = {0, 0, 0, 0x7f, 0x11, 1, 2, 3};
        byte[] garbageLocation = "not avro".getBytes(StandardCharsets.UTF_8);
        publisher.publishRaw(Topics.FACILITY_MEMBERS.name(), "M-GARBLED", garbageMember);
        publisher.publishRaw(Topics.FACILITY_LOCATIONS.name(), "LOC-GARBLED", garbageLocation);

        // When a new member joins after them and books
        publisher.publish(Topics.FACILITY_MEMBERS, "M-KATHERINE", member("M-KATHERINE"));
        await().atMost(WAIT).until(() -> composerDirectoryHas(stack, "M-KATHERINE"));
        publisher.publish(Topics.FACILITY_BOOKINGS, "B-4001", SampleFacility.created("B-4001", "M-KATHERINE",
                LONDON.getLocationId(), SampleFacility.room("O-4", "Private office 4", ResourceKind.OFFICE),
                Instant.parse("2026-12-04T10:00:00Z"), Instant.parse("2026-12-04T11:00:00Z")));

        // Then she is confirmed: every service's global tables skipped the bad records and read on
        assertThat(part(awaitOneMessageTo("m-katherine@members.example"), "text/plain")).contains("B-4001");
        // and each bad record is dead-lettered once, byte for byte, with its reason
        for (var bad : List.of(Map.entry(Topics.FACILITY_MEMBERS.deadLetterTopic(), garbageMember),
                Map.entry(Topics.FACILITY_LOCATIONS.deadLetterTopic(), garbageLocation))) {
            List<ConsumerRecord<String, byte[]>> dead = new ArrayList<>();
            try (KafkaConsumer<String, byte[]> consumer = consumer()) {
                consumer.subscribe(List.of(bad.getKey()));
                await().atMost(WAIT).until(() -> {
                    consumer.poll(Duration.ofMillis(200)).forEach(dead::add);
                    return !dead.isEmpty();
                });
                consumer.poll(Duration.ofSeconds(2)).forEach(dead::add);
            }
            assertThat(dead).as(bad.getKey()).hasSize(1);
            assertThat(dead.get(0).value()).isEqualTo(bad.getValue());
            assertThat(DeadLetterHeaders.reason(dead.get(0).headers())).as(bad.getKey()).isNotBlank();
        }
    }

    private static Member member(String id) {
        return SampleFacility.member(id, "Member " + id, id.toLowerCase() + "@members.example", "en-GB",
                LONDON.getLocationId());
    }

    private static MimeMessage awaitOneMessageTo(String address) {
        await().atMost(WAIT).until(() -> !stack.smtp().messagesTo(address).isEmpty());
        return stack.smtp().messagesTo(address).get(0);
    }

    private static MimeMessage awaitCopyAbout(String subjectPart) {
        await().atMost(WAIT).until(() -> stack.smtp().messagesTo(STAFF).stream()
                .anyMatch(m -> subject(m).contains(subjectPart)));
        return stack.smtp().messagesTo(STAFF).stream().filter(m -> subject(m).contains(subjectPart)).findFirst()
                .orElseThrow();
    }

    private static List<String> auditTopicTypes(String draftId) {
        List<String> types = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            consumer.subscribe(List.of(Topics.MAIL_AUDIT.name()));
            await().atMost(WAIT).until(() -> {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    AuditEvent event = serdes.deserialize(Topics.MAIL_AUDIT, record.value());
                    if (event.getDraftId().equals(draftId)) {
                        types.add(event.getType().name());
                    }
                }
                return types.containsAll(List.of("DRAFTED", "RELEASED", "SENT", "COPY_SENT"));
            });
        }
        return types;
    }

    private static KafkaConsumer<String, byte[]> consumer() {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new StringDeserializer(), new ByteArrayDeserializer());
    }
}
