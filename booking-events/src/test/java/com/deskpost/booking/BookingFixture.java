package com.deskpost.booking;

import static com.deskpost.testfixtures.LocationBuilder.aLocation;
import static com.deskpost.testfixtures.MemberBuilder.aMember;

import com.deskpost.events.BookedResource;
import com.deskpost.events.BookingCancelled;
import com.deskpost.events.BookingCreated;
import com.deskpost.events.BookingEvent;
import com.deskpost.events.BookingModified;
import com.deskpost.events.EmailDraft;
import com.deskpost.events.EntityVersion;
import com.deskpost.events.EventHeader;
import com.deskpost.events.Guest;
import com.deskpost.events.Location;
import com.deskpost.events.Member;
import com.deskpost.events.ResourceKind;
import com.deskpost.platform.pseudonym.Pseudonyms;
import com.deskpost.platform.serde.AvroSerdes;
import com.deskpost.platform.template.TemplateRenderer;
import com.deskpost.platform.topic.Topic;
import com.deskpost.platform.topic.Topics;
import com.deskpost.schemas.serde.SchemaRegistryClient;
import com.deskpost.testsupport.registry.SchemaRegistryServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
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

/** The booking topology on a TopologyTestDriver with an in-JVM registry, and small builders of test data (public: the
 * composer's own tests in {@code mail} build their events with them). */
public final class BookingFixture implements AutoCloseable {

    static final Pseudonyms PSEUDONYMS = new Pseudonyms("test-pseudonym-secret-0123456789abcdef");

    final SchemaRegistryServer registry = SchemaRegistryServer.start();
    final AvroSerdes serdes = new AvroSerdes(new SchemaRegistryClient(registry.url()));
    final TopologyTestDriver driver;
    final TestOutputTopic<String, byte[]> drafts;
    final TestOutputTopic<String, byte[]> versions;
    final TestOutputTopic<String, byte[]> audit;
    final TestOutputTopic<String, byte[]> deadLetters;

    BookingFixture() {
        this(Duration.ZERO, null, Instant.parse("2026-01-01T00:00:00Z"));
    }

    BookingFixture(Duration reminderLead, Path templateOverrides, Instant wallClock) {
        StreamsBuilder builder = new StreamsBuilder();
        new BookingTopology().build(builder, serdes,
                new TemplateRenderer(getClass().getClassLoader(), templateOverrides),
                new BookingProperties(reminderLead, Duration.ofMinutes(1), null, null), PSEUDONYMS);
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "booking-test");
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        driver = new TopologyTestDriver(builder.build(), config, wallClock);
        drafts = output(Topics.MAIL_DRAFTS);
        versions = output(Topics.MAIL_ENTITY_VERSIONS);
        audit = output(Topics.MAIL_AUDIT);
        deadLetters = driver.createOutputTopic(Topics.FACILITY_BOOKINGS.deadLetterTopic(), new StringDeserializer(),
                new ByteArrayDeserializer());
        pipe(Topics.FACILITY_LOCATIONS, "BER-1", location("BER-1", "Deskpost Kreuzberg", "Europe/Berlin", "de-DE"));
        pipe(Topics.FACILITY_LOCATIONS, "LDN-1", location("LDN-1", "Deskpost Shoreditch", "Europe/London", "en-GB"));
        pipe(Topics.FACILITY_LOCATIONS, "NYC-1", location("NYC-1", "Deskpost Flatiron", "America/New_York", "en-US"));
        pipe(Topics.FACILITY_MEMBERS, "M-1", member("M-1", "Ada", "ada@example.com", "en-US"));
        pipe(Topics.FACILITY_MEMBERS, "M-2", member("M-2", "Grete", "grete@example.com", "de-DE"));
    }

    <V extends SpecificRecord> void pipe(Topic<V> topic, String key, V value) {
        driver.createInputTopic(topic.name(), new StringSerializer(), new ByteArraySerializer())
                .pipeInput(key, serdes.serialize(topic, value));
    }

    void book(BookingEvent event) {
        pipe(Topics.FACILITY_BOOKINGS, event.getBookingId(), event);
    }

    List<EmailDraft> drafts() {
        return drafts.readValuesToList().stream().map(bytes -> serdes.deserialize(Topics.MAIL_DRAFTS, bytes)).toList();
    }

    List<EntityVersion> versions() {
        return versions.readValuesToList().stream()
                .map(bytes -> serdes.deserialize(Topics.MAIL_ENTITY_VERSIONS, bytes)).toList();
    }

    static String ics(EmailDraft draft) {
        var content = draft.getAttachments().get(0).getContent().duplicate();
        byte[] bytes = new byte[content.remaining()];
        content.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private TestOutputTopic<String, byte[]> output(Topic<?> topic) {
        return driver.createOutputTopic(topic.name(), new StringDeserializer(), new ByteArrayDeserializer());
    }

    @Override
    public void close() {
        driver.close();
        registry.close();
    }

    // ---- test data ----

    public static BookingEvent created(String bookingId, String memberId, String locationId, long version,
            Instant start, Instant end, Guest... guests) {
        return booking(bookingId, memberId, locationId, version, BookingCreated.newBuilder().setResource(room())
                .setStartsAt(start).setEndsAt(end).setGuests(List.of(guests)).build());
    }

    public static BookingEvent modified(String bookingId, String memberId, String locationId, long version,
            Instant start, Instant end, Guest... guests) {
        return booking(bookingId, memberId, locationId, version, BookingModified.newBuilder().setResource(room())
                .setStartsAt(start).setEndsAt(end).setGuests(List.of(guests)).build());
    }

    public static BookingEvent cancelled(String bookingId, String memberId, String locationId, long version) {
        return booking(bookingId, memberId, locationId, version,
                BookingCancelled.newBuilder().setReason("Plans changed").build());
    }

    public static Guest guest(String name, String email) {
        return Guest.newBuilder().setName(name).setEmail(email).build();
    }

    public static BookingEvent booking(String bookingId, String memberId, String locationId, long version,
            Object payload) {
        String eventId = bookingId + "-v" + version;
        return BookingEvent.newBuilder()
                .setHeader(EventHeader.newBuilder().setEventId(eventId)
                        .setOccurredAt(Instant.parse("2026-01-01T00:00:00Z").plusSeconds(version)).setSource("test")
                        .setEntityVersion(version).setLocationId(locationId).setCorrelationId("c-" + eventId).build())
                .setBookingId(bookingId)
                .setMemberId(memberId)
                .setPayload(payload)
                .build();
    }

    public static BookedResource room() {
        return BookedResource.newBuilder().setResourceId("R-1").setName("Room Hopper")
                .setKind(ResourceKind.MEETING_ROOM).build();
    }

    public static Member member(String id, String name, String email, String locale) {
        return aMember(id).header(header(id)).email(email).named(name).locale(locale).at("BER-1").build();
    }

    public static Location location(String id, String name, String zone, String defaultLocale) {
        return aLocation(id).header(header(id)).named(name).address("Oranienstraße 1", "Berlin", "10999", "DE")
                .timeZone(zone).jurisdiction("EU").mailboxesAt(id.toLowerCase() + ".example").approvers()
                .defaultLocale(defaultLocale).build();
    }

    private static EventHeader header(String id) {
        return EventHeader.newBuilder().setEventId("h-" + id).setOccurredAt(Instant.parse("2026-01-01T00:00:00Z"))
                .setSource("test").setEntityVersion(1).setLocationId(id).setCorrelationId("h-" + id).build();
    }
}
