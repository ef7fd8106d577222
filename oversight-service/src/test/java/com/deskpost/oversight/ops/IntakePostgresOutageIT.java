package com.deskpost.oversight.ops;

import static com.deskpost.oversight.ops.GatedDrafts.keycodeReset;
import static com.deskpost.testfixtures.DraftBuilder.aDraft;
import static com.deskpost.testfixtures.LocationBuilder.aLocation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.deskpost.events.ApprovalEvent;
import com.deskpost.events.ApprovalStage;
import com.deskpost.events.EmailDraft;
import com.deskpost.events.Location;
import com.deskpost.oversight.queue.HoldQueue;
import com.deskpost.platform.failure.ConsumerWaits;
import com.deskpost.platform.failure.ConsumerWaitsHealthIndicator;
import com.deskpost.platform.failure.Failure;
import com.deskpost.platform.topic.Lane;
import com.deskpost.platform.topic.Topics;
import com.deskpost.testsupport.Postgres;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL stopped under oversight's intake while drafts flow (some to be held, some to pass through)
 * is waited out, not dead-lettered: readiness and the gauge show the wait, and once the database is back
 * every draft is held (queue row and one approval request) or released to mail.outbound exactly once.
 * Meanwhile the API answers that sign-in cannot be checked (503), since failed sign-ins are counted there.
 */
class IntakePostgresOutageIT {

    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final String APPLICATION = "deskpost-oversight";
    private static final String LOCATION = "LDN-PG";

    private static Postgres postgres;
    private static RunningOversight oversight;

    @BeforeAll
    static void start() {
        postgres = Postgres.startLocal(0);
        Location london = Location.newBuilder(aLocation(LOCATION).build()).setApprovers(List.of("M-PG-LEAD")).build();
        oversight = RunningOversight.start(postgres, List.of(london), Map.of());
    }

    @AfterAll
    static void stop() {
        if (oversight != null) {
            oversight.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void draftsArrivingWhileThePostgresqlServerIsDownAreHeldOrReleasedOnceItIsBack() throws Exception {
        // Given the intake is working: one draft held, one released
        List<EmailDraft> held = new ArrayList<>(List.of(keycodeReset(LOCATION, "before@example.com", "1111-2222")));
        List<EmailDraft> released = new ArrayList<>(List.of(booking("before@example.com")));
        oversight.hold(held.get(0));
        oversight.publish(released.get(0));
        await().atMost(WAIT).until(() -> releasedIds().containsKey(released.get(0).getDraftId()));

        // When PostgreSQL stops, and meanwhile twenty drafts arrive: ten to hold, ten to pass through
        postgres.stopServer();
        for (int i = 0; i < 10; i++) {
            EmailDraft gated = keycodeReset(LOCATION, "member" + i + "@example.com", "4821-77" + (10 + i));
            EmailDraft passing = booking("member" + i + "@example.com");
            held.add(gated);
            released.add(passing);
            oversight.publish(gated);
            oversight.publish(passing);
        }

        // Then the intake waits for PostgreSQL: readiness says so, and the gauge counts the seconds
        ConsumerWaits waits = oversight.app().getBean(ConsumerWaits.class);
        await().atMost(WAIT).until(() -> waits.current().containsKey(APPLICATION)
                && waits.current().get(APPLICATION).reason() == Failure.POSTGRESQL);
        MeterRegistry meters = oversight.app().getBean(MeterRegistry.class);
        await().atMost(WAIT).until(() -> meters.get("deskpost.consumer.waiting").tag("consumer", APPLICATION)
                .tag("reason", "postgresql").gauge().value() > 0);
        assertThat(readiness()).isEqualTo("OUT_OF_SERVICE");
        // And the API says sign-in cannot be checked (its failed sign-ins are counted in PostgreSQL)
        HttpResponse<String> api = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(oversight.url("/api/v1/pending"))).header("Authorization", "Basic "
                        + Base64.getEncoder().encodeToString("ops:ops".getBytes(StandardCharsets.UTF_8))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(api.statusCode()).isEqualTo(503);
        assertThat(api.body()).contains("\"error\":\"sign_in_unavailable\"", "try again in a minute");

        // When PostgreSQL is back
        postgres.startServer();

        // Then every gated draft is held, and every other one released
        HoldQueue queue = oversight.app().getBean(HoldQueue.class);
        for (EmailDraft draft : held) {
            await().atMost(WAIT).until(() -> queue.find(draft.getDraftId()).isPresent()
                    && requestedIds().containsKey(draft.getDraftId()));
        }
        await().atMost(WAIT).until(() -> released.stream().allMatch(draft -> releasedIds().containsKey(draft.getDraftId())));
        // And each exactly once, each one way only, with nothing dead-lettered and the wait over
        Map<String, Long> requests = requestedIds();
        Map<String, Long> releases = releasedIds();
        for (EmailDraft draft : held) {
            assertThat(requests.get(draft.getDraftId())).as("approval requests for " + draft.getDraftId()).isEqualTo(1);
            assertThat(releases).doesNotContainKey(draft.getDraftId());
        }
        for (EmailDraft draft : released) {
            assertThat(releases.get(draft.getDraftId())).as("releases of " + draft.getDraftId()).isEqualTo(1);
            assertThat(requests).doesNotContainKey(draft.getDraftId());
        }
        assertThat(requests).hasSize(held.size());
        assertThat(releases).hasSize(released.size());
        assertThat(oversight.deadLetters()).isZero();
        await().atMost(WAIT).until(() -> waits.current().isEmpty());
        assertThat(readiness()).isEqualTo("UP");
    }

    /** A booking confirmation: monitored, so oversight releases it at once with a staff copy. */
    private static EmailDraft booking(String to) {
        String id = UUID.randomUUID().toString();
        EmailDraft draft = aDraft().id(id).at(LOCATION).to(to, "Member").build();
        return EmailDraft.newBuilder(draft).setSupersedeKey("booking:" + id).build();
    }

    /** Draft id to how many committed approval requests it has on mail.approvals. */
    private static Map<String, Long> requestedIds() {
        return oversight.committed(Topics.MAIL_APPROVALS).stream()
                .filter(event -> event.getStage() == ApprovalStage.REQUESTED)
                .map(ApprovalEvent::getDraftId)
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    }

    /** Draft id to how many committed releases it has on the mail.outbound topics of every lane. */
    private static Map<String, Long> releasedIds() {
        List<String> ids = new ArrayList<>();
        for (Lane lane : Lane.values()) {
            oversight.committed(lane.outbound()).forEach(outbound -> ids.add(outbound.getDraft().getDraftId()));
        }
        return ids.stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    }

    private static String readiness() {
        return oversight.app().getBean(ConsumerWaitsHealthIndicator.class).health().getStatus().getCode();
    }
}
