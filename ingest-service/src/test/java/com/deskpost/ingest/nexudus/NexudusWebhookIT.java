package com.deskpost.ingest.nexudus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.deskpost.events.BillingEvent;
import com.deskpost.events.BookingCreated;
import com.deskpost.events.BookingEvent;
import com.deskpost.events.Member;
import com.deskpost.events.MembershipCancelled;
import com.deskpost.ingest.testdata.IngestCalls;
import com.deskpost.ingest.testdata.IngestUnderTest;
import com.deskpost.ingest.vendor.VendorIndex;
import com.deskpost.platform.serde.AvroSerdes;
import com.deskpost.platform.topic.Topics;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Nexudus's webhooks against a real broker and registry: a signed CoworkerCreate is one Member on facility.members
 * carrying the coworker's Nexudus id, and the booking Nexudus then sends for that coworker is one BookingEvent for
 * that member; Nexudus's retry and a replay are answered "duplicate" and not produced again; a forged and an unsigned
 * call are refused (Nexudus signs no time, so there is no expired signature to refuse: replays are what the dedup
 * answers); a cancelled contract is a MembershipCancelled on facility.billing; an action Deskpost does not map is
 * "ignored"; malformed JSON is 400 with where it breaks, and a record missing a field is 422 naming its JSON path.
 */
class NexudusWebhookIT {

    private static final String SECRET = "test-nexudus-app-shared-secret";
    private static final String BUSINESS = "1001";
    private static final AtomicLong CHANGES = new AtomicLong();

    private static IngestUnderTest ingest;
    private static IngestCalls calls;
    private static AvroSerdes serdes;

    @BeforeAll
    static void start() {
        // The topics are left to the service to create: the vendor index follows the partitions it finds at start,
        // and a topic created here with one partition would gain more under it.
        ingest = IngestUnderTest.start(
                "--deskpost.ingest.nexudus.webhook-secret=" + SECRET,
                "--deskpost.ingest.nexudus.member-id-prefix=NX-",
                "--deskpost.ingest.nexudus.location-ids." + BUSINESS + "=LDN-NX");
        calls = ingest.calls();
        serdes = ingest.serdes();
    }

    @AfterAll
    static void stop() {
        ingest.close();
    }

    @Test
    void aSyncedCoworkersBookingIsTheirsAndNexudusRetriesAreDuplicates() {
        // Given Nexudus's CoworkerCreate for a coworker nobody seeded
        String coworker = changed("coworker-create.json");
        Map<TopicPartition, Long> members = ingest.ends(Topics.FACILITY_MEMBERS);

        // When Nexudus posts it, signed
        HttpResponse<String> synced = post("CoworkerCreate", coworker, NexudusSignature.sign(SECRET, bytes(coworker)));

        // Then facility.members holds the member, with the coworker's Nexudus id
        assertThat(synced.statusCode()).as(synced.body()).isEqualTo(202);
        assertThat(synced.body()).contains("\"outcome\":\"published\"", "\"topic\":\"facility.members\"");
        ConsumerRecord<String, byte[]> memberRecord = ingest.records(Topics.FACILITY_MEMBERS, members, 1).get(0);
        assertThat(memberRecord.key()).isEqualTo("NX-55001");
        Member member = serdes.deserialize(Topics.FACILITY_MEMBERS, memberRecord.value());
        assertThat(member.getExternalIds()).containsEntry("nexudus", "55001");
        assertThat(member.getLocationIds()).containsExactly("LDN-NX");
        VendorIndex index = ingest.context().getBean(VendorIndex.class);
        await().atMost(Duration.ofSeconds(30)).until(() -> index.memberOf("nexudus", "55001").isPresent());

        // When Nexudus posts the coworker's booking, and then retries it (its answer lost) and someone replays it
        String booking = changed("booking-create.json");
        Map<TopicPartition, Long> bookings = ingest.ends(Topics.FACILITY_BOOKINGS);
        HttpResponse<String> accepted = post("BookingCreate", booking, NexudusSignature.sign(SECRET, bytes(booking)));
        long afterValid = ingest.end(Topics.FACILITY_BOOKINGS);
        HttpResponse<String> retried = post("BookingCreate", booking, NexudusSignature.sign(SECRET, bytes(booking)));
        HttpResponse<String> replayed = post("BookingCreate", booking, NexudusSignature.sign(SECRET, bytes(booking)));

        // Then the booking is one BookingCreated for the synced member, and the retries produce nothing more
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        ConsumerRecord<String, byte[]> record = ingest.records(Topics.FACILITY_BOOKINGS, bookings, 1).get(0);
        assertThat(record.key()).isEqualTo("91001");
        BookingEvent event = serdes.deserialize(Topics.FACILITY_BOOKINGS, record.value());
        assertThat(event.getMemberId()).isEqualTo("NX-55001");
        assertThat(event.getHeader().getLocationId()).isEqualTo("LDN-NX");
        assertThat(event.getPayload()).isInstanceOf(BookingCreated.class);
        for (HttpResponse<String> duplicate : List.of(retried, replayed)) {
            assertThat(duplicate.statusCode()).as(duplicate.body()).isEqualTo(200);
            assertThat(duplicate.body()).contains("\"outcome\":\"duplicate\"",
                    "\"event_id\":\"" + event.getHeader().getEventId() + "\"");
        }
        assertThat(ingest.end(Topics.FACILITY_BOOKINGS)).isEqualTo(afterValid);
    }

