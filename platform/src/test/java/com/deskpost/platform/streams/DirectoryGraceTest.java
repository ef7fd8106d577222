package com.deskpost.platform.streams;

import static org.assertj.core.api.Assertions.assertThat;

import com.deskpost.events.BookingCancelled;
import com.deskpost.events.BookingEvent;
import com.deskpost.events.EmailDraft;
import com.deskpost.events.EventHeader;
import com.deskpost.events.Member;
import com.deskpost.events.Recipient;
import com.deskpost.platform.TestDrafts;
import com.deskpost.platform.deadletter.DeadLetterHeaders;
import com.deskpost.platform.directory.Directory;
import com.deskpost.platform.directory.DirectoryTables;
import com.deskpost.platform.observability.MailMetrics;
import com.deskpost.platform.serde.AvroSerdes;
import com.deskpost.platform.topic.Topics;
import com.deskpost.schemas.serde.SchemaRegistryClient;
import com.deskpost.testsupport.registry.SchemaRegistryServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.support.KafkaHeaders;

/**
 * An event naming a member the directory does not have yet waits for it instead of being dead-lettered:
 * released as if it had just arrived once the member is published, dead-lettered with the reason once the
 * grace has passed, later events with its key kept behind it; any other rejection still dead-letters at once.
 */
class DirectoryGraceTest {

    private static final Instant START = Instant.parse("2026-12-01T09:00:00Z");
    private static final Duration RETRY = Duration.ofSeconds(RoutingProcessor.RETRY_SECONDS);

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    /** One per service, as Spring holds it: its gauges outlive a topology restarted within the test. */
    private final MailMetrics metrics = new MailMetrics(meters);
    private SchemaRegistryServer registry;
    private AvroSerdes serdes;
    private TopologyTestDriver driver;
    private TestInputTopic<String, byte[]> bookings;
    private TestInputTopic<String, byte[]> members;
    private TestOutputTopic<String, byte[]> drafts;
    private TestOutputTopic<String, byte[]> deadLetters;

    /** Drafts one mail to the booking's member; a booking id starting "BAD" is refused as malformed. */
    private static EventHandler<BookingEvent> handler(Directory directory) {
        return (key, booking) -> {
            if (booking.getBookingId().startsWith("BAD")) {
                throw new RejectedEvent("Booking " + booking.getBookingId() + " is malformed");
            }
            Member member = directory.member(booking.getMemberId()).orElseThrow(() -> DirectoryMiss.member(
                    booking.getMemberId(), "Unknown member " + booking.getMemberId() + " for booking "
                            + booking.getBookingId()));
            EmailDraft draft = EmailDraft.newBuilder(TestDrafts.draft("d-" + booking.getHeader().getEventId(), List.of()))
                    .setRecipient(Recipient.newBuilder().setEmail(member.getEmail()).build())
                    .setSupersedeKey("booking:" + key)
                    .build();
            return List.of(Emit.to(Topics.MAIL_DRAFTS, draft.getSupersedeKey(), draft));
        };
    }

    @BeforeEach
    void start() {
        registry = SchemaRegistryServer.start();
        serdes = new AvroSerdes(new SchemaRegistryClient(registry.url()));
        open(null);
    }

    @AfterEach
    void stop() {
        driver.close();
        registry.close();
    }

