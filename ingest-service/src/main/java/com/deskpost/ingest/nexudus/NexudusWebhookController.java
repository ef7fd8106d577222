package com.deskpost.ingest.nexudus;

import com.deskpost.ingest.nexudus.NexudusEvents.Ignored;
import com.deskpost.ingest.nexudus.NexudusEvents.Mapped;
import com.deskpost.ingest.replay.RecentIds;
import com.deskpost.ingest.vendor.VendorIndex;
import com.deskpost.ingest.vendor.VendorWebhooks;
import com.deskpost.ingest.web.ApiException;
import com.deskpost.ingest.web.JsonRequests;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/webhooks/nexudus?action=<eWebhookAction name>&business=<BusinessId>}: Nexudus's webhooks,
 * one registration per action and location, authenticated by {@code X-Nexudus-Hook-Signature}
 * ({@link NexudusSignature}) and mapped by {@link NexudusEvents}. 202 once the broker took the record; 200
 * {@code ignored} for an action Deskpost does not map; 200 {@code duplicate} for a delivery admitted within the dedup
 * window (Nexudus's retry, or a replay), which is not produced again. A delivery that could not be produced is
 * forgotten again, so Nexudus's retry is no duplicate.
 */
@RestController
class NexudusWebhookController {

    private final NexudusProperties properties;
    private final JsonRequests requests;
    private final VendorWebhooks webhooks;
    private final NexudusEvents events;
    private final RecentIds delivered;

    NexudusWebhookController(NexudusProperties properties, JsonRequests requests, VendorWebhooks webhooks,
            VendorIndex index) {
        this.properties = properties;
        this.requests = requests;
        this.webhooks = webhooks;
        this.events = new NexudusEvents(properties, index);
        this.delivered = new RecentIds(properties.dedupWindow(), properties.dedupCapacity(), Clock.systemUTC());
    }

    @PostMapping(path = "/api/v1/webhooks/nexudus", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> receive(HttpServletRequest request,
            @RequestParam(name = "action", required = false) String action,
            @RequestParam(name = "business", required = false) String business) {
        if (!properties.enabled()) {
            throw new ApiException(HttpStatus.NOT_FOUND, "webhook_disabled", "The Nexudus webhook is not enabled "
                    + "here: the operator sets deskpost.ingest.nexudus.webhook-secret to the Nexudus app's shared "
                    + "secret");
        }
        byte[] body = requests.body(request);
        NexudusSignature.verify(request.getHeader(NexudusSignature.HEADER), body, properties.webhookSecret());
        if (action == null || action.isBlank()) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "nexudus_action_missing", "The webhook URL names no "
                    + "action: register each Nexudus webhook as /api/v1/webhooks/nexudus?action=<its action, e.g. "
                    + "BookingCreate>&business=<its BusinessId>", Map.of("path", "action"));
        }
        if (!NexudusEvents.mapped(action.strip())) {
            return VendorWebhooks.ignored("Nexudus", NexudusEvents.unmapped(action.strip()).reason());
        }
        JsonRequests.requireJson(request);
        NexudusEvents.Outcome outcome = events.map(NexudusWebhook.of(action.strip(), business, body,
                properties.timeZone()));
        if (outcome instanceof Ignored ignored) {
            return VendorWebhooks.ignored("Nexudus", ignored.reason());
        }
        return publish((Mapped<?>) outcome);
    }

    private <V extends SpecificRecord> ResponseEntity<Map<String, Object>> publish(Mapped<V> mapped) {
        return webhooks.publish(new VendorWebhooks.Mapped<>("nexudus", mapped.deliveryId(), mapped.topic(),
                mapped.event(), mapped.eventId()), delivered, "nexudus");
    }
}
