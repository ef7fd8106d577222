package com.deskpost.booking;

import static com.deskpost.booking.BookingFixture.created;
import static com.deskpost.booking.BookingFixture.location;
import static com.deskpost.booking.BookingFixture.member;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.deskpost.platform.serde.AvroSerdes;
import com.deskpost.platform.topic.Topic;
import com.deskpost.platform.topic.Topics;
import com.deskpost.schemas.serde.SchemaRegistryClient;
import com.deskpost.testsupport.KafkaBroker;
import com.deskpost.testsupport.registry.SchemaRegistryServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.health.actuate.endpoint.CompositeHealthDescriptor;
import org.springframework.boot.health.actuate.endpoint.HealthDescriptor;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.FileSystemUtils;

/**
 * The booking composer as deployed, on a real broker and registry: ready when Kafka and its
 * Streams application are, not ready (503) once the broker cannot be reached; every event it reads
 * is counted accepted or dead-lettered, and every draft it makes, at {@code /actuator/prometheus}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ObservabilityIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Instant START = Instant.parse("2030-03-29T08:00:00Z");

    private static KafkaBroker kafka;
    private static SchemaRegistryServer registry;
    private static AvroSerdes serdes;
    private static Path stateDir;
    private static ConfigurableApplicationContext composer;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws IOException {
        kafka = KafkaBroker.start();
        registry = SchemaRegistryServer.start();
        serdes = new AvroSerdes(new SchemaRegistryClient(registry.url()));
        stateDir = Files.createTempDirectory("booking-observability");
        composer = run(kafka.bootstrapServers(), "observability-it", "--deskpost.kafka.health-timeout=1s");
    }

    @AfterAll
    static void stop() {
        if (composer != null) {
            composer.close();
        }
        registry.close();
        if (kafka != null) {
            kafka.close();
        }
        FileSystemUtils.deleteRecursively(stateDir.toFile());
    }

    @Test
    void readyWithKafkaAndItsStreamsApplicationRunning() {
        await().atMost(WAIT).until(() -> get(composer, "/actuator/health/readiness").statusCode() == 200);

        CompositeHealthDescriptor readiness = (CompositeHealthDescriptor) composer.getBean(HealthEndpoint.class)
                .healthForPath("readiness");
        assertThat(readiness.getComponents()).containsKeys("kafka", "kafkaStreams", "readinessState");
        assertThat(readiness.getComponents().values()).extracting(HealthDescriptor::getStatus)
                .allSatisfy(status -> assertThat(status.getCode()).isEqualTo("UP"));
        // Anyone may read the status; only an authenticated caller the components (there is none here).
        assertThat(get(composer, "/actuator/health/readiness").body()).doesNotContain("components");
        assertThat(get(composer, "/actuator/health/liveness").statusCode()).isEqualTo(200);
    }

    /** Last: the broker goes away for good. */
    @Test
    @Order(Integer.MAX_VALUE)
    void notReadyOnceTheBrokerCannotBeReached() {
        await().atMost(WAIT).until(() -> get(composer, "/actuator/health/readiness").statusCode() == 200);

        kafka.close();
        kafka = null;

        HttpResponse<String> readiness = get(composer, "/actuator/health/readiness");
        assertThat(readiness.statusCode()).isEqualTo(503);
        var kafkaHealth = ((CompositeHealthDescriptor) composer.getBean(HealthEndpoint.class)
                .healthForPath("readiness")).getComponents().get("kafka");
        assertThat(kafkaHealth.getStatus().getCode()).isEqualTo("DOWN");
        // Alive all the same: restarting the service would not bring the broker back.
        assertThat(get(composer, "/actuator/health/liveness").statusCode()).isEqualTo(200);
    }

    @Test
    void eachEventIsCountedAcceptedOrDeadLetteredAndEachDraftByCategoryAndLocation() {
        // Given the directories, a booking and a record that is not Avro at all
        publish(Topics.FACILITY_LOCATIONS, "BER-1", location("BER-1", "Deskpost Kreuzberg", "Europe/Berlin", "de-DE"));
        publish(Topics.FACILITY_MEMBERS, "M-1", member("M-1", "Ada", "ada@example.com", "en-US"));
        await().atMost(WAIT).until(() -> sample("kafka_consumer_fetch_manager_records_lag_max").isPresent());

        // When both arrive on facility.bookings
        publish(Topics.FACILITY_BOOKINGS, "B-1", created("B-1", "M-1", "BER-1", 1, START, START.plusSeconds(3600)));
        send(Topics.FACILITY_BOOKINGS.name(), "B-2", "{\"booking_id\":\"B-2\"}".getBytes(StandardCharsets.UTF_8));

        // Then one is counted accepted, one dead-lettered, and the booking's confirmation drafted
        await().atMost(WAIT).until(() -> sample("deskpost_events_in_total", "outcome=\"dead_lettered\"").isPresent()
                && sample("deskpost_events_in_total", "outcome=\"accepted\"").isPresent());
        assertThat(sample("deskpost_events_in_total", "topic=\"facility.bookings\"", "outcome=\"accepted\"",
                "location=\"BER-1\"")).contains(1.0);
        assertThat(sample("deskpost_events_in_total", "topic=\"facility.bookings\"", "outcome=\"dead_lettered\"",
                "location=\"none\"")).contains(1.0);
        assertThat(sample("deskpost_mail_drafted_total", "category=\"transactional\"", "location=\"BER-1\"",
                "event_type=\"booking_created\"", "application=\"booking-events\"")).contains(1.0);
    }

    private static ConfigurableApplicationContext run(String bootstrapServers, String applicationId, String... more) {
        String[] args = {
            "--spring.kafka.bootstrap-servers=" + bootstrapServers,
            "--deskpost.kafka.schema-registry-url=" + registry.url(),
            "--spring.kafka.streams.application-id=" + applicationId,
            "--spring.kafka.streams.state-dir=" + stateDir.resolve(applicationId),
            "--server.port=0",
            "--spring.main.banner-mode=off"};
        String[] all = Arrays.copyOf(args, args.length + more.length);
        System.arraycopy(more, 0, all, args.length, more.length);
        return BookingEventsApplication.builder().run(all);
    }

    private static <V extends SpecificRecord> void publish(Topic<V> topic, String key, V value) {
        send(topic.name(), key, serdes.serialize(topic, value));
    }

    private static void send(String topic, String key, byte[] value) {
        try (var producer = new KafkaProducer<>(Map.<String, Object>of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        } catch (Exception e) {
            throw new IllegalStateException("Could not publish to " + topic, e);
        }
    }

    /** The value of the first sample of {@code metric} whose labels include every one of {@code labels}. */
    private Optional<Double> sample(String metric, String... labels) {
        return get(composer, "/actuator/prometheus").body().lines()
                .filter(line -> line.startsWith(metric + "{"))
                .filter(line -> Arrays.stream(labels).allMatch(line::contains))
                .map(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .findFirst();
    }

    private HttpResponse<String> get(ConfigurableApplicationContext service, String path) {
        String port = service.getEnvironment().getRequiredProperty("local.server.port");
        try {
            // The development actuator key: metrics are for operators and their scrapers only.
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .header("Authorization", "Bearer dev-only-actuator-key")
                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
