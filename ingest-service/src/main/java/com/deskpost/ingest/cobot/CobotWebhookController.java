package com.deskpost.ingest.cobot;

import com.deskpost.ingest.cobot.CobotEvents.Ignored;
import com.deskpost.ingest.cobot.CobotEvents.Records;
import com.deskpost.ingest.replay.RecentIds;
import com.deskpost.ingest.vendor.Fields;
import com.deskpost.ingest.vendor.VendorIndex;
import com.deskpost.ingest.vendor.VendorWebhooks;
import com.deskpost.ingest.vendor.WebhookToken;
import com.deskpost.ingest.web.ApiException;
import com.deskpost.ingest.web.JsonRequests;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/webhooks/cobot}: Cobot's webhook, {@code {"url": "https://<space>.cobot.me/api/<kind>/<id>"}}.
 * Cobot signs nothing, so the call must carry the secret the operator put in the subscription's callback URL
 * ({@code ?token=}) or the {@code X-Deskpost-Token} header (else 401: {@link WebhookToken}). Only a URL matching
 * {@code deskpost.ingest.cobot.allowed-urls} (Cobot's API host) is fetched, so a forged call cannot make Deskpost fetch
 * an address of its choosing (else 422 {@code cobot_url_refused}). The resource, fetched with the operator's access
 * token, is mapped by {@link CobotEvents} and produced: 202 once the broker took it; 200 {@code duplicate} for a version
 * of the resource admitted within the dedup window (Cobot's retry); 200 {@code ignored} for a resource Cobot no longer
 * has (404: deleted since) or one Deskpost does not map; 503 when Cobot could not be asked, so Cobot retries.
 */
@RestController
class CobotWebhookController {

    private final CobotProperties properties;
    private final JsonRequests requests;
    private final VendorWebhooks webhooks;
    private final CobotEvents events;
    private final CobotClient client;
    private final RecentIds delivered;
    private final WebhookToken token;
    private final Pattern allowed;
    private final Clock clock = Clock.systemUTC();

    CobotWebhookController(CobotProperties properties, JsonRequests requests, VendorWebhooks webhooks,
            VendorIndex index) {
        this.properties = properties;
        this.requests = requests;
        this.webhooks = webhooks;
        this.events = new CobotEvents(properties, index);
        this.client = new CobotClient(properties.accessToken(), properties.fetchTimeout());
        this.delivered = new RecentIds(properties.dedupWindow(), properties.dedupCapacity(), clock);
        this.token = new WebhookToken("Cobot", "/api/v1/webhooks/cobot", "deskpost.ingest.cobot.webhook-token",
                properties.webhookToken());
        this.allowed = properties.allowed();
    }

    @PostMapping(path = "/api/v1/webhooks/cobot", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> receive(HttpServletRequest request) {
        if (!properties.enabled()) {
            throw new ApiException(HttpStatus.NOT_FOUND, "webhook_disabled", "The Cobot webhook is not enabled here: "
                    + "the operator sets deskpost.ingest.cobot.access-token and deskpost.ingest.cobot.webhook-token");
        }
        token.verify(request);
        byte[] body = requests.body(request);
        JsonRequests.requireJson(request);
        URI url = guarded(Fields.text(VendorWebhooks.object(body, "Cobot's webhook"), "$", "url"));
        String[] path = url.getPath().split("/");
        String kind = path.length > 2 ? path[2] : "";
        if (!CobotEvents.KINDS.contains(kind)) {
            // not fetched: nothing Deskpost would do with it
            return VendorWebhooks.ignored("Cobot", "Cobot " + kind + " are not mapped (" + String.join(", ",
                    CobotEvents.KINDS) + " are); unsubscribe the webhook in Cobot to stop these calls");
        }
        CobotClient.Fetched fetched = client.fetch(url);
        if (fetched.gone()) {
            return VendorWebhooks.ignored("Cobot", "Cobot answered " + fetched.status() + " for " + url
                    + ": the resource was deleted since the webhook was sent");
        }
        CobotResource resource = new CobotResource(url, space(url), kind,
                VendorWebhooks.object(fetched.body().getBytes(StandardCharsets.UTF_8), "the Cobot resource " + url),
                fetched.body());
        CobotEvents.Outcome outcome = events.map(resource, request.getParameter("event"), Instant.now(clock));
        if (outcome instanceof Ignored ignored) {
            return VendorWebhooks.ignored("Cobot", ignored.reason());
        }
        return publish(((Records) outcome).records());
    }

    /** Each record under its own identity; the answer is the first record's, with the others' under "also". */
    private ResponseEntity<Map<String, Object>> publish(List<VendorWebhooks.Mapped<?>> records) {
        ResponseEntity<Map<String, Object>> first = webhooks.publish(records.get(0), delivered, "cobot");
        if (records.size() == 1) {
            return first;
        }
        List<Map<String, Object>> also = new ArrayList<>();
        for (VendorWebhooks.Mapped<?> record : records.subList(1, records.size())) {
            also.add(webhooks.publish(record, delivered, "cobot").getBody());
        }
        Map<String, Object> answer = new LinkedHashMap<>(first.getBody());
        answer.put("also", also);
        return ResponseEntity.status(first.getStatusCode()).body(answer);
    }

    /** The URL, if it is one Deskpost fetches: Cobot's API host, as configured. */
    private URI guarded(String url) {
        try {
            if (allowed.matcher(url).matches()) {
                return new URI(url);
            }
        } catch (URISyntaxException e) {
            // refused below, with the same message
        }
        throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "cobot_url_refused", "Deskpost fetches only Cobot "
                + "resources matching deskpost.ingest.cobot.allowed-urls (" + properties.allowedUrls() + "); \"" + url
                + "\" is not one, so it was not fetched", Map.of("path", "$.url", "allowed_urls",
                properties.allowedUrls()));
    }

    /** The space's subdomain ({@code co-up} of co-up.cobot.me); for another host (a test's), the host. */
    static String space(URI url) {
        String host = url.getHost() == null ? "" : url.getHost();
        return host.endsWith(".cobot.me") ? host.substring(0, host.indexOf('.')) : host;
    }
}
