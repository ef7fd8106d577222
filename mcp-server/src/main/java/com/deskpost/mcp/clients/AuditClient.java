package com.deskpost.mcp.clients;

import java.net.URI;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/** The audit service's API (a conversation's and a draft's audit trail), with this server's API key. */
public class AuditClient {

    private final JsonHttp http;

    public AuditClient(URI url, String apiKey, JsonMapper json) {
        this.http = new JsonHttp("audit-service", url, "Bearer " + apiKey, json);
    }

    public Reply thread(String threadKey, String cursor, Integer limit) {
        return http.get("/api/v1/threads/" + JsonHttp.segment(threadKey), JsonHttp.query("cursor", cursor,
                "limit", limit));
    }

    public Reply draftHistory(String draftId) {
        return http.get("/api/v1/drafts/" + JsonHttp.segment(draftId) + "/history", Map.of());
    }
}
