package com.deskpost.booking;

import static com.deskpost.booking.BookingFixture.created;
import static com.deskpost.booking.BookingFixture.guest;
import static com.deskpost.booking.BookingFixture.location;
import static com.deskpost.booking.BookingFixture.member;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.deskpost.booking.mail.BookingEventHandler;
import com.deskpost.booking.reminder.UpcomingBookings;
import com.deskpost.events.ConsentAction;
import com.deskpost.events.ConsentChange;
import com.deskpost.platform.consent.ConsentTag;
import com.deskpost.platform.pseudonym.Pseudonyms;
import com.deskpost.platform.serde.AvroSerdes;
import com.deskpost.platform.topic.Topic;
import com.deskpost.platform.topic.Topics;
import com.deskpost.schemas.serde.SchemaRegistryClient;
import com.deskpost.testsupport.CompactedView;
import com.deskpost.testsupport.KafkaBroker;
import com.deskpost.testsupport.registry.SchemaRegistryServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.util.FileSystemUtils;

/**
 * The booking composer as deployed, on a real broker: a guest erased on mail.consent is gone from the booking and
 * reminder stores, and still gone after the composer is stopped, its state directory wiped and its stores restored
 * from their changelogs, which hold nothing of her either (read to the end and folded by key, as compaction keeps them).
 */
class BookingErasureIT {

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final String APP = "booking-erasure-it";
    private static final Pseudonyms PSEUDONYMS = new Pseudonyms("it-pseudonym-secret-0123456789abcdef");
    private static final List<String> STORES = List.of(BookingEventHandler.STATE_STORE, "booking-upcoming");

    private static KafkaBroker kafka;
    private static SchemaRegistryServer registry;
    private static AvroSerdes serdes;
    private static Path stateDir;

    @BeforeAll
    static void start() throws IOException {
        kafka = KafkaBroker.start();
        registry = SchemaRegistryServer.start();
        serdes = new AvroSerdes(new SchemaRegistryClient(registry.url()));
        stateDir = Files.createTempDirectory("booking-erasure");
    }

    @AfterAll
    static void stop() {
        registry.close();
        kafka.close();
        FileSystemUtils.deleteRecursively(stateDir.toFile());
    }

    @Test
    void anErasedGuestIsInNoStoreAndNoChangelogAfterTheStoresAreRestored() {
        // Given a booking whose reminder waits, with two guests
        ConfigurableApplicationContext composer = run();
        Instant start = Instant.now().plus(30, ChronoUnit.DAYS);
        publish(Topics.FACILITY_LOCATIONS, "BER-1", location("BER-1", "Deskpost Kreuzberg", "Europe/Berlin", "de-DE"));
        publish(Topics.FACILITY_MEMBERS, "M-1", member("M-1", "Ada", "ada@example.com", "en-US"));
        publish(Topics.FACILITY_BOOKINGS, "B-1", created("B-1", "M-1", "BER-1", 1, start, start.plusSeconds(3600),
                guest("Grace Hopper", "grace.hopper@guests.example"), guest("Linus", "linus@guests.example")));
        await().atMost(WAIT).ignoreExceptions().until(() -> entries(composer).stream()
                .filter(entry -> entry.contains("grace.hopper@guests.example")).count() == 2);

        // When Grace is erased, and the composer is restarted from nothing but its changelogs
        String pseudonym = PSEUDONYMS.of("grace.hopper@guests.example");
        publish(Topics.MAIL_CONSENT, pseudonym, ConsentChange.newBuilder().setEmail(pseudonym)
                .setTag(ConsentTag.ERASED).setAction(ConsentAction.ADDED).setSource("contacts-api")
                .setChangedAt(Instant.now()).build());
        await().atMost(WAIT).ignoreExceptions().until(() -> entries(composer).stream()
                .noneMatch(entry -> entry.toLowerCase(Locale.ROOT).contains("grace")));
        composer.close();
        FileSystemUtils.deleteRecursively(stateDir.resolve(APP).toFile());
        ConfigurableApplicationContext restored = run();

        // Then the restored stores hold the booking with Linus and nothing of Grace; nor does any changelog
        try {
            await().atMost(WAIT).ignoreExceptions().until(() -> entries(restored).stream()
                    .filter(entry -> entry.contains("linus@guests.example")).count() == 2);
            assertThat(entries(restored)).noneSatisfy(entry -> assertThat(entry.toLowerCase(Locale.ROOT))
                    .contains("grace"));
            assertThat(entries(restored)).noneSatisfy(entry -> assertThat(entry).contains(pseudonym));
            Map<String, String> changelogs = CompactedView.of(kafka.bootstrapServers(), APP,
                    UpcomingBookings.TOPIC.name());
            assertThat(changelogs.keySet()).anySatisfy(key -> assertThat(key).contains("booking-state-changelog"));
            assertThat(changelogs.values()).anySatisfy(value -> assertThat(value).contains("linus@guests.example"));
            assertThat(changelogs.values()).noneSatisfy(value -> assertThat(value.toLowerCase(Locale.ROOT))
                    .contains("grace"));
            // The pseudonym is kept only where the erasure itself is remembered (the erasures each task applied).
            assertThat(changelogs).allSatisfy((key, value) -> assertThat(key.contains("erasures-applied")
                    || !value.contains(pseudonym) && !key.contains(pseudonym)).isTrue());
        } finally {
            restored.close();
        }
    }

    /** Every entry of the booking and reminder stores, as text. */
    private static List<String> entries(ConfigurableApplicationContext composer) {
        var streams = composer.getBean(StreamsBuilderFactoryBean.class).getKafkaStreams();
        List<String> entries = new ArrayList<>();
        for (String name : STORES) {
            ReadOnlyKeyValueStore<String, Object> store = streams.store(
                    StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.keyValueStore()));
            try (KeyValueIterator<String, Object> all = store.all()) {
                all.forEachRemaining(entry -> entries.add(entry.key + "=" + entry.value));
            }
        }
        return entries;
    }

    private static ConfigurableApplicationContext run() {
        return BookingEventsApplication.builder().run(
                "--spring.kafka.bootstrap-servers=" + kafka.bootstrapServers(),
                "--deskpost.kafka.schema-registry-url=" + registry.url(),
                "--spring.kafka.streams.application-id=" + APP,
                "--spring.kafka.streams.state-dir=" + stateDir.resolve(APP),
                "--deskpost.pseudonym.secret=it-pseudonym-secret-0123456789abcdef",
                "--deskpost.booking.reminder-lead-time=1h",
                "--deskpost.booking.housekeeping-interval=2s",
                // The stopped composer does not leave its group: the restarted one waits out its session, kept short.
                "--spring.kafka.streams.properties.session.timeout.ms=6000",
                "--server.port=0",
                "--spring.main.banner-mode=off");
    }

    private static <V extends SpecificRecord> void publish(Topic<V> topic, String key, V value) {
        try (var producer = new KafkaProducer<>(Map.<String, Object>of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic.name(), key, serdes.serialize(topic, value))).get();
        } catch (Exception e) {
            throw new IllegalStateException("Could not publish to " + topic.name(), e);
        }
    }
}
