package com.deskpost.ingest.events;

import com.deskpost.events.AccessEvent;
import com.deskpost.ingest.auth.Authenticator;
import com.deskpost.ingest.auth.IngestClients.Client;
import com.deskpost.ingest.web.ApiException;
import com.deskpost.ingest.web.JsonRequests;
import com.deskpost.platform.topic.EventKeys;
import com.deskpost.platform.credential.CredentialSealer;
import com.deskpost.platform.topic.Topic;
import com.deskpost.schemas.json.AvroJson;
import jakarta.servlet.http.HttpServletRequest;
import org.apache.avro.specific.SpecificRecord;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/events/{topic}}: one facility event in Avro's JSON encoding of the topic's
 * value schema. Checked in this order, each refusal before anything is produced: size (413),
 * credentials (401), topic (404), the client's topics (403), content type (415), JSON (400),
 * schema (422), a sealed credential Deskpost cannot accept (422); then, with every clear credential of an
 * access event sealed, produced and acknowledged (202), or 503 if the broker cannot take it now.
 */
@RestController
class EventsController {

    private final Authenticator authenticator;
    private final JsonRequests requests;
    private final EventProducer producer;
    private final AccessSealing sealing;

    EventsController(Authenticator authenticator, JsonRequests requests, EventProducer producer,
            CredentialSealer sealer) {
        this.authenticator = authenticator;
        this.requests = requests;
        this.producer = producer;
        this.sealing = new AccessSealing(sealer);
    }

    @PostMapping(path = "/api/v1/events/{topic}", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Produced> publish(@PathVariable("topic") String topicName, HttpServletRequest request) {
        byte[] body = requests.body(request);
        Client client = authenticator.authenticate(JsonRequests.credentials(request), body);
        Topic<?> topic = facilityTopic(topicName);
        Authenticator.authorize(client, topic);
        JsonRequests.requireJson(request);
        return ResponseEntity.status(HttpStatus.ACCEPTED)
                .body(decodeAndProduce(topic, JsonRequests.utf8(body), client));
    }

    private <V extends SpecificRecord> Produced decodeAndProduce(Topic<V> topic, String json, Client client) {
        V value = AvroJson.decode(topic.valueType(), json);
        if (value instanceof AccessEvent access) {
            value = topic.valueType().cast(sealing.seal(access));
        }
        return producer.produce(topic, value, client.id());
    }

    private static Topic<?> facilityTopic(String name) {
        try {
            return EventKeys.facilityTopic(name);
        } catch (IllegalArgumentException unknown) {
            throw new ApiException(HttpStatus.NOT_FOUND, "unknown_topic", unknown.getMessage());
        }
    }
}
