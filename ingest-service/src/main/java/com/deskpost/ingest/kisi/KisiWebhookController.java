package com.deskpost.ingest.kisi;

import com.deskpost.ingest.replay.RecentIds;
import com.deskpost.ingest.vendor.VendorIndex;
import com.deskpost.ingest.vendor.VendorWebhooks;
import com.deskpost.ingest.web.ApiException;
import com.deskpost.ingest.web.JsonRequests;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/webhooks/kisi}: Kisi's Event Webhook integration, authenticated by its {@code X-Signature},
 * mapped by {@link KisiEvents} and produced to facility.access (202 once the broker took it). A Kisi event uuid
 * admitted within the dedup window (Kisi's repeat, or a replay) is answered 200 {@code duplicate} and not produced
 * again; an event Deskpost does not map is answered 200 {@code ignored} with the reason, so Kisi does not count it as
 * an error (Kisi disables an integration whose error rate stays high).
 */
@RestController
class KisiWebhookController {

    private final KisiProperties properties;
    private final JsonRequests requests;
    private final VendorWebhooks webhooks;
    private final KisiEvents events;
    private final RecentIds delivered;

    KisiWebhookController(KisiProperties properties, JsonRequests requests, VendorWebhooks webhooks,
            VendorIndex index) {
        this.properties = properties;
        this.requests = requests;
        this.webhooks = webhooks;
        this.events = new KisiEvents(properties, index);
        this.delivered = new RecentIds(properties.dedupWindow(), properties.dedupCapacity(), Clock.systemUTC());
    }

    @PostMapping(path = "/api/v1/webhooks/kisi", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> receive(HttpServletRequest request) {
        if (!properties.enabled()) {
            throw new ApiException(HttpStatus.NOT_FOUND, "webhook_disabled", "The Kisi webhook is not enabled here: "
                    + "the operator sets deskpost.ingest.kisi.signature-key to the integration's signature key");
        }
        byte[] body = requests.body(request);
        KisiSignature.verify(request.getHeader(KisiSignature.HEADER), body, properties.signatureKey());
        JsonRequests.requireJson(request);
        return webhooks.answer("Kisi", events.map(VendorWebhooks.object(body, "Kisi's event")), delivered);
    }
}
