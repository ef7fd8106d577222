package com.deskpost.ingest.cobot;

import com.deskpost.ingest.web.ApiException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;

/**
 * Fetches the resource a Cobot webhook names, with the operator's access token. Cobot answering 200 gives the
 * resource; 404 or 410 says it is gone (deleted since), which the webhook acknowledges; anything else (Cobot down, a
 * 5xx, a timeout, our token refused) is answered 503 {@code cobot_unavailable}, so Cobot retries the webhook later
 * instead of the change being lost. Redirects are not followed: only the URL the guard admitted is fetched.
 */
final class CobotClient {

    private static final Logger log = LoggerFactory.getLogger(CobotClient.class);

    /** Cobot's answer: the resource's JSON, or ({@code body} null) that it is gone. */
    record Fetched(int status, String body) {

        boolean gone() {
            return body == null;
        }
    }

    private final HttpClient http;
    private final String accessToken;
    private final Duration timeout;

    CobotClient(String accessToken, Duration timeout) {
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
        this.accessToken = accessToken;
        this.timeout = timeout;
    }

    Fetched fetch(URI url) {
        HttpRequest request = HttpRequest.newBuilder(url).timeout(timeout).GET()
                .header("Authorization", "Bearer " + accessToken).header("Accept", "application/json").build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            log.warn("Cobot resource {} could not be fetched: answered 503 so Cobot retries", url, e);
            throw unavailable(url, "could not be fetched (" + e.getClass().getSimpleName() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable(url, "fetch was interrupted");
        }
        int status = response.statusCode();
        if (status == 200) {
            return new Fetched(status, response.body());
        }
        if (status == 404 || status == 410) {
            return new Fetched(status, null);
        }
        String why = status == 401 || status == 403
                ? "Cobot refused Deskpost's access token (HTTP " + status + "): check deskpost.ingest.cobot.access-token "
                        + "and its scopes (read_memberships, read_bookings, read_invoices)"
                : "Cobot answered HTTP " + status;
        log.warn("Cobot resource {}: {}; answered 503 so Cobot retries", url, why);
        throw unavailable(url, why);
    }

    private static ApiException unavailable(URI url, String why) {
        return new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "cobot_unavailable", "The Cobot resource " + url
                + " " + why + "; Cobot retries the webhook later", Map.of("url", url.toString()));
    }
}
