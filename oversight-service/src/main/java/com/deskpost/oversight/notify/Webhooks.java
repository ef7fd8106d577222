package com.deskpost.oversight.notify;

import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Posts notices to the location's Slack and Microsoft Teams incoming webhooks, after the notice's transaction has
 * committed and off the job's thread: a webhook that is down never delays or undoes holding a draft or its mail.
 * Each post is tried {@code webhook-attempts} times with a growing pause, then given up: logged (without the URL,
 * which is a secret) and counted ({@code deskpost.oversight.notifications.webhook.failures}). The JDK's HTTP client is
 * used: two JSON posts need no further library.
 */
@Component
public class Webhooks {

    private static final Logger log = LoggerFactory.getLogger(Webhooks.class);
    private static final Duration PAUSE = Duration.ofMillis(500);

    private final NotificationProperties properties;
    private final MeterRegistry meters;
    private final HttpClient http;

    public Webhooks(NotificationProperties properties, MeterRegistry meters) {
        this.properties = properties;
        this.meters = meters;
        this.http = HttpClient.newBuilder().connectTimeout(properties.webhookTimeout()).build();
    }

    /** Posts the notice to every webhook of the location; the futures end when each post succeeded or was given up. */
    List<CompletableFuture<Boolean>> post(String locationId, String headline, Notice notice, Instant now) {
        NotificationProperties.Webhook webhook = properties.webhookOf(locationId);
        List<CompletableFuture<Boolean>> posts = new ArrayList<>();
        if (!webhook.slackUrl().isEmpty()) {
            posts.add(post("slack", webhook.slackUrl(), WebhookMessages.slack(headline, notice, now), notice, 1));
        }
        if (!webhook.teamsUrl().isEmpty()) {
            posts.add(post("teams", webhook.teamsUrl(), WebhookMessages.teams(headline, notice, now), notice, 1));
        }
        return posts;
    }

    /** The vendors the location posts to, for the audit. */
    List<String> channelsOf(String locationId) {
        NotificationProperties.Webhook webhook = properties.webhookOf(locationId);
        return Stream.of(webhook.slackUrl().isEmpty() ? null : "slack",
                webhook.teamsUrl().isEmpty() ? null : "teams").filter(Objects::nonNull).toList();
    }

    private CompletableFuture<Boolean> post(String vendor, String url, Map<String, Object> message, Notice notice,
            int attempt) {
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(URI.create(url)).timeout(properties.webhookTimeout())
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JsonMapper.shared().writeValueAsString(message)))
                    .build();
        } catch (IllegalArgumentException badUrl) {
            log.error("The {} webhook URL for draft {}'s location is not a URL; notice not posted", vendor,
                    notice.draftId());
            return CompletableFuture.completedFuture(failed(vendor));
        }
        return http.sendAsync(request, HttpResponse.BodyHandlers.discarding())
                .handle((response, error) -> error == null && response.statusCode() / 100 == 2
                        ? null : (error != null ? error.toString() : "HTTP " + response.statusCode()))
                .thenCompose(problem -> {
                    if (problem == null) {
                        meters.counter("deskpost.oversight.notifications.webhook.posts", "vendor", vendor).increment();
                        return CompletableFuture.completedFuture(true);
                    }
                    if (attempt >= properties.webhookAttempts()) {
                        log.warn("Gave up posting the notice of draft {} to {} after {} tries: {}", notice.draftId(),
                                vendor, attempt, problem);
                        return CompletableFuture.completedFuture(failed(vendor));
                    }
                    return CompletableFuture.supplyAsync(() -> null, CompletableFuture.delayedExecutor(
                                    PAUSE.toMillis() * attempt, TimeUnit.MILLISECONDS))
                            .thenCompose(ignored -> post(vendor, url, message, notice, attempt + 1));
                });
    }

    private boolean failed(String vendor) {
        meters.counter("deskpost.oversight.notifications.webhook.failures", "vendor", vendor).increment();
        return false;
    }
}
