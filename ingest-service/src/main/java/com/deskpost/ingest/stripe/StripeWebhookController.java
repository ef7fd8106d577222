package com.deskpost.ingest.stripe;

import com.deskpost.ingest.events.EventProducer;
import com.deskpost.ingest.events.Produced;
import com.deskpost.ingest.replay.RecentIds;
import com.deskpost.ingest.web.ApiException;
import com.deskpost.ingest.web.JsonRequests;
import com.deskpost.platform.topic.Topics;
import com.deskpost.schemas.json.InvalidJsonException;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

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

    private static final Logger log = LoggerFactory.getLogger(StripeWebhookController.class);
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private final StripeProperties properties;
    private final JsonRequests requests;
    private final EventProducer producer;
    private final StripeBilling billing;
    private final RecentIds delivered;
    private final Clock clock = Clock.systemUTC();

    StripeWebhookController(StripeProperties properties, JsonRequests requests, EventProducer producer) {
        this.properties = properties;
        this.requests = requests;
        this.producer = producer;
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
        StripeBilling.Outcome outcome = billing.map(parse(body));
        if (outcome instanceof StripeBilling.Ignored ignored) {
            log.info("Stripe event ignored: {}", ignored.reason());
            return ResponseEntity.ok(Map.of("outcome", "ignored", "reason", ignored.reason()));
        }
        StripeBilling.Mapped mapped = (StripeBilling.Mapped) outcome;
        String key = mapped.stripeEventId();
        if (!delivered.admit(key)) {
            log.info("Stripe event {} received again within {}: acknowledged, not produced again",
                    mapped.stripeEventId(), delivered.memory());
            return ResponseEntity.ok(Map.of("outcome", "duplicate", "stripe_event", mapped.stripeEventId(),
                    "event_id", mapped.event().getHeader().getEventId()));
        }
        try {
            Produced produced = producer.produce(Topics.FACILITY_BILLING, mapped.event(), "stripe");
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("outcome", "published");
            answer.put("stripe_event", mapped.stripeEventId());
            answer.put("event_id", mapped.event().getHeader().getEventId());
            answer.put("topic", produced.topic());
            answer.put("partition", produced.partition());
            answer.put("offset", produced.offset());
            answer.put("key", produced.key());
            return ResponseEntity.status(HttpStatus.ACCEPTED).body(answer);
        } catch (RuntimeException failed) {
            delivered.forget(key);
            throw failed;
        }
    }

    private static JsonNode parse(byte[] body) {
        try {
            JsonNode root = JSON.readTree(body);
            if (root == null || !root.isObject()) {
                throw StripeJson.invalid("$", "expected a JSON object (Stripe's event)");
            }
            return root;
        } catch (JacksonException e) {
            int line = e.getLocation() == null ? 1 : Math.max(1, e.getLocation().getLineNr());
            int column = e.getLocation() == null ? 1 : Math.max(1, e.getLocation().getColumnNr());
            throw InvalidJsonException.malformed(e.getOriginalMessage(), line, column, e);
        }
    }
}