    @Test
    void forgedUnsignedUnmappedAndInvalidCallsProduceNothing() {
        // Given a booking the broker demonstrably takes when properly signed
        String valid = changed("booking-create.json");
        assertThat(post("BookingCreate", valid, NexudusSignature.sign(SECRET, bytes(valid))).statusCode())
                .isEqualTo(202);
        long bookings = ingest.end(Topics.FACILITY_BOOKINGS);
        long members = ingest.end(Topics.FACILITY_MEMBERS);
        assertThat(bookings).isPositive();

        // When a forged, an unsigned, an unmapped, an invalid and a business-less call arrive
        String body = changed("booking-create.json");
        assertRefused(post("BookingCreate", body, NexudusSignature.sign("not-the-app-secret", bytes(body))), 401,
                "unauthorized");
        assertRefused(calls.send(calls.post("/api/v1/webhooks/nexudus?action=BookingCreate&business=" + BUSINESS,
                body)), 401, "X-Nexudus-Hook-Signature");
        HttpResponse<String> checkIn = post("CoworkerCheckin", body, NexudusSignature.sign(SECRET, bytes(body)));
        assertThat(checkIn.statusCode()).as(checkIn.body()).isEqualTo(200);
        assertThat(checkIn.body()).contains("\"outcome\":\"ignored\"", "facility.access");
        String noEnd = body.replace("\"ToTime\": \"2026-12-14T10:30:00Z\",", "");
        assertRefused(post("BookingCreate", noEnd, NexudusSignature.sign(SECRET, bytes(noEnd))), 422,
                "schema_violation", "\"path\":\"$[0].ToTime\"");
        String malformed = body.substring(0, body.length() / 2);
        assertRefused(post("BookingCreate", malformed, NexudusSignature.sign(SECRET, bytes(malformed))), 400,
                "line");
        assertRefused(calls.send(calls.post("/api/v1/webhooks/nexudus?action=BookingCreate", body)
                .header(NexudusSignature.HEADER, NexudusSignature.sign(SECRET, bytes(body)))), 400,
                "nexudus_business_missing");

        // Then nothing more was produced, and the refused booking, properly signed, is published
        assertThat(ingest.end(Topics.FACILITY_BOOKINGS)).isEqualTo(bookings);
        assertThat(ingest.end(Topics.FACILITY_MEMBERS)).isEqualTo(members);
        assertThat(post("BookingCreate", body, NexudusSignature.sign(SECRET, bytes(body))).statusCode())
                .isEqualTo(202);
    }

    @Test
    void aCancelledContractIsOneBillingEventKeyedByTheContract() {
        // Given Nexudus's CoworkerContractCancel
        String contract = changed("contract-cancel.json");
        Map<TopicPartition, Long> billing = ingest.ends(Topics.FACILITY_BILLING);

        // When Nexudus posts it, signed
        HttpResponse<String> accepted = post("CoworkerContractCancel", contract,
                NexudusSignature.sign(SECRET, bytes(contract)));

        // Then facility.billing holds one MembershipCancelled under the contract's UniqueId
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        ConsumerRecord<String, byte[]> record = ingest.records(Topics.FACILITY_BILLING, billing, 1).get(0);
        assertThat(record.key()).isEqualTo("c0ffee00-1234-4a5b-9c8d-0e1f2a3b4c5d");
        BillingEvent event = serdes.deserialize(Topics.FACILITY_BILLING, record.value());
        assertThat(event.getPayload()).isInstanceOf(MembershipCancelled.class);
        assertThat(event.getMemberId()).isEqualTo("NX-55001");
    }

    /** A fixture as a fresh change to its record (a later UpdatedOn), so tests do not see each other's deliveries. */
    private static String changed(String fixture) {
        Instant updated = Instant.now().truncatedTo(ChronoUnit.SECONDS).plusSeconds(CHANGES.incrementAndGet());
        return NexudusWebhookTest.fixture(fixture).replaceAll("\"UpdatedOn\": \"[^\"]+\"",
                "\"UpdatedOn\": \"" + updated + "\"");
    }

    private static HttpResponse<String> post(String action, String body, String signature) {
        return calls.send(calls.post("/api/v1/webhooks/nexudus?action=" + action + "&business=" + BUSINESS, body)
                .header(NexudusSignature.HEADER, signature));
    }

    private static byte[] bytes(String body) {
        return NexudusSignature.asNexudusAscii(body.getBytes(StandardCharsets.UTF_8));
    }

    private static void assertRefused(HttpResponse<String> response, int status, String... details) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        assertThat(response.body()).contains("\"error\":", "\"message\":").contains(details);
    }
}
