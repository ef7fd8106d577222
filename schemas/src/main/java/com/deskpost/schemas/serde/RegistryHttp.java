package com.deskpost.schemas.serde;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** JSON over HTTP with a Confluent-compatible registry; turns every failure into a {@link SchemaRegistryException}. */
final class RegistryHttp {

    static final String MEDIA_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    // Producers and consumers block on this call only for a schema they have not seen yet.
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    private static final int MAX_BODY_IN_MESSAGE = 300;

    private final String baseUrl;
    /** {@code Basic <base64(user:password)>}, or null when the registry needs no login. */
    private final String authorization;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();
    private final ObjectMapper json = new ObjectMapper();

    /** @param userInfo {@code user:password} for HTTP basic auth, or null for none */
    RegistryHttp(String baseUrl, String userInfo) {
        this.baseUrl = baseUrl;
        this.authorization = userInfo == null ? null
                : "Basic " + Base64.getEncoder().encodeToString(userInfo.getBytes(StandardCharsets.UTF_8));
    }

    String baseUrl() {
        return baseUrl;
    }

    ObjectMapper json() {
        return json;
    }

    JsonNode get(String path) {
        return send("GET", path, HttpRequest.BodyPublishers.noBody());
    }

    JsonNode post(String path, JsonNode body) {
        return send("POST", path, HttpRequest.BodyPublishers.ofString(body.toString()));
    }

    private JsonNode send(String method, String path, HttpRequest.BodyPublisher body) {
        String url = baseUrl + path;
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .timeout(REQUEST_TIMEOUT)
                .header("Accept", MEDIA_TYPE)
                .header("Content-Type", MEDIA_TYPE)
                .method(method, body);
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            throw unreachable(method, url, "no answer within " + REQUEST_TIMEOUT.toSeconds() + " s", e);
        } catch (IOException e) {
            throw unreachable(method, url, describe(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unreachable(method, url, "interrupted while waiting for the answer", e);
        }
        return parse(method, url, response);
    }

    private JsonNode parse(String method, String url, HttpResponse<String> response) {
        JsonNode answer;
        try {
            answer = json.readTree(response.body());
        } catch (JsonProcessingException e) {
            // e.g. a proxy's HTML error page: reported below with the body itself, which says more.
            answer = null;
        }
        int status = response.statusCode();
        if (status / 100 == 2 && answer != null && !answer.isMissingNode()) {
            return answer;
        }
        int errorCode = answer != null && answer.has("error_code") ? answer.get("error_code").asInt() : 0;
        String message = answer != null && answer.hasNonNull("message")
                ? answer.get("message").asText()
                : "answer is not registry JSON: " + abbreviate(response.body());
        String hint = status == 401 || status == 403
                ? (authorization == null ? " (the registry wants a login: set deskpost.kafka.schema-registry-user-info"
                        + " to user:password)" : " (check the user:password of deskpost.kafka.schema-registry-user-info)")
                : "";
        throw new SchemaRegistryException(method + " " + url + " failed: HTTP " + status + ", error_code "
                + errorCode + ": " + message + hint, url, status, errorCode, message, null);
    }

    private SchemaRegistryException unreachable(String method, String url, String why, Exception cause) {
        return new SchemaRegistryException("The schema registry at " + baseUrl + " is unreachable (" + method + " "
                + url + "): " + why, url, SchemaRegistryException.NO_RESPONSE, 0, why, cause);
    }

    /** The innermost cause with a message: HttpClient's ConnectException often has none itself. */
    private static String describe(Throwable e) {
        Throwable named = e;
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null) {
                named = t;
            }
        }
        return named.getClass().getName() + (named.getMessage() == null ? "" : ": " + named.getMessage());
    }

    private static String abbreviate(String body) {
        String oneLine = body == null ? "" : body.replaceAll("\\s+", " ").trim();
        return oneLine.length() <= MAX_BODY_IN_MESSAGE ? oneLine : oneLine.substring(0, MAX_BODY_IN_MESSAGE) + "…";
    }
}
