package com.deskpost.ingest.testdata;

import com.deskpost.ingest.auth.Hmacs;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;

/** HTTP calls to a running ingest service, plain or signed the way a facility system would. */
public final class IngestCalls {

    private final HttpClient http = HttpClient.newHttpClient();
    private final String base;

    public IngestCalls(int port) {
        this.base = "http://localhost:" + port;
    }

    public HttpRequest.Builder post(String path, String body) {
        return HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
    }

    public HttpRequest.Builder get(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).GET();
    }

    public HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public HttpResponse<String> withKey(String path, String key, String body) {
        return send(post(path, body).header("Authorization", "Bearer " + key));
    }

    /** Signed as {@code X-Deskpost-Signature: t=<t>,v1=<hex HMAC of "<t>.<body>">}. */
    public HttpResponse<String> signed(String path, String client, String secret, Instant at, String body) {
        return send(post(path, body).header("X-Deskpost-Client", client)
                .header("X-Deskpost-Signature", signature(secret, at.getEpochSecond(), body)));
    }

    public static String signature(String secret, long t, String body) {
        return "t=" + t + ",v1=" + HexFormat.of().formatHex(
                Hmacs.hmacSha256(secret, Hmacs.utf8(t + "."), body.getBytes(StandardCharsets.UTF_8)));
    }

    /** OfficeRnD's Flex layout: {@code officernd-signature: t=<t>,v1=<hex HMAC of "<t>.<body>">}. */
    public HttpResponse<String> fromOfficeRnd(String path, String secret, String body) {
        return send(post(path, body).header("officernd-signature",
                signature(secret, Instant.now().getEpochSecond(), body)));
    }
}