    @Test
    void aBookingForAMemberNotYetInTheDirectoryWaitsAndIsComposedAsIfJustArrivedOnceTheMemberIsPublished() {
        // Given a booking whose member the directory does not have yet
        byte[] booking = encode(booking("B-1", "M-1", "e-1", 1));
        bookings.pipeInput("B-1", booking, START);

        // Then it is neither composed nor dead-lettered: it waits
        driver.advanceWallClockTime(RETRY);
        assertThat(drafts.isEmpty()).isTrue();
        assertThat(deadLetters.isEmpty()).isTrue();
        assertThat(parked()).isEqualTo(1.0);

        // When the member is published, and the next retry comes
        members.pipeInput("M-1", serdes.serialize(Topics.FACILITY_MEMBERS, member("M-1")));
        driver.advanceWallClockTime(RETRY);

        // Then it is composed, record for record as the same booking arriving now composes it
        TestRecord<String, byte[]> released = drafts.readRecord();
        bookings.pipeInput("B-1", booking, START);
        TestRecord<String, byte[]> fresh = drafts.readRecord();
        assertThat(released.key()).isEqualTo(fresh.key());
        assertThat(released.value()).isEqualTo(fresh.value());
        assertThat(released.timestamp()).isEqualTo(fresh.timestamp());
        assertThat(serdes.deserialize(Topics.MAIL_DRAFTS, released.value()).getRecipient().getEmail())
                .isEqualTo("m-1@members.example");
        assertThat(deadLetters.isEmpty()).isTrue();
        assertThat(parked()).isZero();
        assertThat(eventsIn("accepted")).isEqualTo(2.0);
    }

    @Test
    void aBookingWhoseMemberNeverComesIsDeadLetteredByteForByteOnceTheGraceHasPassed() {
        // Given a booking for a member nobody publishes
        byte[] booking = encode(booking("B-2", "M-404", "e-2", 1));
        bookings.pipeInput("B-2", booking, START);

        // When less than the grace has passed, nothing is dead-lettered
        driver.advanceWallClockTime(EventRouting.DEFAULT_DIRECTORY_GRACE.minus(RETRY));
        assertThat(deadLetters.isEmpty()).isTrue();

        // When the grace has passed
        driver.advanceWallClockTime(RETRY);

        // Then it is dead-lettered as it came, with the reason and how long it waited
        TestRecord<String, byte[]> dead = deadLetters.readRecord();
        assertThat(dead.key()).isEqualTo("B-2");
        assertThat(dead.value()).isEqualTo(booking);
        assertThat(DeadLetterHeaders.reason(dead.headers()))
                .isEqualTo("Unknown member M-404 for booking B-2; waited 5m for the directory");
        assertThat(text(dead, KafkaHeaders.EXCEPTION_FQCN)).isEqualTo(DirectoryMiss.class.getName());
        assertThat(text(dead, KafkaHeaders.ORIGINAL_TOPIC)).isEqualTo(Topics.FACILITY_BOOKINGS.name());
        assertThat(ByteBuffer.wrap(dead.headers().lastHeader(KafkaHeaders.ORIGINAL_OFFSET).value()).getLong()).isZero();
        assertThat(drafts.isEmpty()).isTrue();
        assertThat(parked()).isZero();
        assertThat(eventsIn("dead_lettered")).isEqualTo(1.0);
    }

    @Test
    void laterBookingsWithTheSameKeyWaitBehindItAndAreReleasedInOrderWhileOtherKeysFlow() {
        members.pipeInput("M-1", serdes.serialize(Topics.FACILITY_MEMBERS, member("M-1")));
        // Given the first version of B-3 waits for its member
        bookings.pipeInput("B-3", encode(booking("B-3", "M-3", "e-3a", 1)), START);
        // and its next version (its member known) and another booking arrive after it
        bookings.pipeInput("B-3", encode(booking("B-3", "M-1", "e-3b", 2)), START);
        bookings.pipeInput("B-4", encode(booking("B-4", "M-1", "e-4", 1)), START);

        // Then only the other booking is composed: B-3's second version waits behind its first
        driver.advanceWallClockTime(RETRY);
        assertThat(draftIds()).containsExactly("d-e-4");
        assertThat(parked()).isEqualTo(2.0);

        // When the first version's member is published
        members.pipeInput("M-3", serdes.serialize(Topics.FACILITY_MEMBERS, member("M-3")));
        driver.advanceWallClockTime(RETRY);

        // Then both versions of B-3 are composed, in the order they arrived
        assertThat(draftIds()).containsExactly("d-e-3a", "d-e-3b");
        assertThat(parked()).isZero();
        assertThat(deadLetters.isEmpty()).isTrue();
    }

