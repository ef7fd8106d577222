package com.deskpost.ingest.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.deskpost.events.BookingCreated;
import com.deskpost.events.BookingEvent;
import com.deskpost.ingest.IngestApplication;
import com.deskpost.ingest.testdata.Bookings;
import com.deskpost.ingest.testdata.IngestCalls;
import com.deskpost.platform.serde.AvroSerdes;
import com.deskpost.platform.topic.EventKeys;
import com.deskpost.platform.topic.Topic;
import com.deskpost.platform.topic.Topics;
import com.deskpost.schemas.json.AvroJson;
import com.deskpost.schemas.serde.SchemaRegistryClient;
import com.deskpost.testsupport.KafkaBroker;
import com.deskpost.testsupport.registry.SchemaRegistryServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The ingest service against a real broker and registry: what it accepts is produced, what it refuses is not. */
class IngestIT {

    private static final String EVENTS = "/api/v1/events/";
    private static final String WEBHOOK = "/api/v1/webhooks/officernd/bookings";
    private static final String KEY = "test-ingest-key-0123";
    private static final String SECRET = "test-ingest-hmac-secret";
    private static final String DOORS_KEY = "doors-only-key-0123";
    private static final String HR_KEY = "hr-directory-key-0123";
    private static final String IDLE_KEY = "idle-no-topics-key-0123";
    private static final String OFFICERND_SECRET = "test-officernd-secret";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static KafkaBroker kafka;
    private static SchemaRegistryServer registry;
    private static ConfigurableApplicationContext ingest;
    private static IngestCalls calls;
    private static AvroSerdes serdes;

    @BeforeAll
    static void start() {
        kafka = KafkaBroker.start();
        registry = SchemaRegistryServer.start();
        serdes = new AvroSerdes(new SchemaRegistryClient(registry.url()));
        ingest = IngestApplication.builder().run(
                "--spring.kafka.bootstrap-servers=" + kafka.bootstrapServers(),
                "--deskpost.kafka.schema-registry-url=" + registry.url(),
                "--server.port=0", "--spring.main.banner-mode=off",
                "--deskpost.ingest.clients[0].id=crm",
                "--deskpost.ingest.clients[0].key=" + KEY,
                "--deskpost.ingest.clients[0].hmac-secret=" + SECRET,
                "--deskpost.ingest.clients[1].id=doors",
                "--deskpost.ingest.clients[1].key=" + DOORS_KEY,
                "--deskpost.ingest.clients[0].topics[0]=facility.bookings",
                "--deskpost.ingest.clients[1].topics[0]=facility.access",
                "--deskpost.ingest.clients[2].id=hr",
                "--deskpost.ingest.clients[2].key=" + HR_KEY,
                "--deskpost.ingest.clients[2].topics[0]=facility.members",
                "--deskpost.ingest.clients[3].id=idle",
                "--deskpost.ingest.clients[3].key=" + IDLE_KEY,
                "--deskpost.ingest.max-body-size=64KB",
                "--deskpost.ingest.officernd.webhook-secret=" + OFFICERND_SECRET,
                "--deskpost.ingest.officernd.location-ids.5e1d8bd37f8759001051c0ff=LDN");
        calls = new IngestCalls(ingest.getEnvironment().getRequiredProperty("local.server.port", Integer.class));
    }

    @AfterAll
    static void stop() {
        if (ingest != null) {
            ingest.close();
        }
        registry.close();
        kafka.close();
    }

    @Test
    void validBookingIsProducedUnderItsBookingIdAndReadsBackEqual() throws Exception {
        // Given a booking in Avro's JSON encoding
        BookingEvent booking = Bookings.created("B-100", "M-ADA", "LDN");
        String json = AvroJson.encode(booking);

        // When the facility system posts it with its bearer key
        HttpResponse<String> response = calls.withKey(EVENTS + "facility.bookings", KEY, json);

        // Then it is acknowledged with where it was written, keyed by booking id
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        JsonNode produced = JSON.readTree(response.body());
        assertThat(produced.get("topic").stringValue()).isEqualTo("facility.bookings");
        assertThat(produced.get("key").stringValue()).isEqualTo("B-100");
        // And the record there, in Confluent wire format, decodes to the same booking
        ConsumerRecord<String, byte[]> record = read(Topics.FACILITY_BOOKINGS, produced.get("partition").asInt(),
                produced.get("offset").asLong());
        assertThat(record.key()).isEqualTo("B-100");
        assertThat(record.value()[0]).isZero();
        assertThat(serdes.deserialize(Topics.FACILITY_BOOKINGS, record.value())).isEqualTo(booking);
    }

