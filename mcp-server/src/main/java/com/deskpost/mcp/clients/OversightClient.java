package com.deskpost.mcp.clients;

import com.deskpost.mcp.agent.Agent;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * The oversight service's agent API, signed in as this server's agent gateway account. Every call
 * names the agent it is for: oversight decides, lists and withdraws as {@code agent:<id>}, never as
 * the gateway, so its own rules (approvers per location, no decision on one's own draft) apply to
 * the agent itself.
 */
public class OversightClient {

    private final JsonHttp http;

    public OversightClient(URI url, String gateway, String password, JsonMapper json) {
        this.http = new JsonHttp("oversight-service", url, "Basic " + Base64.getEncoder()
                .encodeToString((gateway + ":" + password).getBytes(StandardCharsets.UTF_8)), json);
    }

    public Reply pending(Agent agent, String location) {
        return http.get(base(agent) + "/pending", JsonHttp.query("location", location));
    }

    public Reply held(Agent agent, String draftId) {
        return http.get(base(agent) + "/pending/" + JsonHttp.segment(draftId), Map.of());
    }

    public Reply decide(Agent agent, String draftId, String decisionId, String action, String reason, String subject,
            String body) {
        Map<String, Object> decision = new HashMap<>();
        decision.put("decisionId", decisionId);
        decision.put("action", action);
        decision.put("reason", reason);
        decision.put("subject", subject);
        decision.put("body", body);
        return http.post(base(agent) + "/pending/" + JsonHttp.segment(draftId) + "/decision", decision);
    }

    public Reply withdraw(Agent agent, String draftId, String reason) {
        Map<String, Object> withdrawal = new HashMap<>();
        withdrawal.put("reason", reason);
        return http.post(base(agent) + "/pending/" + JsonHttp.segment(draftId) + "/withdrawal", withdrawal);
    }

    /** The mode oversight would give a draft: {@code {"mode", "rule"}}. */
    public Reply policy(Agent agent, String location, String eventType, String requestedMode) {
        return http.get(base(agent) + "/policy", JsonHttp.query("location", location, "eventType", eventType,
                "requestedMode", requestedMode));
    }

    private static String base(Agent agent) {
        return "/api/v1/agents/" + JsonHttp.segment(agent.id());
    }
}
