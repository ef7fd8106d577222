package com.deskpost.testsupport.registry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Plain JDK HTTP calls against a registry, so the server is tested independently of the
 * Deskpost client that normally talks to it.
 */
final class RegistryHttp {

    static final String MEDIA_TYPE = "application/vnd.schemaregistry.v1+json";

    /** One answer: status, parsed JSON body, raw body and content type. */
    record Answer(int status, JsonNode json, String body, String contentType) {
    }

    private final String baseUrl;
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper mapper = new ObjectMapper();

    RegistryHttp(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    Answer get(String path) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).GET());
    }

    Answer post(String path, String jsonBody) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path))
                .POST(HttpRequest.BodyPublishers.ofString(jsonBody)));
    }

    Answer put(String path, String jsonBody) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path))
                .PUT(HttpRequest.BodyPublishers.ofString(jsonBody)));
    }

    Answer delete(String path) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).DELETE());
    }

    /** POST /subjects/{subject}/versions with the schema wrapped as Confluent expects. */
    Answer register(String subject, String schema) {
        return post("/subjects/" + subject + "/versions", schemaRequest(schema));
    }

    String schemaRequest(String schema) {
        return mapper.createObjectNode().put("schema", schema).toString();
    }

    private Answer send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(
                    request.header("Accept", MEDIA_TYPE).header("Content-Type", MEDIA_TYPE).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), mapper.readTree(response.body()), response.body(),
                    response.headers().firstValue("Content-Type").orElse(""));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