    @Test
    void signedBodyAndNaturalUnionFormsAreAccepted() {
        // Given a booking written the way a person would: bare optional strings, ISO times, short branch names
        String json = """
                {"header": {"event_id": "%s", "occurred_at": "2026-11-24T09:00:00Z", "source": "crm",
                            "entity_version": 1, "location_id": {"string": "LDN"}, "correlation_id": "c-1"},
                 "booking_id": "B-101", "member_id": "M-ADA",
                 "payload": {"BookingCreated": {"resource": {"resource_id": "R-1", "name": "Desk 1", "kind": "DESK"},
                     "starts_at": "2026-12-01T09:00:00Z", "ends_at": "2026-12-01T17:00:00Z", "notes": "window"}}}
                """.formatted(UUID.randomUUID());

        // When it is posted HMAC-signed
        HttpResponse<String> response = calls.signed(EVENTS + "facility.bookings", "crm", SECRET, Instant.now(), json);

        // Then it is produced
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        assertThat(response.body()).contains("\"key\":\"B-101\"");
    }

    @Test
    void everyRefusalIsPreciseAndProducesNothing() {
        String valid = AvroJson.encode(Bookings.created("B-200", "M-ADA", "LDN"));
        String bookings = EVENTS + "facility.bookings";
        long now = Instant.now().getEpochSecond();
        Map<String, Long> before = endOffsets();

        assertRefused(calls.withKey(bookings, KEY, "{\n  \"booking_id\": \"B-200\",\n  \"member_id\" 7\n}"),
                400, "malformed_json", "\"line\":3");
        byte[] latin1 = valid.replace("Grace", "Grâce").getBytes(StandardCharsets.ISO_8859_1);
        assertRefused(calls.send(calls.post(bookings, "").header("Authorization", "Bearer " + KEY)
                .POST(HttpRequest.BodyPublishers.ofByteArray(latin1))), 400, "malformed_json", "not UTF-8");
        assertRefused(calls.withKey(bookings, KEY, valid.replace("\"member_id\":\"M-ADA\"", "\"member_id\":42")),
                422, "schema_violation", "\"path\":\"$.member_id\"", "expected string, got number");
        assertRefused(calls.withKey(bookings, KEY, valid.replace("\"source\":\"facility-crm\",", "")),
                422, "schema_violation", "\"path\":\"$.header.source\"", "missing required field");
        assertRefused(calls.withKey(bookings, KEY, valid.replace("\"booking_id\"", "\"priority\":1,\"booking_id\"")),
                422, "schema_violation", "\"path\":\"$.priority\"", "unknown field");
        assertRefused(calls.withKey(bookings, KEY, valid.replace("\"email\":{\"string\":\"grace@example.com\"}",
                "\"email\":true")), 422, "schema_violation", "$.payload.guests[0].email");
        assertRefused(calls.send(calls.post(bookings, valid).header("X-Deskpost-Client", "crm")
                        .header("X-Deskpost-Signature", IngestCalls.signature(SECRET, now, valid + " "))),
                401, "unauthorized", "does not match");
        assertRefused(calls.send(calls.post(bookings, valid).header("X-Deskpost-Client", "crm")
                        .header("X-Deskpost-Signature", IngestCalls.signature(SECRET, now - 600, valid))),
                401, "unauthorized", "sign again with the current time");
        assertRefused(calls.send(calls.post(bookings, valid)), 401, "unauthorized", "No credentials");
        assertRefused(calls.withKey(bookings, "not-the-key-at-all", valid), 401, "unauthorized", "not recognised");
        assertRefused(calls.withKey(bookings, DOORS_KEY, valid), 403, "forbidden", "not facility.bookings");
        assertRefused(calls.withKey(EVENTS + "mail.drafts", KEY, valid), 404, "unknown_topic", "facility.bookings");
        assertRefused(calls.send(calls.post(bookings, valid).header("Authorization", "Bearer " + KEY)
                .setHeader("Content-Type", "text/plain")), 415, "unsupported_media_type", "application/json");
        assertRefused(calls.withKey(bookings, KEY, valid + " ".repeat(70_000)), 413, "payload_too_large", "64 KB");

        // Nothing reached any facility topic
        assertThat(endOffsets()).isEqualTo(before);
    }

