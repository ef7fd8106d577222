package com.deskpost.delivery;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Calls the running service over real HTTP, as an integrator or a mail client would. */
public final class TestHttp {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final DeliveryTestStack stack;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    public TestHttp(DeliveryTestStack stack) {
        this.stack = stack;
    }

    /** GET with the test client's API key. */
    public HttpResponse<String> get(String path) {
        return send(request(path).header("Authorization", "Bearer " + DeliveryTestStack.API_KEY).GET());
    }

    /** GET with the given Authorization header, or none when null. */
    public HttpResponse<String> getAs(String authorization, String path) {
        HttpRequest.Builder request = request(path).GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return send(request);
    }

    /** POST of a JSON body with the test client's API key. */
    public HttpResponse<String> postJson(String path, String json) {
        return postJsonAs("Bearer " + DeliveryTestStack.API_KEY, path, json);
    }

    /** POST of a JSON body with the given Authorization header, or none when null. */
    public HttpResponse<String> postJsonAs(String authorization, String path, String json) {
        HttpRequest.Builder request = request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return send(request);
    }

    /** POST of an application/x-www-form-urlencoded body, with no credentials, as RFC 8058 mail clients send it. */
    public HttpResponse<String> postForm(String path, String form) {
        return post(path, "application/x-www-form-urlencoded", form);
    }

    /** POST of any body, with no credentials. */
    public HttpResponse<String> post(String path, String contentType, String body) {
        return send(request(path).header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    public static JsonNode json(HttpResponse<String> response) {
        return JsonMapper.shared().readTree(response.body());
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(stack.url(path))).timeout(TIMEOUT);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted calling " + stack.url(""), e);
        }
    }
}
