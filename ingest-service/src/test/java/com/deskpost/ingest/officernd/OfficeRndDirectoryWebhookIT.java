package com.deskpost.ingest.officernd;

import static org.assertj.core.api.Assertions.assertThat;

import com.deskpost.events.BillingEvent;
import com.deskpost.events.InvoiceIssued;
import com.deskpost.events.Location;
import com.deskpost.events.Member;
import com.deskpost.events.MemberStatus;
import com.deskpost.ingest.testdata.IngestCalls;
import com.deskpost.ingest.testdata.IngestUnderTest;
import com.deskpost.platform.serde.AvroSerdes;
import com.deskpost.platform.topic.Topic;
import com.deskpost.platform.topic.Topics;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * OfficeRnD's directory webhooks against a real broker and registry: a signed member.created is one Member on
 * facility.members, keyed by the member id; a forged and an expired one, and a Deskpost client not granted the
 * directory, are refused; OfficeRnD's retry and a replay are answered "duplicate"; an office without the mail
 * configuration Deskpost needs is refused naming it, and with it is one Location on facility.locations. An issued
 * invoice is one InvoiceIssued on facility.billing, its retry a duplicate; a fee is acknowledged as ignored; an
 * invoice with an amount that is no number is refused 422 naming its path, malformed JSON 400 with its line. Nothing refused is produced.
 */
class OfficeRndDirectoryWebhookIT {

    private static final String WEBHOOK = "/api/v1/webhooks/officernd";
    private static final String SECRET = "test-officernd-directory-secret";
    private static final String OFFICE = "5e1d8bd37f8759001051c0ff";
    private static final String UNCONFIGURED_OFFICE = "5e1d8bd37f8759001051d00d";
    private static final String BOOKINGS_KEY = "bookings-only-key-0123";

    private static IngestUnderTest ingest;
    private static IngestCalls calls;
    private static AvroSerdes serdes;

    @BeforeAll
    static void start() {
        String office = "--deskpost.ingest.officernd.locations." + OFFICE + ".";
        ingest = IngestUnderTest.start(List.of(Topics.FACILITY_MEMBERS, Topics.FACILITY_LOCATIONS, Topics.FACILITY_BILLING),
                "--deskpost.ingest.officernd.webhook-secret=" + SECRET,
                "--deskpost.ingest.officernd.location-ids." + OFFICE + "=LDN-OLD",
                office + "jurisdiction=UK",
                office + "sender-mailbox=old-street@deskpost.example",
                office + "staff-mailbox=staff.old-street@deskpost.example",
                office + "approvers=approver@deskpost.example",
                "--deskpost.ingest.clients[0].id=bookings-system",
                "--deskpost.ingest.clients[0].key=" + BOOKINGS_KEY,
                "--deskpost.ingest.clients[0].topics=facility.bookings");
        calls = ingest.calls();
        serdes = ingest.serdes();
    }

    @AfterAll
    static void stop() {
        ingest.close();
    }

    @Test
    void aSignedMemberCreatedIsOneMemberAndItsRetriesAndReplaysAreDuplicates() {
        // Given OfficeRnD's member.created, under a fresh event id, for a member nobody seeded
        String body = unique("member-created");
        Map<TopicPartition, Long> offsets = ends(Topics.FACILITY_MEMBERS);
        long before = end(Topics.FACILITY_MEMBERS);

        // When OfficeRnD posts it, signed
        HttpResponse<String> accepted = calls.fromOfficeRnd(WEBHOOK, SECRET, body);

        // Then facility.members holds one Member under OfficeRnD's member id, in the mapped location
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        assertThat(accepted.body()).contains("\"outcome\":\"published\"", "\"topic\":\"facility.members\"");
        ConsumerRecord<String, byte[]> record = records(Topics.FACILITY_MEMBERS, offsets, 1).get(0);
        assertThat(record.key()).isEqualTo("6751c0de5a1b2c0012d4a0a1");
        Member member = serdes.deserialize(Topics.FACILITY_MEMBERS, record.value());
        assertThat(member.getEmail()).isEqualTo("grace.hopper@members.example");
        assertThat(member.getLocationIds()).containsExactly("LDN-OLD");
        assertThat(member.getStatus()).isEqualTo(MemberStatus.ACTIVE);
        assertThat(member.getExternalIds()).containsEntry("officernd", "6751c0de5a1b2c0012d4a0a1");
        long afterValid = end(Topics.FACILITY_MEMBERS);
        assertThat(afterValid).isEqualTo(before + 1);

        // When OfficeRnD retries it (signed afresh) and someone replays it
        HttpResponse<String> retried = calls.fromOfficeRnd(WEBHOOK, SECRET, body);
        HttpResponse<String> replayed = calls.fromOfficeRnd(WEBHOOK, SECRET, body);

        // Then both are acknowledged as duplicates naming the same Deskpost event id, and nothing more is produced
        for (HttpResponse<String> duplicate : List.of(retried, replayed)) {
            assertThat(duplicate.statusCode()).as(duplicate.body()).isEqualTo(200);
            assertThat(duplicate.body()).contains("\"outcome\":\"duplicate\"",
                    "\"event_id\":\"" + member.getHeader().getEventId() + "\"");
        }
        assertThat(end(Topics.FACILITY_MEMBERS)).isEqualTo(afterValid);
    }

