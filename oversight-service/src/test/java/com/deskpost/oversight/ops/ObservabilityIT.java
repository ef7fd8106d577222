package com.deskpost.oversight.ops;

import static com.deskpost.oversight.ops.GatedDrafts.keycodeReset;
import static com.deskpost.testfixtures.LocationBuilder.aLocation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.deskpost.events.EmailDraft;
import com.deskpost.events.Location;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What an operator's platform sees of the oversight service: readiness over Kafka, its Streams
 * topology and PostgreSQL (components for signed-in staff only); a held draft counted by category
 * and location at the open Prometheus scrape; every API still behind authentication.
 */
class ObservabilityIT {

    private static final String APPROVER = "M-OBS-LEAD";
    private static final String PASSWORD = "observability staff password";

    private static RunningOversight oversight;

    @BeforeAll
    static void start() {
        Location london = Location.newBuilder(aLocation("LDN-O").build()).setApprovers(List.of(APPROVER)).build();
        oversight = RunningOversight.start(List.of(london), Map.of(APPROVER, PASSWORD));
    }

    @AfterAll
    static void stop() {
        oversight.close();
    }

    @Test
    void readyWithKafkaItsStreamsTopologyAndTheDatabaseAndOnlyStaffSeeTheComponents() {
        StaffSession anonymous = StaffSession.anonymous(oversight::url);
        await().atMost(RunningOversight.WAIT)
                .until(() -> anonymous.get("/actuator/health/readiness").statusCode() == 200);

        JsonNode readiness = json(StaffSession.signIn(oversight::url, APPROVER, PASSWORD)
                .get("/actuator/health/readiness"));

        assertThat(readiness.path("status").asString()).isEqualTo("UP");
        for (String component : new String[] {"kafka", "kafkaStreams", "db", "readinessState"}) {
            assertThat(readiness.path("components").path(component).path("status").asString())
                    .as(component).isEqualTo("UP");
        }
        assertThat(json(anonymous.get("/actuator/health/readiness")).has("components")).isFalse();
        assertThat(anonymous.get("/actuator/health/liveness").statusCode()).isEqualTo(200);
    }

    @Test
    void aHeldDraftIsCountedByCategoryAndLocationAndTheApiStillNeedsAuthentication() {
        String[] held = {"category=\"security\"", "location=\"LDN-O\"", "application=\"oversight-service\""};
        String[] accepted = {"topic=\"mail.drafts\"", "outcome=\"accepted\"", "location=\"LDN-O\""};
        double heldBefore = sample("deskpost_mail_held_total", held).orElse(0.0);
        double acceptedBefore = sample("deskpost_events_in_total", accepted).orElse(0.0);

        oversight.hold(keycodeReset("LDN-O", "ada@example.com", "4821-7730"));

        await().atMost(RunningOversight.WAIT)
                .until(() -> sample("deskpost_mail_held_total", held).orElse(0.0) == heldBefore + 1
                        && sample("deskpost_events_in_total", accepted).orElse(0.0) == acceptedBefore + 1);
        assertThat(scrape()).doesNotContain("ada@example.com", "4821-7730");

        StaffSession anonymous = StaffSession.anonymous(oversight::url);
        assertThat(anonymous.get("/api/v1/pending").statusCode()).isEqualTo(401);
        assertThat(anonymous.get("/api/v1/agents/front-desk/pending").statusCode()).isEqualTo(401);
    }

    @Test
    void anApprovalIsCountedOnceItsTransactionCommits() throws Exception {
        EmailDraft draft = keycodeReset("LDN-O", "grace@example.com", "1234-5678");
        oversight.hold(draft);

        HttpResponse<String> approved = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(oversight.url("/api/v1/pending/" + draft.getDraftId() + "/decision")))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (APPROVER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"action\":\"approve\",\"decisionId\":\"obs-1\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());

        assertThat(approved.statusCode()).isEqualTo(200);
        assertThat(sample("deskpost_mail_approved_total", "category=\"security\"", "location=\"LDN-O\""))
                .contains(1.0);
        assertThat(sample("deskpost_mail_released_total", "category=\"security\"", "location=\"LDN-O\""))
                .contains(1.0);
    }

    @Test
    void theElectedOutboxRelayReportsItsRoleAndBacklogOutsideReadiness() {
        // Given the only replica, so the elected one
        StaffSession staff = StaffSession.signIn(oversight::url, APPROVER, PASSWORD);
        await().atMost(RunningOversight.WAIT).until(() -> staff.get("/actuator/health/outbox").statusCode() == 200);

        // Then its outbox health says it leads and what waits, and readiness does not depend on it
        JsonNode relay = json(staff.get("/actuator/health/outbox")).path("components").path("outboxRelay");
        assertThat(relay.path("status").asString()).isEqualTo("UP");
        assertThat(relay.path("details").path("role").asString()).isEqualTo("leader");
        assertThat(relay.path("details").has("pending")).isTrue();
        assertThat(json(staff.get("/actuator/health/readiness")).path("components").has("outboxRelay")).isFalse();
        // And the scrape carries the same, tagged with the service
        assertThat(sample("deskpost_outbox_leader", "service=\"oversight\"")).contains(1.0);
        assertThat(sample("deskpost_outbox_pending", "service=\"oversight\"")).isPresent();
        assertThat(sample("deskpost_outbox_oldest_age_seconds", "service=\"oversight\"")).isPresent();
    }

    private static String scrape() {
        HttpResponse<String> anonymous = StaffSession.anonymous(oversight::url).get("/actuator/prometheus");
        assertThat(anonymous.statusCode()).isEqualTo(401);
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(oversight.url("/actuator/prometheus")))
                            .header("Authorization", "Bearer dev-only-actuator-key").build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            return response.body();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The value of the first sample of {@code metric} whose labels include every one of {@code labels}. */
    private static Optional<Double> sample(String metric, String... labels) {
        return scrape().lines()
                .filter(line -> line.startsWith(metric + "{"))
                .filter(line -> Arrays.stream(labels).allMatch(line::contains))
                .map(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .findFirst();
    }

    private static JsonNode json(HttpResponse<String> response) {
        return JsonMapper.shared().readTree(response.body());
    }
}
