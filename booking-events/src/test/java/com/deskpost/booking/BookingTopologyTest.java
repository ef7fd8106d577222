package com.deskpost.booking;

import static org.assertj.core.api.Assertions.assertThat;

import com.deskpost.events.AuditEvent;
import com.deskpost.events.AuditType;
import com.deskpost.events.BookedResource;
import com.deskpost.events.BookingCancelled;
import com.deskpost.events.BookingCreated;
import com.deskpost.events.BookingEvent;
import com.deskpost.events.EmailCategory;
import com.deskpost.events.EmailDraft;
import com.deskpost.events.EntityStatus;
import com.deskpost.events.EntityVersion;
import com.deskpost.events.EventHeader;
import com.deskpost.events.Location;
import com.deskpost.events.Member;
import com.deskpost.events.PostalAddress;
import com.deskpost.events.ResourceKind;
import com.deskpost.platform.deadletter.DeadLetterHeaders;
import com.deskpost.platform.id.DraftIds;
import com.deskpost.platform.serde.AvroSerdes;
import com.deskpost.platform.template.TemplateRenderer;
import com.deskpost.platform.topic.Topic;
import com.deskpost.platform.topic.Topics;
import com.deskpost.schemas.serde.SchemaRegistryClient;
import com.deskpost.testsupport.registry.SchemaRegistryServer;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The booking composer's topology, driven without a broker. */
class BookingTopologyTest {

    private static final Instant START = Instant.parse("2026-03-29T08:00:00Z"); // Berlin switches to CEST at 01:00 UTC

    private SchemaRegistryServer registry;
    private AvroSerdes serdes;
    private TopologyTestDriver driver;
    private TestOutputTopic<String, byte[]> drafts;
    private TestOutputTopic<String, byte[]> versions;
    private TestOutputTopic<String, byte[]> audit;
    private TestOutputTopic<String, byte[]> deadLetters;