    @Test
    void forgedExpiredUngrantedAndInvalidMembersAreRefusedAndProduceNothing() {
        // Given a member.created the broker demonstrably takes when properly signed
        String valid = unique("member-created");
        Map<TopicPartition, Long> before = ends(Topics.FACILITY_MEMBERS);
        assertThat(calls.fromOfficeRnd(WEBHOOK, SECRET, valid).statusCode()).isEqualTo(202);
        assertThat(records(Topics.FACILITY_MEMBERS, before, 1)).hasSize(1);
        Map<TopicPartition, Long> afterValidOffsets = ends(Topics.FACILITY_MEMBERS);
        long afterValid = end(Topics.FACILITY_MEMBERS);

        // When a forged, an expired, an ungranted and an invalid one arrive
        String body = unique("member-created");
        assertRefused(calls.fromOfficeRnd(WEBHOOK, "not-the-officernd-secret", body), 401, "unauthorized");
        long stale = Instant.now().minus(Duration.ofMinutes(30)).getEpochSecond();
        assertRefused(calls.send(calls.post(WEBHOOK, body).header("officernd-signature",
                IngestCalls.signature(SECRET, stale, body))), 401, "unauthorized");
        assertRefused(calls.withKey(WEBHOOK, BOOKINGS_KEY, body), 403, "forbidden", "facility.members");
        ObjectNode badEmail = node(body);
        ((ObjectNode) badEmail.get("data").get("object")).put("email", "grace at members");
        assertRefused(calls.fromOfficeRnd(WEBHOOK, SECRET, badEmail.toString()), 422, "invalid_officernd_member",
                "\"path\":\"$.data.object.email\"");
        ObjectNode noName = node(body);
        ((ObjectNode) noName.get("data").get("object")).remove("name");
        assertRefused(calls.fromOfficeRnd(WEBHOOK, SECRET, noName.toString()), 422, "schema_violation",
                "\"path\":\"$.data.object.name\"");
        // And a company event is acknowledged, so OfficeRnD does not retry it
        HttpResponse<String> company = calls.fromOfficeRnd(WEBHOOK, SECRET, unique("company-created"));
        assertThat(company.statusCode()).as(company.body()).isEqualTo(200);
        assertThat(company.body()).contains("\"outcome\":\"ignored\"");

        // Then nothing more was produced
        assertThat(end(Topics.FACILITY_MEMBERS)).isEqualTo(afterValid);
        // And the refused event was not remembered: properly signed, it is published
        HttpResponse<String> later = calls.fromOfficeRnd(WEBHOOK, SECRET, body);
        assertThat(later.statusCode()).as(later.body()).isEqualTo(202);
        assertThat(records(Topics.FACILITY_MEMBERS, afterValidOffsets, 1)).hasSize(1);
    }

    @Test
    void anOfficeIsALocationOnceItsMailConfigurationIsSet() {
        // Given an office Deskpost has mail configuration for, and one it has none for
        String configured = unique("office-created");
        ObjectNode unconfigured = node(unique("office-created"));
        ((ObjectNode) unconfigured.get("data").get("object")).put("_id", UNCONFIGURED_OFFICE);
        Map<TopicPartition, Long> offsets = ends(Topics.FACILITY_LOCATIONS);
        long before = end(Topics.FACILITY_LOCATIONS);

        // When OfficeRnD posts both
        HttpResponse<String> incomplete = calls.fromOfficeRnd(WEBHOOK, SECRET, unconfigured.toString());
        HttpResponse<String> accepted = calls.fromOfficeRnd(WEBHOOK, SECRET, configured);

        // Then the unconfigured one is refused naming what to set, and the configured one is one Location
        assertRefused(incomplete, 422, "officernd_location_incomplete",
                "deskpost.ingest.officernd.locations." + UNCONFIGURED_OFFICE + ".jurisdiction");
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        ConsumerRecord<String, byte[]> record = records(Topics.FACILITY_LOCATIONS, offsets, 1).get(0);
        assertThat(record.key()).isEqualTo("LDN-OLD");
        Location location = serdes.deserialize(Topics.FACILITY_LOCATIONS, record.value());
        assertThat(location.getName()).isEqualTo("Deskpost Old Street");
        assertThat(location.getJurisdiction()).isEqualTo("UK");
        assertThat(location.getSenderMailbox()).isEqualTo("old-street@deskpost.example");
        assertThat(location.getApprovers()).containsExactly("approver@deskpost.example");
        assertThat(end(Topics.FACILITY_LOCATIONS)).isEqualTo(before + 1);
    }

