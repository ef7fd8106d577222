package com.deskpost.reliability.input;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

/** The few HTTP calls the scenarios make, with the time each answer arrived. */
final class Http {

    /** An answer: status, body, content type and when it was received. */
    record Answer(int status, String body, String contentType, Instant at, String location) {

        Answer(int status, String body, String contentType, Instant at) {
            this(status, body, contentType, at, null);
        }

        boolean isJson() {
            return contentType != null && contentType.contains("json") && body.trim().startsWith("{");
        }
    }

    static final String DELIVERY_KEY = "dev-only-api-key";
    static final String WEBHOOK_KEY = "dev-only-inbound-webhook-key";

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    static String bearer(String key) {
        return "Bearer " + key;
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    Answer send(String method, String url, String authorization, String contentType, String body) {
        return send(method, url, authorization, contentType, body, "application/json");
    }

    Answer send(String method, String url, String authorization, String contentType, String body, String accept) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Accept", accept);
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body));
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body(),
                    response.headers().firstValue("Content-Type").orElse(null), Instant.now(),
                    response.headers().firstValue("Location").orElse(null));
        } catch (IOException e) {
            return new Answer(-1, String.valueOf(e), null, Instant.now());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(-1, "interrupted", null, Instant.now());
        }
    }

    Answer postJson(String url, String authorization, String json) {
        return send("POST", url, authorization, "application/json", json);
    }

    Answer get(String url, String authorization) {
        return send("GET", url, authorization, null, null);
    }
}
