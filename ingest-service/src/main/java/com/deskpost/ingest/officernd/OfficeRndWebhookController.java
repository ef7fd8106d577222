package com.deskpost.ingest.officernd;

import com.deskpost.ingest.auth.Authenticator;
import com.deskpost.ingest.auth.IngestClients;
import com.deskpost.ingest.officernd.OfficeRndEvents.Ignored;
import com.deskpost.ingest.officernd.OfficeRndEvents.Mapped;
import com.deskpost.ingest.replay.RecentIds;
import com.deskpost.ingest.vendor.VendorIndex;
import com.deskpost.ingest.vendor.VendorWebhooks;
import com.deskpost.ingest.web.JsonRequests;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

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

    private final Authenticator authenticator;
    private final IngestClients clients;
    private final OfficeRndProperties properties;
    private final JsonRequests requests;
    private final VendorWebhooks webhooks;
    private final OfficeRndEvents events;
    private final RecentIds delivered;
    private final Clock clock = Clock.systemUTC();

    OfficeRndWebhookController(Authenticator authenticator, IngestClients clients, OfficeRndProperties properties,
            JsonRequests requests, VendorWebhooks webhooks, VendorIndex index) {
        this.authenticator = authenticator;
        this.clients = clients;
        this.properties = properties;
        this.requests = requests;
        this.webhooks = webhooks;
        this.events = new OfficeRndEvents(properties, index);
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
        OfficeRndEvents.Outcome outcome = events.map(VendorWebhooks.object(body, "OfficeRnD's webhook event"),
                bookingsOnly);
        if (outcome instanceof Ignored ignored) {
            return VendorWebhooks.ignored("OfficeRnD", ignored.reason());
        }
        Mapped<?> mapped = (Mapped<?>) outcome;
        client.ifPresent(caller -> Authenticator.authorize(caller, mapped.topic()));
        return publish(mapped, client.map(IngestClients.Client::id).orElse("officernd"));
    }

    private <V extends SpecificRecord> ResponseEntity<Map<String, Object>> publish(Mapped<V> mapped, String sender) {
        return webhooks.publish(new VendorWebhooks.Mapped<>("officernd", mapped.officeRndEventId(), mapped.topic(),
                mapped.event(), mapped.header().getEventId()), delivered, sender);
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
}
