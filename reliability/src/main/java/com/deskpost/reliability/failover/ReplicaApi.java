package com.deskpost.reliability.failover;

import com.deskpost.reliability.harness.ServiceProcess;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;

/**
 * What the failover scenario asks one replica over HTTP, with the dev stack's published keys: whether it holds
 * its service's outbox relay, and a decision on a held draft through oversight's API as the staff account
 * {@code ops}, an approver of every sample location.
 */
final class ReplicaApi {

    private static final String ACTUATOR_KEY = "dev-only-actuator-key";
    private static final String OPS = "Basic "
            + Base64.getEncoder().encodeToString("ops:ops".getBytes(StandardCharsets.UTF_8));
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private ReplicaApi() {
    }

    /**
     * Whether the replica's outbox relay is the elected one: its gauge {@code deskpost_outbox_leader} is 1 (health
     * shows a component's details only to a signed-in caller; the metrics need only the actuator key).
     */
    static boolean holdsRelay(ServiceProcess replica) {
        try {
            HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + replica.port() + "/actuator/prometheus"))
                    .header("Authorization", "Bearer " + ACTUATOR_KEY).timeout(Duration.ofSeconds(3)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return answer.statusCode() == 200 && answer.body().lines()
                    .anyMatch(line -> line.startsWith("deskpost_outbox_leader{") && line.endsWith(" 1.0"));
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Approves the held draft through the replica's decision API; the HTTP status. */
    static int approve(ServiceProcess oversight, String draftId) {
        try {
            HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + oversight.port() + "/api/v1/pending/" + draftId + "/decision"))
                    .header("Authorization", OPS).header("Content-Type", "application/json")
                    .timeout(Duration.ofSeconds(10))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"action\": \"approve\", \"decisionId\": \""
                            + UUID.randomUUID() + "\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            return answer.statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