    @Test
    void aClientWithoutTopicsMayPublishNothingAndTheDirectoryNeedsItsOwnGrant() throws Exception {
        // Given a client configured without a topic list, and clients granted other topics than the directory's
        String member = AvroJson.encode(Bookings.member("M-GRANT", "grant@example.com", "LDN"));
        String booking = AvroJson.encode(Bookings.created("B-GRANT", "M-GRANT", "LDN"));
        Map<String, Long> before = endOffsets();

        // When the client without topics posts to every facility topic, then each is refused naming the grant
        for (Topic<?> topic : EventKeys.facilityTopics()) {
            String body = topic.equals(Topics.FACILITY_MEMBERS) ? member : booking;
            assertRefused(calls.withKey(EVENTS + topic.name(), IDLE_KEY, body), 403, "forbidden",
                    "idle has no topic granted", topic.name(), "deskpost.ingest.clients[n].topics");
        }
        // And clients granted event topics cannot write the directory
        assertRefused(calls.withKey(EVENTS + "facility.members", KEY, member), 403, "forbidden",
                "not facility.members");
        assertRefused(calls.withKey(EVENTS + "facility.members", DOORS_KEY, member), 403, "forbidden",
                "not facility.members");
        // And nothing reached any facility topic
        assertThat(endOffsets()).isEqualTo(before);

        // When the client granted facility.members posts the member
        HttpResponse<String> granted = calls.withKey(EVENTS + "facility.members", HR_KEY, member);

        // Then it is produced under the member id
        assertThat(granted.statusCode()).as(granted.body()).isEqualTo(202);
        JsonNode produced = JSON.readTree(granted.body());
        assertThat(produced.get("key").stringValue()).isEqualTo("M-GRANT");
        assertThat(serdes.deserialize(Topics.FACILITY_MEMBERS, read(Topics.FACILITY_MEMBERS,
                produced.get("partition").asInt(), produced.get("offset").asLong()).value()).getEmail())
                .isEqualTo("grant@example.com");
    }

    @Test
    void officeRndWebhookIsProducedAsABookingEvent() throws Exception {
        // Given OfficeRnD's booking.created webhook, signed with the webhook's secret
        String webhook = resource("/officernd/booking-created.json").replace("6743a1f2c9e77a0012a4b001",
                "evt-" + UUID.randomUUID());

        // When OfficeRnD posts it
        HttpResponse<String> response = calls.fromOfficeRnd(WEBHOOK, OFFICERND_SECRET, webhook);

        // Then facility.bookings holds the booking, keyed by OfficeRnD's booking id, in the mapped location
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        JsonNode produced = JSON.readTree(response.body());
        BookingEvent booking = serdes.deserialize(Topics.FACILITY_BOOKINGS, read(Topics.FACILITY_BOOKINGS,
                produced.get("partition").asInt(), produced.get("offset").asLong()).value());
        assertThat(booking.getBookingId()).isEqualTo("6743a1f2c9e77a0012a4b0aa");
        assertThat(booking.getHeader().getLocationId()).isEqualTo("LDN");
        assertThat(booking.getPayload()).isInstanceOf(BookingCreated.class);
    }

    @Test
    void badlySignedOrForeignWebhooksProduceNothing() {
        String webhook = resource("/officernd/booking-created.json");
        Map<String, Long> before = endOffsets();

        assertRefused(calls.fromOfficeRnd(WEBHOOK, "not-the-officernd-secret", webhook), 401, "unauthorized",
                "officernd-signature");
        assertRefused(calls.withKey(WEBHOOK, DOORS_KEY, webhook), 403, "forbidden", "facility.bookings");
        HttpResponse<String> member = calls.fromOfficeRnd(WEBHOOK, OFFICERND_SECRET,
                resource("/officernd/member-removed.json"));
        assertThat(member.statusCode()).isEqualTo(200);
        assertThat(member.body()).contains("ignored");
        assertRefused(calls.fromOfficeRnd(WEBHOOK, OFFICERND_SECRET, webhook.replace("\"member\"", "\"owner\"")),
                422, "schema_violation", "$.data.object.member");

        assertThat(endOffsets()).isEqualTo(before);
    }

    private static void assertRefused(HttpResponse<String> response, int status, String error, String... details) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        assertThat(response.body()).contains("\"error\":\"" + error + "\"", "\"message\":").contains(details);
    }

    private static Map<String, Long> endOffsets() {
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (Topic<?> topic : EventKeys.facilityTopics()) {
                consumer.partitionsFor(topic.name())
                        .forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
            }
            Map<String, Long> offsets = new java.util.TreeMap<>();
            consumer.endOffsets(partitions).forEach((partition, offset) -> offsets.put(partition.toString(), offset));
            return offsets;
        }
    }

    private static ConsumerRecord<String, byte[]> read(Topic<?> topic, int partition, long offset) {
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            TopicPartition tp = new TopicPartition(topic.name(), partition);
            consumer.assign(List.of(tp));
            consumer.seek(tp, offset);
            List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).records(tp).forEach(records::add);
                return !records.isEmpty();
            });
            return records.get(0);
        }
    }

    private static KafkaConsumer<String, byte[]> consumer() {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                new StringDeserializer(), new ByteArrayDeserializer());
    }

    private static String resource(String path) {
        try (InputStream in = IngestIT.class.getResourceAsStream(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
