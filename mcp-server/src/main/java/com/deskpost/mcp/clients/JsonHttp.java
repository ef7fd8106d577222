package com.deskpost.mcp.clients;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/** JSON over HTTP to one Deskpost service, with one Authorization header for every request. */
final class JsonHttp {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    private final String service;
    private final URI base;
    private final String authorization;
    private final JsonMapper json;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    JsonHttp(String service, URI base, String authorization, JsonMapper json) {
        this.service = service;
        this.base = base;
        this.authorization = authorization;
        this.json = json;
    }

    Reply get(String path, Map<String, ?> query) {
        return send(HttpRequest.newBuilder(uri(path, query)).GET());
    }

    Reply post(String path, Object body) {
        return send(HttpRequest.newBuilder(uri(path, Map.of())).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body))));
    }

    /** One path segment, percent-encoded: thread keys hold ':' and addresses '@'. */
    static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Query parameters without the null ones. */
    static Map<String, Object> query(Object... namesAndValues) {
        Map<String, Object> query = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            if (namesAndValues[i + 1] != null) {
                query.put((String) namesAndValues[i], namesAndValues[i + 1]);
            }
        }
        return query;
    }

    private URI uri(String path, Map<String, ?> query) {
        StringJoiner params = new StringJoiner("&", "?", "").setEmptyValue("");
        query.forEach((name, value) -> params.add(name + "=" + segment(String.valueOf(value))));
        String root = base.toString().endsWith("/") ? base.toString().substring(0, base.toString().length() - 1)
                : base.toString();
        return URI.create(root + path + params);
    }

    private Reply send(HttpRequest.Builder request) {
        HttpRequest built = request.header("Authorization", authorization).header("Accept", "application/json")
                .timeout(TIMEOUT).build();
        try {
            HttpResponse<String> response = http.send(built, HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), parse(response.body()));
        } catch (IOException e) {
            throw new ServiceUnavailable(service + " did not answer at " + base + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServiceUnavailable("Interrupted waiting for " + service, e);
        }
    }

    private Object parse(String body) {
        if (body == null || body.isBlank()) {
            return Map.of();
        }
        try {
            return json.readValue(body, Object.class);
        } catch (JacksonException e) {
            return Map.of("message", body);
        }
    }
}
