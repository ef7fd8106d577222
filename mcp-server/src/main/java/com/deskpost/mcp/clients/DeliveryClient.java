package com.deskpost.mcp.clients;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/** The delivery service's API (sent mail, the sent-mail archive, contacts), with this server's API key. */
public class DeliveryClient {

    private final JsonHttp http;

    public DeliveryClient(URI url, String apiKey, JsonMapper json) {
        this.http = new JsonHttp("delivery-service", url, "Bearer " + apiKey, json);
    }

    /** What the SMTP server accepted, newest first. */
    public Reply messages(String recipient, String from, String to, String subject, String cursor, Integer limit) {
        return http.get("/api/v1/messages", JsonHttp.query("recipient", recipient, "from", from, "to", to,
                "subject", subject, "cursor", cursor, "limit", limit));
    }

    /** The sent-mail archive's entries for one recipient, newest first. */
    public Reply archive(String recipient, String from, String to, String cursor, Integer limit) {
        return http.get("/api/v1/archive", JsonHttp.query("recipient", recipient, "from", from, "to", to,
                "cursor", cursor, "limit", limit));
    }

    /** One archived message's entry and readable text, by the SHA-256 of the message as sent. */
    public Reply archivedText(String sha256) {
        return http.get("/api/v1/archive/" + JsonHttp.segment(sha256) + "/text", JsonHttp.query());
    }

    /** @param source recorded on the consent change, e.g. {@code agent:front-desk} */
    public Reply tag(String email, String tag, String action, String source) {
        Map<String, Object> body = new HashMap<>();
        body.put("tag", tag);
        body.put("action", action);
        body.put("source", source);
        return http.post("/api/v1/contacts/" + JsonHttp.segment(email) + "/tags", body);
    }

    /** An address's bounce and complaint history. */
    public Reply feedback(String email) {
        return http.get("/api/v1/contacts/" + JsonHttp.segment(email) + "/feedback", JsonHttp.query());
    }

    public Reply contacts(String tag, String jurisdiction, String cursor, Integer limit) {
        return http.get("/api/v1/contacts", JsonHttp.query("tag", tag, "jurisdiction", jurisdiction,
                "cursor", cursor, "limit", limit));
    }
}
