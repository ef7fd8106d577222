package com.deskpost.ops.audit;

import com.deskpost.ops.HttpOptions;
import com.deskpost.ops.Json;
import com.deskpost.ops.OpsFailure;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/** GET requests to audit-service's API, each failure turned into the exit code and sentence an operator needs. */
final class AuditApi {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final String baseUrl;
    private final String apiKey;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    AuditApi(HttpOptions options) {
        this.baseUrl = options.auditUrl().replaceAll("/+$", "");
        this.apiKey = options.apiKey();
        if (apiKey == null || apiKey.isBlank()) {
            throw OpsFailure.usage("No API key: pass --api-key or set DESKPOST_API_KEY to a key of audit-service's"
                    + " deskpost.api.clients.");
        }
    }

    JsonNode get(String path) {
        URI uri;
        try {
            uri = URI.create(baseUrl + path);
        } catch (IllegalArgumentException e) {
            throw OpsFailure.usage("'" + baseUrl + path + "' is not a URL (" + e.getMessage()
                    + "): fix --audit-url or the argument.");
        }
        if (uri.getHost() == null || !uri.getScheme().startsWith("http")) {
            throw OpsFailure.usage("--audit-url must be an http(s) URL such as http://localhost:8091, not "
                    + baseUrl + ".");
        }
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(TIMEOUT)
                .header("Authorization", "Bearer " + apiKey)
                .header("Accept", "application/json")
                .GET().build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw OpsFailure.unreachable("Cannot reach audit-service at " + baseUrl + " (" + describe(e)
                    + "): check --audit-url and that audit-service is running.", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw OpsFailure.unreachable("Interrupted waiting for audit-service at " + baseUrl + ".", e);
        }
        return answer(uri, response.statusCode(), response.body());
    }

    /** The JSON of a 2xx answer, or the failure an error answer means. */
    static JsonNode answer(URI uri, int status, String body) {
        JsonNode json;
        try {
            json = Json.MAPPER.readTree(body == null ? "" : body);
        } catch (JacksonException e) {
            json = null;
        }
        if (status / 100 == 2 && json != null && !json.isMissingNode()) {
            return json;
        }
        String message = json != null && json.hasNonNull("message") ? json.get("message").asString()
                : "HTTP " + status + (body == null || body.isBlank() ? "" : ": " + abbreviate(body));
        if (status == 401) {
            throw OpsFailure.usage("Audit-service refused the API key (HTTP 401): pass --api-key or set"
                    + " DESKPOST_API_KEY to a key of audit-service's deskpost.api.clients.");
        }
        if (status == 403) {
            // The key is known but lacks a scope (history and verify-audit need read): audit-service's sentence names it.
            throw OpsFailure.usage("Audit-service refused the call (HTTP 403): " + message + " Pass --api-key or set"
                    + " DESKPOST_API_KEY to a key with that scope.");
        }
        if (status / 100 == 4) {
            throw OpsFailure.usage(message);
        }
        throw OpsFailure.unreachable("Audit-service at " + uri.getScheme() + "://" + uri.getAuthority() + " answered "
                + (status / 100 == 2 ? "without JSON" : "HTTP " + status) + " (" + message
                + "): check its health at /actuator/health and try again.", null);
    }

    private static String describe(Throwable e) {
        Throwable named = e;
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null) {
                named = t;
            }
        }
        return named.getClass().getSimpleName() + (named.getMessage() == null ? ", nothing answers there" : ": " + named.getMessage());
    }

    private static String abbreviate(String body) {
        String line = body.replaceAll("\\s+", " ").trim();
        return line.length() <= 200 ? line : line.substring(0, 200) + "…";
    }
}