    @BeforeEach
    void start() {
        registry = SchemaRegistryServer.start();
        serdes = new AvroSerdes(new SchemaRegistryClient(registry.url()));
        StreamsBuilder builder = new StreamsBuilder();
        new BookingTopology().build(builder, serdes, new TemplateRenderer(getClass().getClassLoader()));
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "booking-test");
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        driver = new TopologyTestDriver(builder.build(), config);
        drafts = output(Topics.MAIL_DRAFTS);
        versions = output(Topics.MAIL_ENTITY_VERSIONS);
        audit = output(Topics.MAIL_AUDIT);
        deadLetters = driver.createOutputTopic(Topics.FACILITY_BOOKINGS.deadLetterTopic(), new StringDeserializer(),
                new ByteArrayDeserializer());
        pipe(Topics.FACILITY_LOCATIONS, "BER-1", berlin());
        pipe(Topics.FACILITY_MEMBERS, "M-1", member());
    }

    @AfterEach
    void stop() {
        driver.close();
        registry.close();
    }

    @Test
    void aNewBookingIsConfirmedToItsMemberInTheLocationsTimeAndTheMembersLanguageFormat() {
        BookingEvent created = booking("e-1", 1, BookingCreated.newBuilder().setResource(room())
                .setStartsAt(START).setEndsAt(START.plusSeconds(5400)).build());

        pipe(Topics.FACILITY_BOOKINGS, "B-7", created);

        EmailDraft draft = serdes.deserialize(Topics.MAIL_DRAFTS, drafts.readRecord().value());
        assertThat(draft.getDraftId()).isEqualTo(DraftIds.draftId("e-1", "booking-confirmation", "ada@example.com"));
        assertThat(draft.getRecipient().getEmail()).isEqualTo("ada@example.com");
        assertThat(draft.getCategory()).isEqualTo(EmailCategory.TRANSACTIONAL);
        assertThat(draft.getSupersedeKey()).isEqualTo("booking:B-7");
        assertThat(draft.getEntityVersion()).isEqualTo(1);
        assertThat(draft.getLocationId()).isEqualTo("BER-1");
        // 08:00 UTC on the morning the clocks went forward is 10:00 CEST; the member reads en-US formats.
        assertThat(draft.getBodyText()).contains("Ada", "Room Hopper", "Deskpost Kreuzberg", "B-7",
                "Sunday, March 29, 2026", "10:00", "11:30", "CEST (Europe/Berlin)");
        assertThat(draft.getBodyHtml()).contains("Room Hopper").contains("<table");
        assertThat(draft.getSubject()).isEqualTo("Booking confirmed: Room Hopper, Sunday, March 29, 2026 10:00 AM – Deskpost Kreuzberg");
        EntityVersion version = serdes.deserialize(Topics.MAIL_ENTITY_VERSIONS, versions.readRecord().value());
        assertThat(version.getStatus()).isEqualTo(EntityStatus.ACTIVE);
        AuditEvent drafted = serdes.deserialize(Topics.MAIL_AUDIT, audit.readRecord().value());
        assertThat(drafted.getType()).isEqualTo(AuditType.DRAFTED);
        assertThat(drafted.getDraftId()).isEqualTo(draft.getDraftId());
    }

    @Test
    void replayingTheSameEventYieldsTheSameDraftId() {
        BookingEvent created = booking("e-2", 1, BookingCreated.newBuilder().setResource(room())
                .setStartsAt(START).setEndsAt(START.plusSeconds(3600)).build());

        pipe(Topics.FACILITY_BOOKINGS, "B-7", created);
        pipe(Topics.FACILITY_BOOKINGS, "B-7", created);

        List<String> ids = drafts.readValuesToList().stream()
                .map(bytes -> serdes.deserialize(Topics.MAIL_DRAFTS, bytes).getDraftId()).toList();
        assertThat(ids).hasSize(2).containsOnly(ids.get(0));
    }

    @Test
    void aCancellationPublishesTheNewVersionAndDraftsNothingYet() {
        pipe(Topics.FACILITY_BOOKINGS, "B-7", booking("e-3", 2, BookingCancelled.newBuilder().build()));

        EntityVersion version = serdes.deserialize(Topics.MAIL_ENTITY_VERSIONS, versions.readRecord().value());
        assertThat(version.getStatus()).isEqualTo(EntityStatus.CANCELLED);
        assertThat(version.getVersion()).isEqualTo(2);
        assertThat(drafts.isEmpty()).isTrue();
    }

    @Test
    void aBookingForAnUnknownMemberOrLocationIsDeadLetteredNotGuessed() {
        BookingEvent stranger = BookingEvent.newBuilder(booking("e-4", 1, BookingCreated.newBuilder()
                .setResource(room()).setStartsAt(START).setEndsAt(START.plusSeconds(60)).build()))
                .setMemberId("M-404").build();
        BookingEvent nowhere = booking("e-5", 1, BookingCreated.newBuilder()
                .setResource(room()).setStartsAt(START).setEndsAt(START.plusSeconds(60)).build());
        nowhere.getHeader().setLocationId("XXX-9");

        pipe(Topics.FACILITY_BOOKINGS, "B-8", stranger);
        pipe(Topics.FACILITY_BOOKINGS, "B-9", nowhere);

        List<String> reasons = deadLetters.readRecordsToList().stream()
                .map(record -> DeadLetterHeaders.reason(record.headers())).toList();
        assertThat(reasons).containsExactly(
                "Unknown member M-404 for booking B-7: not in facility.members",
                "Unknown location XXX-9 for booking B-7: not in facility.locations");
        assertThat(drafts.isEmpty()).isTrue();
    }

    private <V extends SpecificRecord> void pipe(Topic<V> topic, String key, V value) {
        driver.createInputTopic(topic.name(), new StringSerializer(), new ByteArraySerializer())
                .pipeInput(key, serdes.serialize(topic, value));
    }

    private TestOutputTopic<String, byte[]> output(Topic<?> topic) {
        return driver.createOutputTopic(topic.name(), new StringDeserializer(), new ByteArrayDeserializer());
    }

    private static BookingEvent booking(String eventId, long version, Object payload) {
        return BookingEvent.newBuilder()
                .setHeader(EventHeader.newBuilder().setEventId(eventId).setOccurredAt(START).setSource("test")
                        .setEntityVersion(version).setLocationId("BER-1").setCorrelationId("c-" + eventId).build())
                .setBookingId("B-7")
                .setMemberId("M-1")
                .setPayload(payload)
                .build();
    }

    private static BookedResource room() {
        return BookedResource.newBuilder().setResourceId("R-1").setName("Room Hopper").setKind(ResourceKind.MEETING_ROOM)
                .build();
    }

    private static Member member() {
        return Member.newBuilder()
                .setHeader(EventHeader.newBuilder().setEventId("m").setOccurredAt(START).setSource("test")
                        .setEntityVersion(1).setCorrelationId("m").build())
                .setMemberId("M-1").setEmail("ada@example.com").setName("Ada").setLocale("en-US")
                .setLocationIds(List.of("BER-1"))
                .build();
    }

    private static Location berlin() {
        return Location.newBuilder()
                .setHeader(EventHeader.newBuilder().setEventId("l").setOccurredAt(START).setSource("test")
                        .setEntityVersion(1).setLocationId("BER-1").setCorrelationId("l").build())
                .setLocationId("BER-1").setName("Deskpost Kreuzberg")
                .setAddress(PostalAddress.newBuilder().setLine1("Oranienstraße 1").setCity("Berlin")
                        .setPostalCode("10999").setCountry("DE").build())
                .setTimeZone("Europe/Berlin").setJurisdiction("EU")
                .setSenderMailbox("hello@ber.example").setSenderName("Deskpost Kreuzberg")
                .setStaffMailbox("staff@ber.example")
                .build();
    }
}
