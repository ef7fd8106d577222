package com.deskpost.ingest.officernd;

import com.deskpost.events.BookingEvent;
import com.deskpost.ingest.auth.Authenticator;
import com.deskpost.ingest.auth.IngestClients;
import com.deskpost.ingest.events.EventProducer;
import com.deskpost.ingest.web.JsonRequests;
import com.deskpost.platform.topic.Topics;
import com.deskpost.schemas.json.InvalidJsonException;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
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
 * {@code POST /api/v1/webhooks/officernd/bookings}: OfficeRnD's booking webhook, signed with its
 * {@code officernd-signature} header (or sent with a Deskpost client's credentials allowed on
 * facility.bookings), produced to facility.bookings as a {@link BookingEvent} (202). Webhooks about
 * anything but bookings are acknowledged with 200 and ignored, so OfficeRnD does not retry them.
 */
@RestController
class OfficeRndWebhookController {

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private final Authenticator authenticator;
    private final IngestClients clients;
    private final OfficeRndProperties properties;
    private final JsonRequests requests;
    private final EventProducer producer;
    private final Clock clock = Clock.systemUTC();

    OfficeRndWebhookController(Authenticator authenticator, IngestClients clients, OfficeRndProperties properties,
            JsonRequests requests, EventProducer producer) {
        this.authenticator = authenticator;
        this.clients = clients;
        this.properties = properties;
        this.requests = requests;
        this.producer = producer;
    }

    @PostMapping(path = "/api/v1/webhooks/officernd/bookings", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> receive(HttpServletRequest request) {
        byte[] body = requests.body(request);
        String sender = authenticate(request, body);
        JsonRequests.requireJson(request);
        Optional<BookingEvent> booking = new OfficeRndBookings(properties).map(parse(body));
        if (booking.isEmpty()) {
            return ResponseEntity.ok(Map.of("outcome", "ignored",
                    "reason", "not a booking.created, booking.updated or booking.removed event"));
        }
        return ResponseEntity.status(HttpStatus.ACCEPTED)
                .body(producer.produce(Topics.FACILITY_BOOKINGS, booking.get(), sender));
    }

    private String authenticate(HttpServletRequest request, byte[] body) {
        String signature = request.getHeader(OfficeRndSignature.HEADER);
        if (signature != null) {
            OfficeRndSignature.verify(signature, body, properties.webhookSecret(), clients.signatureTolerance(), clock);
            return "officernd";
        }
        IngestClients.Client client = authenticator.authenticate(JsonRequests.credentials(request), body);
        Authenticator.authorize(client, Topics.FACILITY_BOOKINGS);
        return client.id();
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