    @Test
    void aRejectionForAnyOtherReasonIsStillDeadLetteredAtOnce() {
        byte[] bad = encode(booking("BAD-1", "M-404", "e-5", 1));

        bookings.pipeInput("BAD-1", bad, START);

        TestRecord<String, byte[]> dead = deadLetters.readRecord();
        assertThat(dead.value()).isEqualTo(bad);
        assertThat(DeadLetterHeaders.reason(dead.headers())).isEqualTo("Booking BAD-1 is malformed");
        assertThat(text(dead, KafkaHeaders.EXCEPTION_FQCN)).isEqualTo(RejectedEvent.class.getName());
        assertThat(parked()).isZero();
    }

    @Test
    void aGraceOfZeroDeadLettersADirectoryMissAtOnce() {
        driver.close();
        open(Duration.ZERO);

        bookings.pipeInput("B-6", encode(booking("B-6", "M-404", "e-6", 1)), START);

        assertThat(DeadLetterHeaders.reason(deadLetters.readRecord().headers()))
                .isEqualTo("Unknown member M-404 for booking B-6");
        assertThat(parked()).isZero();
    }

    private void open(Duration grace) {
        StreamsBuilder builder = new StreamsBuilder();
        DirectoryTables.register(builder, serdes);
        EventRouting.route(builder, Topics.FACILITY_BOOKINGS, serdes,
                stores -> handler(DirectoryTables.view(stores)));
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "directory-grace-test");
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        config.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        config.put(MailMetrics.STREAMS_CONFIG_KEY, metrics);
        if (grace != null) {
            config.put(EventRouting.DIRECTORY_GRACE_CONFIG, grace);
        }
        driver = new TopologyTestDriver(builder.build(), config, START);
        bookings = driver.createInputTopic(Topics.FACILITY_BOOKINGS.name(), new StringSerializer(),
                new ByteArraySerializer());
        members = driver.createInputTopic(Topics.FACILITY_MEMBERS.name(), new StringSerializer(),
                new ByteArraySerializer());
        drafts = driver.createOutputTopic(Topics.MAIL_DRAFTS.name(), new StringDeserializer(),
                new ByteArrayDeserializer());
        deadLetters = driver.createOutputTopic(Topics.FACILITY_BOOKINGS.deadLetterTopic(), new StringDeserializer(),
                new ByteArrayDeserializer());
    }

    private List<String> draftIds() {
        return drafts.readValuesToList().stream()
                .map(value -> serdes.deserialize(Topics.MAIL_DRAFTS, value).getDraftId()).toList();
    }

    private double parked() {
        return meters.get(MailMetrics.DIRECTORY_PARKED).tag(MailMetrics.TOPIC, Topics.FACILITY_BOOKINGS.name())
                .gauge().value();
    }

    private double eventsIn(String outcome) {
        return meters.get(MailMetrics.EVENTS_IN).tag(MailMetrics.TOPIC, Topics.FACILITY_BOOKINGS.name())
                .tag(MailMetrics.OUTCOME, outcome).counter().count();
    }

    private byte[] encode(BookingEvent booking) {
        return serdes.serialize(Topics.FACILITY_BOOKINGS, booking);
    }

    private static String text(TestRecord<String, byte[]> record, String header) {
        return new String(record.headers().lastHeader(header).value(), StandardCharsets.UTF_8);
    }

    private static EventHeader header(String eventId, long version) {
        return EventHeader.newBuilder().setEventId(eventId).setOccurredAt(START).setSource("test")
                .setEntityVersion(version).setLocationId("LDN-1").setCorrelationId("corr-" + eventId).build();
    }

    private static BookingEvent booking(String bookingId, String memberId, String eventId, long version) {
        return BookingEvent.newBuilder().setHeader(header(eventId, version)).setBookingId(bookingId)
                .setMemberId(memberId).setPayload(BookingCancelled.newBuilder().build()).build();
    }

    private static Member member(String memberId) {
        return Member.newBuilder().setHeader(header("dir-" + memberId, 1)).setMemberId(memberId)
                .setEmail(memberId.toLowerCase() + "@members.example").setName(memberId)
                .setLocationIds(List.of("LDN-1")).build();
    }
}
