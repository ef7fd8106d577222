package com.deskpost.delivery;

import static com.deskpost.testfixtures.DraftBuilder.aDraft;
import static com.deskpost.testfixtures.LocationBuilder.aLocation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.deskpost.events.EmailDraft;
import com.deskpost.events.Location;
import com.deskpost.events.OversightMode;
import com.deskpost.events.Release;
import com.deskpost.platform.topic.Topics;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import tools.jackson.databind.JsonNode;

/**
 * What an operator's platform sees of the delivery service: readiness over Kafka, its Streams
 * tables, PostgreSQL and the SMTP relay (and 503 while the relay is down); Prometheus metrics of a
 * delivered mail; JSON log lines carrying the draft id. Probes and the scrape need no key; the
 * health details and every API do.
 */
@ExtendWith(OutputCaptureExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ObservabilityIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    /** The development value of deskpost.actuator.key, as a scraper sends it. */
    private static final String ACTUATOR_KEY = "Bearer dev-only-actuator-key";
    private static final Location LONDON = aLocation().build();
    private static final String LAG = "kafka_consumer_fetch_manager_records_lag_max";

    private static DeliveryTestStack stack;
    private static TestHttp http;

    @BeforeAll
    static void start() {
        stack = DeliveryTestStack.infrastructure();
        stack.topics().publish(Topics.FACILITY_LOCATIONS, LONDON.getLocationId(), LONDON);
        // JSON logs as LOGGING_STRUCTURED_FORMAT_CONSOLE=ecs gives them.
        stack.startService("--logging.config=classpath:logback-ecs-it.xml", "--logging.structured.format.console=ecs");
        http = new TestHttp(stack);
    }

    @AfterAll
    static void stop() {
        stack.stop();
    }

    @Test
    @Order(1)
    void readinessIsUpWithKafkaItsStreamsTablesAndTheDatabaseAndSendingWithTheSmtpRelay() {
        await().atMost(WAIT).until(() -> http.getAs(null, "/actuator/health/readiness").statusCode() == 200);

        JsonNode readiness = TestHttp.json(http.get("/actuator/health/readiness"));

        assertThat(readiness.path("status").asString()).isEqualTo("UP");
        for (String component : new String[] {"kafka", "kafkaStreams", "db", "readinessState"}) {
            assertThat(readiness.path("components").path(component).path("status").asString())
                    .as(component).isEqualTo("UP");
        }
        assertThat(readiness.path("components").has("mail")).as("the relay is not a readiness concern").isFalse();
        JsonNode sending = TestHttp.json(http.get("/actuator/health/sending"));
        assertThat(sending.path("status").asString()).isEqualTo("UP");
        assertThat(sending.path("components").path("mail").path("status").asString()).isEqualTo("UP");
        assertThat(TestHttp.json(http.getAs(null, "/actuator/health/liveness")).path("status").asString())
                .isEqualTo("UP");
    }

    @Test
    @Order(2)
    void probesAreOpenButHealthDetailsTheScrapeAndTheApiNeedAKey() {
        HttpResponse<String> anonymousHealth = http.getAs(null, "/actuator/health/readiness");
        assertThat(anonymousHealth.statusCode()).isEqualTo(200);
        assertThat(TestHttp.json(anonymousHealth).has("components")).isFalse();

        HttpResponse<String> anonymousScrape = http.getAs(null, "/actuator/prometheus");
        assertThat(anonymousScrape.statusCode()).isEqualTo(401);
        assertThat(TestHttp.json(anonymousScrape).get("error").asString()).isEqualTo("unauthorized");
        assertThat(http.getAs("Bearer " + DeliveryTestStack.API_KEY, "/actuator/prometheus").statusCode()).isEqualTo(401);
        assertThat(http.getAs(null, "/actuator").statusCode()).isEqualTo(401);
        assertThat(http.getAs(ACTUATOR_KEY, "/actuator/prometheus").statusCode()).isEqualTo(200);
        assertThat(http.getAs(null, "/api/v1/messages").statusCode()).isEqualTo(401);
        assertThat(http.getAs(null, "/api/v1/contacts").statusCode()).isEqualTo(401);
    }

    @Test
    @Order(3)
    void aDeliveredMailIsCountedByCategoryAndLocationItsSendIsTimedAndItsLogLinesCarryItsDraftId(
            CapturedOutput output) {
        EmailDraft draft = aDraft().id("5d1f0c2e-1111-4aaa-8bbb-0c0ffee00001").at(LONDON.getLocationId())
                .to("metrics@example.com", "Metric Member").build();

        release(draft);

        await().atMost(WAIT).until(() -> sample("deskpost_mail_sent_total", "category=\"transactional\"",
                "location=\"LDN-1\"").isPresent());
        assertThat(sample("deskpost_mail_sent_total", "category=\"transactional\"", "location=\"LDN-1\"",
                "event_type=\"booking_created\"")).contains(1.0);
        assertThat(sample("deskpost_smtp_send_seconds_count", "outcome=\"sent\"")).hasValueSatisfying(
                count -> assertThat(count).isGreaterThanOrEqualTo(1.0));
        assertThat(scrape()).contains("deskpost_smtp_send_seconds_bucket{", "application=\"delivery-service\"");
        await().atMost(WAIT).until(() -> Arrays.stream(output.getOut().split("\n"))
                .anyMatch(line -> line.startsWith("{") && line.contains("\"draft_id\":\"" + draft.getDraftId() + "\"")
                        && line.contains("\"correlation_id\":\"corr-B-1042\"") && line.contains("sent to")));
    }

    @Test
    @Order(4)
    void consumerLagIsExportedForTheListenerContainersAndTheStreamsTables() {
        // Micrometer picks up a consumer's per-partition metrics on its next scan of the client's metrics (every
        // minute), and Kafka knows a partition's lag once a fetch returned it: an idle partition that moved while
        // the lanes' consumers joined their shared group has none until its next record. So a mail goes out on each
        // poll, to another partition each time. (On a timeout the message lists the lag meters the scrape had.)
        AtomicInteger mails = new AtomicInteger();
        await().atMost(Duration.ofSeconds(150)).pollInterval(Duration.ofSeconds(5)).untilAsserted(() -> {
            int n = mails.incrementAndGet();
            EmailDraft draft = aDraft().id(UUID.nameUUIDFromBytes(("lag-" + n).getBytes(StandardCharsets.UTF_8))
                    .toString()).at(LONDON.getLocationId()).to("lag-" + n + "@example.com", "Lag Member").build();
            release(EmailDraft.newBuilder(draft).setSupersedeKey("lag:" + n).build());
            assertThat(scrape().lines().filter(line -> line.startsWith(LAG + "{")))
                    .as("the lag of a listener container's consumer of mail.outbound")
                    .anyMatch(line -> line.contains("spring_id=\"kafkaConsumerFactory")
                            && line.contains("topic=\"mail.outbound\""));
        });
        System.out.printf("Consumer lag: exported after %d mails on mail.outbound; the scrape has %d series%n",
                mails.get(), scrape().lines().filter(line -> !line.startsWith("#")).count());
        assertThat(sample(LAG, "spring_id=\"defaultKafkaStreamsBuilder"))
                .isPresent();
        // Kafka's underscored copies and the lead meters (platform's KafkaClientMeters) are not exported: the
        // message names the series that were
        assertThat(scrape().lines().filter(line -> line.contains("topic=\"mail_outbound\"")
                || line.contains("records_lead"))).as("Kafka meters KafkaClientMeters leaves out").isEmpty();
    }

    @Test
    @Order(5)
    void whileTheSmtpRelayIsDownSendingIsDownButTheServiceStaysReadyForItsHttpEndpoints() {
        stack.smtp().stop();
        try {
            HttpResponse<String> sending = http.get("/actuator/health/sending");

            assertThat(sending.statusCode()).isEqualTo(503);
            JsonNode body = TestHttp.json(sending);
            assertThat(body.path("components").path("mail").path("status").asString()).isEqualTo("DOWN");
            assertThat(body.path("components").path("kafka").path("status").asString()).isEqualTo("UP");
            // A load balancer keeps routing one-click unsubscribes and the contacts API here
            assertThat(http.getAs(null, "/actuator/health/readiness").statusCode()).isEqualTo(200);
            assertThat(http.getAs(null, "/actuator/health/liveness").statusCode()).isEqualTo(200);
        } finally {
            stack.smtp().restart();
        }
        assertThat(http.get("/actuator/health/sending").statusCode()).isEqualTo(200);
    }

    @Test
    @Order(2)
    void theElectedOutboxRelayReportsItsRoleAndBacklogOutsideReadiness() {
        // Given the only replica, so the elected one: its outbox health says it leads and what waits
        await().atMost(WAIT).until(() -> http.get("/actuator/health/outbox").statusCode() == 200);
        JsonNode relay = TestHttp.json(http.get("/actuator/health/outbox")).path("components").path("outboxRelay");
        assertThat(relay.path("details").path("role").asString()).isEqualTo("leader");
        assertThat(relay.path("details").has("pending")).isTrue();
        // And a lagging relay could not take the HTTP endpoints out of service: readiness leaves it out
        assertThat(TestHttp.json(http.get("/actuator/health/readiness")).path("components").has("outboxRelay")).isFalse();
        assertThat(sample("deskpost_outbox_leader", "service=\"delivery\"")).contains(1.0);
        assertThat(sample("deskpost_outbox_oldest_age_seconds", "service=\"delivery\"")).isPresent();
    }

    private static void release(EmailDraft draft) {
        Release release = Release.newBuilder().setMode(OversightMode.AUTONOMOUS).setRule("test")
                .setReleasedBy("policy").setReleasedAt(Instant.now()).build();
        stack.topics().publish(Topics.MAIL_OUTBOUND, draft.getSupersedeKey(),
                DeliveryTestStack.ATTESTATION.release(draft, release));
    }

    private static String scrape() {
        HttpResponse<String> response = http.getAs(ACTUATOR_KEY, "/actuator/prometheus");
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    /** The value of the first sample of {@code metric} whose labels include every one of {@code labels}. */
    private static Optional<Double> sample(String metric, String... labels) {
        return scrape().lines()
                .filter(line -> line.startsWith(metric + "{"))
                .filter(line -> Arrays.stream(labels).allMatch(line::contains))
                .map(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .findFirst();
    }
}
