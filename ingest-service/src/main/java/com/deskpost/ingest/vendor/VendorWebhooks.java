package com.deskpost.ingest.vendor;

import com.deskpost.ingest.events.EventProducer;
import com.deskpost.ingest.events.Produced;
import com.deskpost.ingest.replay.RecentIds;
import com.deskpost.platform.topic.Topic;
import com.deskpost.platform.topic.Topics;
import com.deskpost.schemas.json.InvalidJsonException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * What every vendor webhook does once the vendor's signature is verified and its payload mapped: a vendor event id
 * admitted within the dedup window (the vendor's retry, or a replay) is answered 200 {@code duplicate} and not
 * produced again; a new one is produced and answered 202 {@code published} with where it landed; one the broker could
 * not take is forgotten again, so the vendor's retry is no duplicate. An event Deskpost does not map is answered 200
 * {@code ignored} with the reason, so the vendor does not retry it.
 *
 * <p>The event id published is named from the vendor and its event id ({@link #eventId}), so a second arrival the
 * in-memory dedup misses (after a restart, on another replica) still yields the same drafts, which delivery sends once.
 */
public final class VendorWebhooks {

    private static final Logger log = LoggerFactory.getLogger(VendorWebhooks.class);
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private final EventProducer producer;

    public VendorWebhooks(EventProducer producer) {
        this.producer = producer;
    }

    /**
     * One vendor event mapped to one contract event.
     *
     * @param vendor        lower-case vendor name, as in the answer's fields and the event id ("nexudus")
     * @param vendorEventId the vendor's id of the webhook call (what its retries repeat)
     */
    public record Mapped<V extends SpecificRecord>(String vendor, String vendorEventId, Topic<V> topic, V event,
            String eventId) {
    }

    /** The contract event id of a vendor's event: the same for every arrival of it. */
    public static String eventId(String vendor, String vendorEventId) {
        return UUID.nameUUIDFromBytes((vendor + ":" + vendorEventId).getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** Produces {@code mapped} unless {@code delivered} admitted its vendor event id within its memory. */
    public <V extends SpecificRecord> ResponseEntity<Map<String, Object>> publish(Mapped<V> mapped,
            RecentIds delivered, String sender) {
        String key = mapped.vendor() + ":" + mapped.vendorEventId();
        String vendorField = mapped.vendor() + "_event";
        if (!delivered.admit(key)) {
            log.info("{} event {} received again within {}: acknowledged, not produced again", mapped.vendor(),
                    mapped.vendorEventId(), delivered.memory());
            return ResponseEntity.ok(Map.of("outcome", "duplicate", vendorField, mapped.vendorEventId(),
                    "event_id", mapped.eventId()));
        }
        try {
            Produced produced = producer.produce(mapped.topic(), mapped.event(), sender);
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("outcome", "published");
            answer.put(vendorField, mapped.vendorEventId());
            answer.put("event_id", mapped.eventId());
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

    /** An access-control vendor's outcome: ignored with its reason, or its facility.access event published. */
    public ResponseEntity<Map<String, Object>> answer(String vendorName, AccessOutcome outcome, RecentIds delivered) {
        if (outcome instanceof AccessOutcome.Ignored ignored) {
            return ignored(vendorName, ignored.reason());
        }
        AccessOutcome.Mapped mapped = (AccessOutcome.Mapped) outcome;
        return publish(new Mapped<>(mapped.vendor(), mapped.vendorEventId(), Topics.FACILITY_ACCESS, mapped.event(),
                mapped.event().getHeader().getEventId()), delivered, mapped.vendor());
    }

    /** 200 {@code ignored}: an event type (or state) Deskpost does not map, so the vendor does not retry it. */
    public static ResponseEntity<Map<String, Object>> ignored(String vendor, String reason) {
        log.info("{} event ignored: {}", vendor, reason);
        return ResponseEntity.ok(Map.of("outcome", "ignored", "reason", reason));
    }

    /**
     * The body as a JSON object, or 400 with the line and column of malformed JSON.
     *
     * @param what what the body should be, for the message ("Nexudus's webhook payload")
     */
    public static JsonNode object(byte[] body, String what) {
        try {
            JsonNode root = JSON.readTree(body);
            if (root == null || !root.isObject()) {
                throw new InvalidJsonException("$", "expected a JSON object (" + what + ")");
            }
            return root;
        } catch (JacksonException e) {
            int line = e.getLocation() == null ? 1 : Math.max(1, e.getLocation().getLineNr());
            int column = e.getLocation() == null ? 1 : Math.max(1, e.getLocation().getColumnNr());
            throw InvalidJsonException.malformed(e.getOriginalMessage(), line, column, e);
        }
    }
}