    @Test
    void anIssuedInvoiceIsOneBillingEventItsRetryADuplicateAFeeIgnoredAndABadAmountRefused() {
        // Given OfficeRnD's invoice.created for a member the directory knows by OfficeRnD's id
        String invoice = unique("invoice-created");
        Map<TopicPartition, Long> offsets = ends(Topics.FACILITY_BILLING);
        long before = end(Topics.FACILITY_BILLING);

        // When OfficeRnD posts it, then retries it
        HttpResponse<String> accepted = calls.fromOfficeRnd(WEBHOOK, SECRET, invoice);
        HttpResponse<String> retried = calls.fromOfficeRnd(WEBHOOK, SECRET, invoice);

        // Then facility.billing holds one InvoiceIssued keyed by the invoice, and the retry is a duplicate
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        assertThat(accepted.body()).contains("\"topic\":\"facility.billing\"");
        ConsumerRecord<String, byte[]> record = records(Topics.FACILITY_BILLING, offsets, 1).get(0);
        assertThat(record.key()).isEqualTo("6760aa0f5a1b2c0012d4c501");
        BillingEvent event = serdes.deserialize(Topics.FACILITY_BILLING, record.value());
        assertThat(((InvoiceIssued) event.getPayload()).getTotal().getAmountMinor()).isEqualTo(41850L);
        assertThat(event.getHeader().getLocationId()).isEqualTo("LDN-OLD");
        assertThat(retried.statusCode()).as(retried.body()).isEqualTo(200);
        assertThat(retried.body()).contains("\"outcome\":\"duplicate\"");

        // When a fee and an invoice whose amount is text arrive
        ObjectNode fee = node(unique("invoice-created"));
        fee.put("eventType", "fee.created");
        HttpResponse<String> ignored = calls.fromOfficeRnd(WEBHOOK, SECRET, fee.toString());
        ObjectNode textAmount = node(unique("invoice-created"));
        ((ObjectNode) textAmount.get("data").get("object")).put("amount", "418.50");
        HttpResponse<String> bad = calls.fromOfficeRnd(WEBHOOK, SECRET, textAmount.toString());

        // Then the fee is acknowledged with the reason, the bad one refused naming the path, and nothing more produced
        assertThat(ignored.statusCode()).as(ignored.body()).isEqualTo(200);
        assertThat(ignored.body()).contains("\"outcome\":\"ignored\"", "invoice.created");
        HttpResponse<String> malformed = calls.fromOfficeRnd(WEBHOOK, SECRET, "{\"event\": \"6760aa10\",\n  \"eventType\"");

        // (the house rule: a well-formed payload with a wrong field is 422 schema_violation naming its path, JSON that
        // is not JSON 400 with its line and column)
        assertRefused(bad, 422, "schema_violation", "\"path\":\"$.data.object.amount\"");
        assertThat(malformed.statusCode()).as(malformed.body()).isEqualTo(400);
        assertThat(malformed.body()).contains("\"line\":2");
        assertThat(end(Topics.FACILITY_BILLING)).isEqualTo(before + 1);
    }

    /** A fixture under a fresh OfficeRnD event id, so the tests do not see each other's events as duplicates. */
    private static String unique(String fixture) {
        ObjectNode webhook = (ObjectNode) OfficeRndBookingsTest.sample(fixture);
        webhook.put("event", UUID.randomUUID().toString().replace("-", "").substring(0, 24));
        return webhook.toString();
    }

    private static ObjectNode node(String json) {
        return (ObjectNode) JsonMapper.builder().build().readTree(json);
    }

    private static void assertRefused(HttpResponse<String> response, int status, String... details) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        assertThat(response.body()).contains("\"error\":", "\"message\":").contains(details);
    }

    private static Map<TopicPartition, Long> ends(Topic<?> topic) {
        return ingest.ends(topic);
    }

    private static long end(Topic<?> topic) {
        return ingest.end(topic);
    }

    private static List<ConsumerRecord<String, byte[]>> records(Topic<?> topic, Map<TopicPartition, Long> from,
            int count) {
        return ingest.records(topic, from, count);
    }
}
