package com.deskpost.oversight.ops;

import static com.deskpost.testfixtures.LocationBuilder.aLocation;
import static org.assertj.core.api.Assertions.assertThat;

import com.deskpost.events.EmailDraft;
import com.deskpost.events.Location;
import com.deskpost.oversight.queue.HeldDraft.Status;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The decision API's door: the same rules as the page and the topic, answered in JSON. */
class DecisionApiIT {

    private static final String APPROVER = "M-API-LEAD";
    private static final String OTHER = "M-OTHER-LEAD";
    private static final String PASSWORD = "another correct horse";
    private static RunningOversight oversight;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        oversight = RunningOversight.start(List.of(location("LDN-API", APPROVER), location("BER-API", OTHER)),
                Map.of(APPROVER, PASSWORD, OTHER, PASSWORD));
    }

    @AfterAll
    static void stop() {
        oversight.close();
    }

    @Test
    void withoutCredentialsTheApiAnswersAJson401() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(oversight.url("/api/v1/pending")))
                .build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).contains("\"error\":\"unauthorized\"");
    }

    @Test
    void anApproverListsDecidesAndARepeatOfAnotherDecisionIsAConflict() throws Exception {
        EmailDraft draft = GatedDrafts.keycodeReset("LDN-API", "api-member@example.com", "9999-1111");
        oversight.hold(draft);

        HttpResponse<String> pending = get("/api/v1/pending", APPROVER);
        assertThat(pending.statusCode()).isEqualTo(200);
        assertThat(pending.body()).contains(draft.getDraftId()).doesNotContain("9999-1111");
        assertThat(get("/api/v1/pending", OTHER).body()).doesNotContain(draft.getDraftId());
        assertThat(get("/api/v1/pending/" + draft.getDraftId(), OTHER).statusCode()).isEqualTo(404);

        HttpResponse<String> refused = decide(draft, OTHER, "{\"action\":\"approve\"}");
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("not_an_approver");

        HttpResponse<String> approved = decide(draft, APPROVER, "{\"action\":\"approve\",\"decisionId\":\"api-1\"}");
        assertThat(approved.statusCode()).isEqualTo(200);
        assertThat(approved.body()).contains("\"outcome\":\"APPROVED\"");
        assertThat(decide(draft, APPROVER, "{\"action\":\"approve\",\"decisionId\":\"api-1\"}").body())
                .contains("\"repeated\":true");
        HttpResponse<String> late = decide(draft, APPROVER, "{\"action\":\"reject\",\"reason\":\"changed my mind\"}");
        assertThat(late.statusCode()).isEqualTo(409);
        assertThat(late.body()).contains("already_decided");
        assertThat(oversight.find(draft.getDraftId()).status()).isEqualTo(Status.APPROVED);
    }

    @Test
    void anUnknownActionIsAPreciseBadRequest() throws Exception {
        EmailDraft draft = GatedDrafts.keycodeReset("LDN-API", "api-typo@example.com", "1234-5678");
        oversight.hold(draft);

        HttpResponse<String> response = decide(draft, APPROVER, "{\"action\":\"aprove\"}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("approve, reject, edit_and_approve");
    }

    private HttpResponse<String> get(String path, String who) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(oversight.url(path))).header("Authorization", basic(who))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> decide(EmailDraft draft, String who, String json) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(oversight.url("/api/v1/pending/" + draft.getDraftId()
                + "/decision"))).header("Authorization", basic(who)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String basic(String who) {
        return "Basic " + Base64.getEncoder().encodeToString((who + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
    }

    private static Location location(String id, String approver) {
        return Location.newBuilder(aLocation(id).build()).setApprovers(List.of(approver)).build();
    }
}
