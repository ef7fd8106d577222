package com.deskpost.ingest.officernd;

import com.deskpost.ingest.auth.Authenticator;
import com.deskpost.ingest.auth.IngestClients;
import com.deskpost.ingest.events.EventProducer;
import com.deskpost.ingest.events.Produced;
import com.deskpost.ingest.officernd.OfficeRndEvents.Ignored;
import com.deskpost.ingest.officernd.OfficeRndEvents.Mapped;
import com.deskpost.ingest.replay.RecentIds;
import com.deskpost.ingest.web.JsonRequests;
import com.deskpost.schemas.json.InvalidJsonException;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;
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
 * OfficeRnD's webhooks, signed with its {@code officernd-signature} header (or sent with a Deskpost client's
 * credentials, allowed on the topic the event maps to). {@code POST /api/v1/webhooks/officernd} takes every event
 * type of one OfficeRnD webhook registration: bookings, members and offices are produced to facility.bookings,
 * facility.members and facility.locations ({@link OfficeRndEvents}); {@code POST /api/v1/webhooks/officernd/bookings}
 * is the earlier booking-only registration and keeps mapping bookings only. Either answers 202 once the broker took
 * the record; 200 {@code ignored} for an event Deskpost does not map, so OfficeRnD does not retry it; and 200
 * {@code duplicate} for an OfficeRnD event id admitted within the dedup window (OfficeRnD's retry, or a replay), which
 * is not produced again. An event that could not be produced is forgotten again, so its retry is no duplicate.
 */
@RestController
class OfficeRndWebhookController {

    private static final Logger log = LoggerFactory.getLogger(OfficeRndWebhookController.class);
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private final Authenticator authenticator;
    private final IngestClients clients;
    private final OfficeRndProperties properties;
    private final JsonRequests requests;
    private final EventProducer producer;
    private final OfficeRndEvents events;
    private final RecentIds delivered;
    private final Clock clock = Clock.systemUTC();

    OfficeRndWebhookController(Authenticator authenticator, IngestClients clients, OfficeRndProperties properties,
            JsonRequests requests, EventProducer producer) {
        this.authenticator = authenticator;
        this.clients = clients;
        this.properties = properties;
        this.requests = requests;
        this.producer = producer;
        this.events = new OfficeRndEvents(properties);
        this.delivered = new RecentIds(properties.dedupWindow(), properties.dedupCapacity(), clock);
    }

    @PostMapping(path = "/api/v1/webhooks/officernd", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> receive(HttpServletRequest request) {
        return receive(request, false);
    }

    @PostMapping(path = "/api/v1/webhooks/officernd/bookings", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> receiveBookings(HttpServletRequest request) {
        return receive(request, true);
    }

    private ResponseEntity<Map<String, Object>> receive(HttpServletRequest request, boolean bookingsOnly) {
        byte[] body = requests.body(request);
        Optional<IngestClients.Client> client = authenticate(request, body);
        JsonRequests.requireJson(request);
        OfficeRndEvents.Outcome outcome = events.map(parse(body), bookingsOnly);
        if (outcome instanceof Ignored ignored) {
            log.info("OfficeRnD event ignored: {}", ignored.reason());
            return ResponseEntity.ok(Map.of("outcome", "ignored", "reason", ignored.reason()));
        }
        Mapped<?> mapped = (Mapped<?>) outcome;
        client.ifPresent(caller -> Authenticator.authorize(caller, mapped.topic()));
        String key = "officernd:" + mapped.officeRndEventId();
        String eventId = mapped.header().getEventId();
        if (!delivered.admit(key)) {
            log.info("OfficeRnD event {} received again within {}: acknowledged, not produced again",
                    mapped.officeRndEventId(), delivered.memory());
            return ResponseEntity.ok(Map.of("outcome", "duplicate", "officernd_event", mapped.officeRndEventId(),
                    "event_id", eventId));
        }
        try {
            Produced produced = produce(mapped, client.map(IngestClients.Client::id).orElse("officernd"));
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("outcome", "published");
            answer.put("officernd_event", mapped.officeRndEventId());
            answer.put("event_id", eventId);
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

    private <V extends SpecificRecord> Produced produce(Mapped<V> mapped, String sender) {
        return producer.produce(mapped.topic(), mapped.event(), sender);
    }

    /** OfficeRnD's signature, else a Deskpost client (authorised per topic once the event's topic is known). */
    private Optional<IngestClients.Client> authenticate(HttpServletRequest request, byte[] body) {
        String signature = request.getHeader(OfficeRndSignature.HEADER);
        if (signature != null) {
            OfficeRndSignature.verify(signature, body, properties.webhookSecret(), clients.signatureTolerance(), clock);
            return Optional.empty();
        }
        return Optional.of(authenticator.authenticate(JsonRequests.credentials(request), body));
    }

    private static JsonNode parse(byte[] body) {
        try {
            JsonNode root = JSON.readTree(body);
            if (root == null || !root.isObject()) {
                throw new InvalidJsonException("$", "expected a JSON object (OfficeRnD's webhook event)");
            }
            return root;
        } catch (JacksonException e) {
            int line = e.getLocation() == null ? 1 : Math.max(1, e.getLocation().getLineNr());
            int column = e.getLocation() == null ? 1 : Math.max(1, e.getLocation().getColumnNr());
            throw InvalidJsonException.malformed(e.getOriginalMessage(), line, column, e);
        }
    }
}
