package com.deskpost.ingest.brivo;

import com.deskpost.ingest.replay.RecentIds;
import com.deskpost.ingest.vendor.VendorIndex;
import com.deskpost.ingest.vendor.VendorWebhooks;
import com.deskpost.ingest.vendor.WebhookToken;
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
 * {@code POST /api/v1/webhooks/brivo}: Brivo's event subscriptions. Brivo documents no signature or secret the
 * receiver can check, so the call must carry the secret the operator put in the subscription's URL ({@code ?token=})
 * or the {@code X-Deskpost-Token} header (else 401: {@link WebhookToken}). The event is mapped by {@link BrivoEvents}
 * and produced to facility.access (202 once the broker took it). A Brivo event uuid admitted within the dedup window
 * (Brivo's retry, or a replay) is answered 200 {@code duplicate} and not produced again; an event Deskpost does not
 * map is answered 200 {@code ignored} with the reason, so Brivo does not count it a failed delivery.
 */
@RestController
class BrivoWebhookController {

    static final String PATH = "/api/v1/webhooks/brivo";

    private final BrivoProperties properties;
    private final JsonRequests requests;
    private final VendorWebhooks webhooks;
    private final BrivoEvents events;
    private final WebhookToken token;
    private final RecentIds delivered;

    BrivoWebhookController(BrivoProperties properties, JsonRequests requests, VendorWebhooks webhooks,
            VendorIndex index) {
        this.properties = properties;
        this.requests = requests;
        this.webhooks = webhooks;
        this.events = new BrivoEvents(new BrivoIds(properties, index));
        this.token = new WebhookToken("Brivo", PATH, "deskpost.ingest.brivo.webhook-token", properties.webhookToken());
        this.delivered = new RecentIds(properties.dedupWindow(), properties.dedupCapacity(), Clock.systemUTC());
    }

    @PostMapping(path = PATH, produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> receive(HttpServletRequest request) {
        if (!properties.enabled()) {
            throw new ApiException(HttpStatus.NOT_FOUND, "webhook_disabled", "The Brivo webhook is not enabled here: "
                    + "the operator sets deskpost.ingest.brivo.webhook-token to the secret in the subscription's URL");
        }
        token.verify(request);
        byte[] body = requests.body(request);
        JsonRequests.requireJson(request);
        return webhooks.answer("Brivo", events.map(VendorWebhooks.object(body, "Brivo's event")), delivered);
    }
}
