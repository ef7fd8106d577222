package com.deskpost.ingest.stripe;

import com.deskpost.ingest.replay.RecentIds;
import com.deskpost.ingest.vendor.VendorWebhooks;
import com.deskpost.ingest.web.ApiException;
import com.deskpost.ingest.web.JsonRequests;
import com.deskpost.platform.topic.Topics;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/webhooks/stripe}: Stripe's webhook, authenticated by its {@code Stripe-Signature}, mapped by
 * {@link StripeBilling} and produced to facility.billing (202 once the broker acknowledged it). A second arrival of
 * an event id admitted within the dedup window (Stripe's retry when our answer was lost, or a replay) is answered
 * 200 {@code duplicate} and not produced again; an event that could not be produced is forgotten again, so Stripe's
 * retry of it is not taken for a duplicate. Event types that are not mapped are answered 200 {@code ignored} so
 * Stripe does not retry them.
 */
@RestController
class StripeWebhookController {

    private final StripeProperties properties;
    private final JsonRequests requests;
    private final VendorWebhooks webhooks;
    private final StripeBilling billing;
    private final RecentIds delivered;
    private final Clock clock = Clock.systemUTC();

    StripeWebhookController(StripeProperties properties, JsonRequests requests, VendorWebhooks webhooks) {
        this.properties = properties;
        this.requests = requests;
        this.webhooks = webhooks;
        this.billing = new StripeBilling(properties);
        this.delivered = new RecentIds(properties.dedupWindow(), properties.dedupCapacity(), clock);
    }

    @PostMapping(path = "/api/v1/webhooks/stripe", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> receive(HttpServletRequest request) {
        if (!properties.enabled()) {
            throw new ApiException(HttpStatus.NOT_FOUND, "webhook_disabled", "The Stripe webhook is not enabled "
                    + "here: the operator sets deskpost.ingest.stripe.webhook-secrets to the endpoint's signing secret");
        }
        byte[] body = requests.body(request);
        StripeSignature.verify(StripeSignature.parse(request.getHeader(StripeSignature.HEADER)), body,
                properties.webhookSecrets(), properties.tolerance(), clock);
        JsonRequests.requireJson(request);
        StripeBilling.Outcome outcome = billing.map(VendorWebhooks.object(body, "Stripe's event"));
        if (outcome instanceof StripeBilling.Ignored ignored) {
            return VendorWebhooks.ignored("Stripe", ignored.reason());
        }
        StripeBilling.Mapped mapped = (StripeBilling.Mapped) outcome;
        return webhooks.publish(new VendorWebhooks.Mapped<>("stripe", mapped.stripeEventId(), Topics.FACILITY_BILLING,
                mapped.event(), mapped.event().getHeader().getEventId()), delivered, "stripe");
    }
}
