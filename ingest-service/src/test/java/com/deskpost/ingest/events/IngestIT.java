package com.deskpost.ingest.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.deskpost.events.BookingCreated;
import com.deskpost.events.BookingCreatedType;
import com.deskpost.events.BookingEvent;
import com.deskpost.events.AccessEvent;
import com.deskpost.events.DoorCodeChanged;
import com.deskpost.ingest.testdata.AccessEvents;
import com.deskpost.ingest.testdata.Bookings;
import com.deskpost.ingest.testdata.IngestCalls;
import com.deskpost.ingest.testdata.IngestUnderTest;
import com.deskpost.platform.credential.CredentialKeys;
import com.deskpost.platform.credential.CredentialOpener;
import com.deskpost.platform.credential.CredentialSealer;
import com.deskpost.platform.credential.SealedCredential;
import com.deskpost.platform.serde.AvroSerdes;
import com.deskpost.platform.topic.EventKeys;
import com.deskpost.platform.topic.Topic;
import com.deskpost.platform.topic.Topics;
import com.deskpost.schemas.json.AvroJson;
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
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
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
    /** Deskpost's credential keys in a rotation: the current one and the previous one delivery still holds. */
    private static final CredentialKeys.PrivateKey CURRENT_KEY = CredentialKeys.generate("test-2026-12");
    private static final CredentialKeys.PrivateKey PREVIOUS_KEY = CredentialKeys.generate("test-2026-06");

    private static IngestUnderTest ingest;
    private static IngestCalls calls;
    private static AvroSerdes serdes;

    @BeforeAll
    static void start() {
        ingest = IngestUnderTest.start(
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
                "--deskpost.credentials.public-keys=" + CURRENT_KEY.publicKey().text() + ","
                        + PREVIOUS_KEY.publicKey().text(),
                "--deskpost.ingest.officernd.webhook-secret=" + OFFICERND_SECRET,
                "--deskpost.ingest.officernd.location-ids.5e1d8bd37f8759001051c0ff=LDN");
        calls = ingest.calls();
        serdes = ingest.serdes();
    }

    @AfterAll
    static void stop() {
        ingest.close();
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
        // (its type named, as every facility event is once produced)
        ((BookingCreated) booking.getPayload()).setEventType(BookingCreatedType.BOOKING_CREATED);
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

    @Test
    void aClearDoorCodePostedOverHttpIsOnTheTopicOnlySealedAndOpensToTheCode() {
        // Given a door-code change with the code in clear, as a facility system may still send it
        AccessEvent event = AccessEvents.doorCodeChanged("M-ADA", "LDN", "4821-7730");

        // When the doors system posts it
        HttpResponse<String> response = calls.withKey(EVENTS + "facility.access", DOORS_KEY, AvroJson.encode(event));

        // Then it is produced, and the record on facility.access holds no clear code, not even as bytes
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        JsonNode produced = JSON.readTree(response.body());
        ConsumerRecord<String, byte[]> record = read(Topics.FACILITY_ACCESS, produced.get("partition").asInt(),
                produced.get("offset").asLong());
        assertThat(record.key()).isEqualTo("M-ADA");
        assertThat(new String(record.value(), StandardCharsets.ISO_8859_1)).doesNotContain("4821");
        // And its code is sealed under the current key for the event's location and member
        AccessEvent onTopic = serdes.deserialize(Topics.FACILITY_ACCESS, record.value());
        String sealed = ((DoorCodeChanged) onTopic.getPayload()).getNewCode();
        assertThat(SealedCredential.parse(sealed).keyId()).isEqualTo(CURRENT_KEY.id());
        CredentialOpener delivery = new CredentialOpener(List.of(CURRENT_KEY, PREVIOUS_KEY));
        assertThat(delivery.open(sealed, "LDN", "M-ADA")).isEqualTo("4821-7730");
        // And everything else arrived as sent
        assertThat(onTopic.getHeader()).isEqualTo(event.getHeader());
        assertThat(((DoorCodeChanged) onTopic.getPayload()).getDoorName()).isEqualTo("Main entrance");
    }

    @Test
    void aCodeTheFacilitySystemSealedUnderThePreviousKeyIsProducedAsSent() {
        // Given a code the facility system sealed itself, under the key being retired
        String sealed = new CredentialSealer(List.of(PREVIOUS_KEY.publicKey())).seal("9911", "LDN", "M-ADA");
        AccessEvent event = AccessEvents.doorCodeChanged("M-ADA", "LDN", sealed);

        // When it is posted
        HttpResponse<String> response = calls.withKey(EVENTS + "facility.access", DOORS_KEY, AvroJson.encode(event));

        // Then the record carries exactly that sealed value, which delivery opens
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        JsonNode produced = JSON.readTree(response.body());
        AccessEvent onTopic = serdes.deserialize(Topics.FACILITY_ACCESS, read(Topics.FACILITY_ACCESS,
                produced.get("partition").asInt(), produced.get("offset").asLong()).value());
        assertThat(((DoorCodeChanged) onTopic.getPayload()).getNewCode()).isEqualTo(sealed);
        assertThat(new CredentialOpener(List.of(CURRENT_KEY, PREVIOUS_KEY)).open(sealed, "LDN", "M-ADA"))
                .isEqualTo("9911");
    }

    @Test
    void aMalformedSealedCodeOrOneUnderAKeyDeskpostDoesNotPublishIsRefusedAndNothingIsProduced() {
        // Given a sealed value cut short, and one sealed under a key Deskpost never published
        String unknownKey = new CredentialSealer(List.of(CredentialKeys.generate("someone-else").publicKey()))
                .seal("5555", "LDN", "M-ADA");
        String malformed = "sealed:v1:" + CURRENT_KEY.id() + ":not*base64";
        Map<String, Long> before = endOffsets();

        // When each is posted, Then each is refused with what to do, never with the value
        HttpResponse<String> foreign = calls.withKey(EVENTS + "facility.access", DOORS_KEY,
                AvroJson.encode(AccessEvents.doorCodeChanged("M-ADA", "LDN", unknownKey)));
        assertRefused(foreign, 422, "sealed_credential_refused", "someone-else", "does not publish",
                "GET /api/v1/credential-keys", "\"current_key_id\":\"" + CURRENT_KEY.id() + "\"");
        assertThat(foreign.body()).doesNotContain(unknownKey.substring(unknownKey.lastIndexOf(':') + 1));
        HttpResponse<String> cut = calls.withKey(EVENTS + "facility.access", DOORS_KEY,
                AvroJson.encode(AccessEvents.doorCodeChanged("M-ADA", "LDN", malformed)));
        assertRefused(cut, 422, "sealed_credential_refused", "nothing was produced");
        assertThat(cut.body()).doesNotContain("not*base64");
        // And nothing reached any facility topic
        assertThat(endOffsets()).isEqualTo(before);
    }

    @Test
    void feedbackWebhooksAreOffUntilTheirProviderIsConfigured() {
        // Given an ingest service with no mail provider configured (this stack), when each provider posts
        for (String provider : List.of("ses", "postmark", "sendgrid", "mailgun")) {
            // Then it is told which settings turn it on
            assertRefused(calls.send(calls.post("/api/v1/webhooks/feedback/" + provider, "[]")), 404,
                    "webhook_disabled", "deskpost.ingest.feedback." + provider);
        }
    }

    @Test
    void theCredentialKeysAreListedCurrentFirstForAnyAuthenticatedClient() {
        // When a client reads the keys with its bearer key, and another with a signed (empty) body
        HttpResponse<String> byKey = calls.send(calls.get("/api/v1/credential-keys")
                .header("Authorization", "Bearer " + IDLE_KEY));
        HttpResponse<String> bySignature = calls.send(calls.get("/api/v1/credential-keys")
                .header("X-Deskpost-Client", "crm")
                .header("X-Deskpost-Signature", IngestCalls.signature(SECRET, Instant.now().getEpochSecond(), "")));

        // Then both get the suite, how the context is built, the form and the keys, the current one first
        assertThat(byKey.statusCode()).as(byKey.body()).isEqualTo(200);
        assertThat(bySignature.statusCode()).as(bySignature.body()).isEqualTo(200);
        JsonNode keys = JSON.readTree(byKey.body());
        assertThat(keys.get("suite").stringValue()).isEqualTo("HPKE-Base-X25519-SHA256-AES256GCM");
        assertThat(keys.get("context").stringValue()).contains("deskpost-credential-v1", "location_id", "member_id");
        assertThat(keys.get("format").stringValue()).isEqualTo("sealed:v1:<key_id>:<base64url(enc||ciphertext)>");
        assertThat(keys.get("keys")).hasSize(2);
        assertThat(keys.get("keys").get(0).get("key_id").stringValue()).isEqualTo(CURRENT_KEY.id());
        assertThat(keys.get("keys").get(0).get("current").booleanValue()).isTrue();
        assertThat(keys.get("keys").get(1).get("key_id").stringValue()).isEqualTo(PREVIOUS_KEY.id());
        assertThat(keys.get("keys").get(1).get("current").booleanValue()).isFalse();
        // And a key read there seals what delivery opens
        String published = keys.get("keys").get(0).get("key_id").stringValue() + ":"
                + keys.get("keys").get(0).get("public_key").stringValue();
        String sealed = new CredentialSealer(List.of(CredentialKeys.parsePublic(published, "test")))
                .seal("1234", "LDN", "M-ADA");
        assertThat(new CredentialOpener(List.of(CURRENT_KEY)).open(sealed, "LDN", "M-ADA")).isEqualTo("1234");
        assertThat(JSON.readTree(bySignature.body())).isEqualTo(keys);

        // And without credentials, or with a wrong key, nothing is listed
        assertRefused(calls.send(calls.get("/api/v1/credential-keys")), 401, "unauthorized", "No credentials");
        assertRefused(calls.send(calls.get("/api/v1/credential-keys").header("Authorization", "Bearer not-a-key-at-all")),
                401, "unauthorized", "not recognised");
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
        return ingest.consumer();
    }

    private static String resource(String path) {
        try (InputStream in = IngestIT.class.getResourceAsStream(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
