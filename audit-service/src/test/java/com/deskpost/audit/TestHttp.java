package com.deskpost.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Calls the running service over real HTTP, as an integrator or an auditor would. */
public final class TestHttp {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final AuditTestStack stack;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    public TestHttp(AuditTestStack stack) {
        this.stack = stack;
    }

    /** GET with the test client's API key. */
    public HttpResponse<String> get(String path) {
        return getAs("Bearer " + AuditTestStack.API_KEY, path);
    }

    /** GET with the given Authorization header, or none when null. */
    public HttpResponse<String> getAs(String authorization, String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(stack.url(path))).timeout(TIMEOUT).GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted calling " + stack.url(path), e);
        }
    }

    public static JsonNode json(HttpResponse<String> response) {
        return JsonMapper.shared().readTree(response.body());
    }
}
