package com.deskpost.oversight.ops;

import static com.deskpost.testfixtures.LocationBuilder.aLocation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.deskpost.events.AuditEvent;
import com.deskpost.events.AuditType;
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

/**
 * The agent API, as the MCP server uses it with its gateway account: an agent decides as
 * {@code agent:<id>} only where a location's approvers name it, never on a draft it requested, and
 * may withdraw its own held draft; the gateway cannot use the staff API, nor a staff account the
 * agent API. Beside them, a subject-access client (delivery-service) reads what is held for one person, and it
 * alone may.
 */
class AgentApiIT {

    private static final String GATEWAY = "mcp-server";
    private static final String GATEWAY_PASSWORD = "dev-only-mcp-gateway";
    /** A gateway bound to the agent "writer" only, and one bound to no agent. */
    private static final String NARROW_GATEWAY = "writer-gateway";
    private static final String UNBOUND_GATEWAY = "unbound-gateway";
    private static final String STAFF = "M-AGENT-LEAD";
    private static final String STAFF_PASSWORD = "staff correct horse";
    private static final String SUBJECT_CLIENT = "delivery-service";
    private static final String SUBJECT_CLIENT_PASSWORD = "subject access battery staple";
    private static RunningOversight oversight;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        Location london = Location.newBuilder(aLocation("LDN-AGT").build())
                .setApprovers(List.of(STAFF, "agent:reviewer", "agent:writer")).build();
        oversight = RunningOversight.start(List.of(london), Map.of(STAFF, STAFF_PASSWORD),
                "--deskpost.oversight.agent-gateways[0].id=" + GATEWAY,
                "--deskpost.oversight.agent-gateways[0].password={noop}" + GATEWAY_PASSWORD,
                "--deskpost.oversight.agent-gateways[0].agents=writer,reviewer,sender,stranger",
                "--deskpost.oversight.agent-gateways[1].id=" + NARROW_GATEWAY,
                "--deskpost.oversight.agent-gateways[1].password={noop}" + GATEWAY_PASSWORD,
                "--deskpost.oversight.agent-gateways[1].agents=writer",
                "--deskpost.oversight.agent-gateways[2].id=" + UNBOUND_GATEWAY,
                "--deskpost.oversight.agent-gateways[2].password={noop}" + GATEWAY_PASSWORD,
                "--deskpost.oversight.subject-access-clients[0].id=" + SUBJECT_CLIENT,
                "--deskpost.oversight.subject-access-clients[0].password={noop}" + SUBJECT_CLIENT_PASSWORD);
    }

    @AfterAll
    static void stop() {
        oversight.close();
    }

    @Test
    void anAgentApproverCannotDecideOnADraftItRequestedButAnotherAgentApproverCan() throws Exception {
        // Given a held draft that the agent "writer" requested, at a location that lists both agents as approvers
        EmailDraft draft = requestedBy("agent:writer", GatedDrafts.keycodeReset("LDN-AGT", "agent-sod@example.com",
                "4242-0000"));
        oversight.hold(draft);

        // When the writer tries to approve its own draft
        HttpResponse<String> own = post("/api/v1/agents/writer/pending/" + draft.getDraftId() + "/decision",
                "{\"action\":\"approve\"}");

        // Then it is refused as its own draft and the draft stays held
        assertThat(own.statusCode()).isEqualTo(403);
        assertThat(own.body()).contains("own_draft");
        assertThat(oversight.find(draft.getDraftId()).status()).isEqualTo(Status.PENDING);

        // When the reviewer agent lists and approves it
        assertThat(get("/api/v1/agents/reviewer/pending", GATEWAY, GATEWAY_PASSWORD).body())
                .contains(draft.getDraftId()).doesNotContain("4242-0000");
        HttpResponse<String> approved = post("/api/v1/agents/reviewer/pending/" + draft.getDraftId() + "/decision",
                "{\"action\":\"approve\"}");

        // Then it is approved with the agent as the decider
        assertThat(approved.statusCode()).isEqualTo(200);
        assertThat(approved.body()).contains("\"outcome\":\"APPROVED\"");
        assertThat(oversight.find(draft.getDraftId()).decidedBy()).isEqualTo("agent:reviewer");
    }

    @Test
    void anAgentThatIsNoApproverOfTheLocationIsRefused() throws Exception {
        EmailDraft draft = GatedDrafts.keycodeReset("LDN-AGT", "agent-nope@example.com", "1111-2222");
        oversight.hold(draft);

        HttpResponse<String> response = post("/api/v1/agents/stranger/pending/" + draft.getDraftId() + "/decision",
                "{\"action\":\"approve\"}");

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).contains("not_an_approver", "agent:stranger");
    }

    @Test
    void theRequesterWithdrawsItsHeldDraftAndNobodyElseCan() throws Exception {
        // Given a held draft requested by the agent "sender"
        EmailDraft draft = requestedBy("agent:sender", GatedDrafts.keycodeReset("LDN-AGT", "agent-withdraw@example.com",
                "5555-6666"));
        oversight.hold(draft);

        // When another agent tries to withdraw it, then it is refused
        HttpResponse<String> other = post("/api/v1/agents/reviewer/pending/" + draft.getDraftId() + "/withdrawal",
                "{\"reason\":\"not mine\"}");
        assertThat(other.statusCode()).isEqualTo(403);
        assertThat(other.body()).contains("not_the_requester");

        // When its requester withdraws it, twice
        HttpResponse<String> withdrawn = post("/api/v1/agents/sender/pending/" + draft.getDraftId() + "/withdrawal",
                "{\"reason\":\"sent to the wrong member\"}");
        HttpResponse<String> again = post("/api/v1/agents/sender/pending/" + draft.getDraftId() + "/withdrawal", "{}");

        // Then it is cancelled once, audited CANCELLED by the agent, and can no longer be approved
        assertThat(withdrawn.statusCode()).isEqualTo(200);
        assertThat(withdrawn.body()).contains("\"outcome\":\"CANCELLED\"");
        assertThat(again.body()).contains("\"repeated\":true");
        assertThat(oversight.find(draft.getDraftId()).status()).isEqualTo(Status.CANCELLED);
        await().atMost(RunningOversight.WAIT).untilAsserted(() -> assertThat(
                oversight.auditTrail().getOrDefault(draft.getDraftId(), List.of()))
                .anySatisfy(event -> assertCancelledBy(event, "agent:sender")));
        assertThat(post("/api/v1/agents/reviewer/pending/" + draft.getDraftId() + "/decision",
                "{\"action\":\"approve\"}").statusCode()).isEqualTo(409);
    }

    @Test
    void thePolicyPreviewNamesTheModeAndRule() throws Exception {
        HttpResponse<String> response = get("/api/v1/agents/writer/policy?location=LDN-AGT"
                + "&eventType=master_keycode_reset&requestedMode=monitored", GATEWAY, GATEWAY_PASSWORD);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"mode\":\"gated_send\"", "floor for master_keycode_reset gated_send");
    }

    @Test
    void aGatewayActsOnlyForTheAgentsItIsBoundTo() throws Exception {
        // Given a held draft the agent "reviewer" could approve, and a gateway bound to "writer" only
        EmailDraft draft = requestedBy("agent:writer", GatedDrafts.keycodeReset("LDN-AGT", "agent-bound@example.com",
                "7777-8888"));
        oversight.hold(draft);

        // When that gateway acts for the reviewer: lists, reads, approves
        HttpResponse<String> list = get("/api/v1/agents/reviewer/pending", NARROW_GATEWAY, GATEWAY_PASSWORD);
        HttpResponse<String> approve = postAs(NARROW_GATEWAY, "/api/v1/agents/reviewer/pending/"
                + draft.getDraftId() + "/decision", "{\"action\":\"approve\"}");

        // Then each is refused as JSON naming the gateway, the agent and the setting, and the draft stays held
        for (HttpResponse<String> refused : List.of(list, approve)) {
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(403);
            assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/json"));
            assertThat(refused.body()).contains("\"error\":\"agent_not_bound\"", NARROW_GATEWAY, "agent:reviewer",
                    "deskpost.oversight.agent-gateways[n].agents");
        }
        assertThat(oversight.find(draft.getDraftId()).status()).isEqualTo(Status.PENDING);

        // And the agent it is bound to works through it, while a gateway bound to no agent can act for none
        assertThat(get("/api/v1/agents/writer/pending/" + draft.getDraftId(), NARROW_GATEWAY, GATEWAY_PASSWORD)
                .statusCode()).isEqualTo(200);
        assertThat(get("/api/v1/agents/writer/pending/" + draft.getDraftId(), UNBOUND_GATEWAY, GATEWAY_PASSWORD)
                .statusCode()).isEqualTo(403);
    }

    @Test
    void theGatewayCannotUseTheStaffApiNorStaffTheAgentApi() throws Exception {
        assertThat(get("/api/v1/pending", GATEWAY, GATEWAY_PASSWORD).statusCode()).isEqualTo(403);
        HttpResponse<String> staff = get("/api/v1/agents/reviewer/pending", STAFF, STAFF_PASSWORD);
        assertThat(staff.statusCode()).isEqualTo(403);
        assertThat(staff.body()).contains("\"error\":\"forbidden\"");
        assertThat(get("/api/v1/agents/reviewer/pending", GATEWAY, "wrong password").statusCode()).isEqualTo(401);
    }

    @Test
    void onlyTheSubjectAccessClientReadsWhatIsHeldForAPersonAndItReadsNothingElse() throws Exception {
        // Given a draft held for Ida, and one for Otto
        EmailDraft idas = GatedDrafts.keycodeReset("LDN-AGT", "ida.subject@example.com", "5151-0000");
        oversight.hold(idas);
        oversight.hold(GatedDrafts.keycodeReset("LDN-AGT", "otto.other@example.com", "6161-0000"));
        String path = "/api/v1/subject-access/held-drafts?email=Ida.Subject@Example.com";

        // When the subject-access client asks for Ida's, her address spelt in capitals
        HttpResponse<String> drafts = get(path, SUBJECT_CLIENT, SUBJECT_CLIENT_PASSWORD);

        // Then it gets her held draft, as staff see it, and nothing of Otto's
        assertThat(drafts.statusCode()).as(drafts.body()).isEqualTo(200);
        assertThat(drafts.body()).contains(idas.getDraftId(), "\"status\":\"PENDING\"", "ida.subject@example.com")
                .doesNotContain("otto.other", "5151-0000");
        assertThat(get("/api/v1/subject-access/digest-entries?email=ida.subject@example.com", SUBJECT_CLIENT,
                SUBJECT_CLIENT_PASSWORD).body()).isEqualTo("[]");
        assertThat(get("/api/v1/subject-access/held-drafts", SUBJECT_CLIENT, SUBJECT_CLIENT_PASSWORD).body())
                .contains("invalid_email");
        // And neither staff nor a gateway may ask, nor the client without its password; nor may it decide
        HttpResponse<String> staff = get(path, STAFF, STAFF_PASSWORD);
        assertThat(staff.statusCode()).isEqualTo(403);
        assertThat(staff.body()).contains("subject-access clients /api/v1/subject-access");
        assertThat(get(path, GATEWAY, GATEWAY_PASSWORD).statusCode()).isEqualTo(403);
        assertThat(get(path, SUBJECT_CLIENT, "wrong password").statusCode()).isEqualTo(401);
        assertThat(get("/api/v1/pending", SUBJECT_CLIENT, SUBJECT_CLIENT_PASSWORD).statusCode()).isEqualTo(403);
        assertThat(get("/api/v1/agents/reviewer/pending", SUBJECT_CLIENT, SUBJECT_CLIENT_PASSWORD).statusCode())
                .isEqualTo(403);
    }

    private static void assertCancelledBy(AuditEvent event, String actor) {
        assertThat(event.getType()).isEqualTo(AuditType.CANCELLED);
        assertThat(event.getActor()).isEqualTo(actor);
        assertThat(event.getDetail()).contains("sent to the wrong member");
    }

    private static EmailDraft requestedBy(String requester, EmailDraft draft) {
        return EmailDraft.newBuilder(draft).setRequestedBy(requester).build();
    }

    private HttpResponse<String> get(String path, String user, String password) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(oversight.url(path)))
                .header("Authorization", basic(user, password)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String json) throws Exception {
        return postAs(GATEWAY, path, json);
    }

    private HttpResponse<String> postAs(String gateway, String path, String json) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(oversight.url(path)))
                .header("Authorization", basic(gateway, GATEWAY_PASSWORD)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
