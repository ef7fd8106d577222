package com.deskpost.ops;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/** One call to a Deskpost service's HTTP API, with the failures a person can act on (unreachable, refused). */
public final class ApiCall {

    private ApiCall() {
    }

    /** Sends the request; an unreachable service is {@link OpsFailure#unreachable}, naming the service and URL. */
    public static HttpResponse<String> send(String service, String baseUrl, String option, HttpRequest request) {
        try {
            return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build()
                    .send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw OpsFailure.unreachable("Cannot reach " + service + " at " + baseUrl + " (" + e + "): check " + option
                    + " and that " + service + " is running.", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw OpsFailure.unreachable("Interrupted waiting for " + service + " at " + baseUrl + ".", e);
        }
    }

    /** A refusal (4xx: the caller's to fix) or a failure (anything else) with the service's own message. */
    public static OpsFailure refused(String service, HttpResponse<String> response) {
        String message = message(response.body());
        if (response.statusCode() / 100 == 4) {
            return OpsFailure.usage(service + " refused (HTTP " + response.statusCode() + "): " + message);
        }
        return OpsFailure.unreachable(service + " answered HTTP " + response.statusCode() + ": " + message, null);
    }

    /** The {@code message} of a JSON error body, else the body as it is. */
    public static String message(String body) {
        try {
            JsonNode json = Json.MAPPER.readTree(body == null ? "" : body);
            return json != null && json.hasNonNull("message") ? json.get("message").asString() : String.valueOf(body);
        } catch (JacksonException e) {
            return String.valueOf(body);
        }
    }
}
