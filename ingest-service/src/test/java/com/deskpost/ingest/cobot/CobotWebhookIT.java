package com.deskpost.ingest.cobot;

import static com.deskpost.ingest.cobot.CobotEventsTest.fixture;
import static org.assertj.core.api.Assertions.assertThat;

import com.deskpost.events.BookingCreated;
import com.deskpost.events.BookingEvent;
import com.deskpost.events.BillingEvent;
import com.deskpost.events.InvoiceIssued;
import com.deskpost.events.Member;
import com.deskpost.ingest.testdata.IngestCalls;
import com.deskpost.ingest.testdata.IngestUnderTest;
import com.deskpost.ingest.vendor.WebhookToken;
import com.deskpost.platform.topic.Topic;
import com.deskpost.platform.topic.Topics;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Cobot's webhook against a real broker and registry and a local HTTP server standing in for Cobot's API (serving
 * resources written from Cobot's API docs): a membership webhook is one Member on facility.members with its Cobot id,
 * fetched with the operator's access token; Cobot's retry of it is a duplicate; a booking and an invoice land on
 * facility.bookings and facility.billing. A call without the webhook token is refused 401; a URL outside Cobot's API
 * 422 and never fetched; a resource Cobot no longer has is acknowledged as ignored; Cobot failing is 503, so Cobot
 * retries; a webhook without a url 422 naming $.url, malformed JSON 400. Nothing refused is produced.
 */
class CobotWebhookIT {

    private static final String ACCESS_TOKEN = "test-cobot-access-token";
    private static final String WEBHOOK_TOKEN = "test-cobot-webhook-token";
    private static final String WEBHOOK = "/api/v1/webhooks/cobot?token=" + WEBHOOK_TOKEN;

    /** What "Cobot" serves, by path: a fixture's JSON, or an HTTP status alone. */
    private static final Map<String, Object> COBOT = new ConcurrentHashMap<>();
    private static final List<String> FETCHED = new CopyOnWriteArrayList<>();
    private static final List<String> AUTHORIZATIONS = new CopyOnWriteArrayList<>();

    private static HttpServer cobot;
    private static String cobotBase;
    private static IngestUnderTest ingest;
    private static IngestCalls calls;

    @BeforeAll
    static void start() throws IOException {
        cobot = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        cobot.createContext("/api/", CobotWebhookIT::serve);
        cobot.start();
        cobotBase = "http://localhost:" + cobot.getAddress().getPort();
        COBOT.put("/api/memberships/c0b07a11ce5a0000000000a1", fixture("membership"));
        COBOT.put("/api/bookings/c0b0b00c1000000000000b01", fixture("booking"));
        COBOT.put("/api/invoices/c0b01e0000000000000000i1", fixture("invoice"));
        COBOT.put("/api/check_ins/c0b0c4ec000000000000000c", "{\"id\": \"c0b0c4ec000000000000000c\"}");
        COBOT.put("/api/bookings/deleted", 404);
        COBOT.put("/api/bookings/cobot-down", 503);
        ingest = IngestUnderTest.start(List.of(Topics.FACILITY_MEMBERS, Topics.FACILITY_BOOKINGS,
                Topics.FACILITY_BILLING),
                "--deskpost.ingest.cobot.access-token=" + ACCESS_TOKEN,
                "--deskpost.ingest.cobot.webhook-token=" + WEBHOOK_TOKEN,
                "--deskpost.ingest.cobot.allowed-urls=" + cobotBase.replace(".", "\\.") + "/api/[A-Za-z0-9_/-]+",
                "--deskpost.ingest.cobot.location-ids.localhost=LDN-COBOT",
                "--deskpost.ingest.cobot.fetch-timeout=5s");
        calls = ingest.calls();
    }

    @AfterAll
    static void stop() {
        ingest.close();
        cobot.stop(0);
    }

    @Test
    void aMembershipIsOneMemberFetchedWithTheAccessTokenAndCobotsRetryIsADuplicate() {
        // Given Cobot's webhook about a confirmed membership
        String body = webhook("/api/memberships/c0b07a11ce5a0000000000a1");
        Map<TopicPartition, Long> offsets = ingest.ends(Topics.FACILITY_MEMBERS);
        long before = ingest.end(Topics.FACILITY_MEMBERS);
        int authorizations = AUTHORIZATIONS.size();

        // When Cobot posts it, and retries it
        HttpResponse<String> accepted = calls.send(calls.post(WEBHOOK, body));
        HttpResponse<String> retried = calls.send(calls.post(WEBHOOK, body));

        // Then Deskpost fetched it with the operator's token, and facility.members holds one Member with its Cobot id
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        assertThat(AUTHORIZATIONS.subList(authorizations, AUTHORIZATIONS.size()))
                .containsOnly("Bearer " + ACCESS_TOKEN).hasSize(2);
        ConsumerRecord<String, byte[]> record = ingest.records(Topics.FACILITY_MEMBERS, offsets, 1).get(0);
        Member member = ingest.serdes().deserialize(Topics.FACILITY_MEMBERS, record.value());
        assertThat(member.getExternalIds()).containsEntry("cobot", "c0b07a11ce5a0000000000a1");
        assertThat(member.getLocationIds()).containsExactly("LDN-COBOT");
        assertThat(record.key()).isEqualTo(member.getMemberId());
        // And the retry (the same resource version) is a duplicate, produced once
        assertThat(retried.statusCode()).as(retried.body()).isEqualTo(200);
        assertThat(retried.body()).contains("\"outcome\":\"duplicate\"");
        assertThat(ingest.end(Topics.FACILITY_MEMBERS)).isEqualTo(before + 1);
    }

    @Test
    void aBookingAndAnInvoiceLandOnTheirTopics() {
        Map<TopicPartition, Long> bookings = ingest.ends(Topics.FACILITY_BOOKINGS);
        Map<TopicPartition, Long> billing = ingest.ends(Topics.FACILITY_BILLING);

        HttpResponse<String> booking = calls.send(calls.post(WEBHOOK + "&event=created_booking",
                webhook("/api/bookings/c0b0b00c1000000000000b01")));
        HttpResponse<String> invoice = calls.send(calls.post(WEBHOOK,
                webhook("/api/invoices/c0b01e0000000000000000i1")));

        assertThat(booking.statusCode()).as(booking.body()).isEqualTo(202);
        assertThat(invoice.statusCode()).as(invoice.body()).isEqualTo(202);
        BookingEvent created = ingest.serdes().deserialize(Topics.FACILITY_BOOKINGS,
                ingest.records(Topics.FACILITY_BOOKINGS, bookings, 1).get(0).value());
        assertThat(created.getPayload()).isInstanceOf(BookingCreated.class);
        assertThat(created.getHeader().getLocationId()).isEqualTo("LDN-COBOT");
        BillingEvent issued = ingest.serdes().deserialize(Topics.FACILITY_BILLING,
                ingest.records(Topics.FACILITY_BILLING, billing, 1).get(0).value());
        assertThat(((InvoiceIssued) issued.getPayload()).getTotal().getAmountMinor()).isEqualTo(28800L);
    }

    @Test
    void unauthenticatedForeignGoneFailingAndBadWebhooksProduceNothing() {
        long[] before = ends();
        int fetched = FETCHED.size();
        String membership = webhook("/api/memberships/c0b07a11ce5a0000000000a1");

        // No token, a wrong token: 401, nothing fetched
        assertRefused(calls.send(calls.post("/api/v1/webhooks/cobot", membership)), 401, "unauthorized", "token");
        assertRefused(calls.send(calls.post("/api/v1/webhooks/cobot", membership)
                .header(WebhookToken.HEADER, "not-the-token")), 401, "unauthorized");
        // A URL outside Cobot's API: 422, never fetched
        assertRefused(calls.send(calls.post(WEBHOOK, "{\"url\": \"http://169.254.169.254/latest/meta-data\"}")),
                422, "cobot_url_refused", "allowed-urls");
        assertThat(FETCHED).hasSize(fetched);
        // Deleted since (404 at Cobot): acknowledged; an unmapped resource: acknowledged
        HttpResponse<String> gone = calls.send(calls.post(WEBHOOK, webhook("/api/bookings/deleted")));
        assertThat(gone.statusCode()).as(gone.body()).isEqualTo(200);
        assertThat(gone.body()).contains("\"outcome\":\"ignored\"", "404");
        HttpResponse<String> checkIn = calls.send(calls.post(WEBHOOK,
                webhook("/api/check_ins/c0b0c4ec000000000000000c")));
        assertThat(checkIn.body()).contains("\"outcome\":\"ignored\"", "check_ins");
        assertThat(FETCHED).doesNotContain("/api/check_ins/c0b0c4ec000000000000000c");
        // Cobot failing: 503, so Cobot retries
        assertRefused(calls.send(calls.post(WEBHOOK, webhook("/api/bookings/cobot-down"))), 503,
                "cobot_unavailable", "HTTP 503");
        // No url, and not JSON
        assertRefused(calls.send(calls.post(WEBHOOK, "{\"uri\": \"x\"}")), 422, "schema_violation",
                "\"path\":\"$.url\"");
        assertRefused(calls.send(calls.post(WEBHOOK, "{\"url\": ")), 400, "\"line\":1");

        assertThat(ends()).containsExactly(before);
    }

    private static String webhook(String path) {
        return "{\"url\": \"" + cobotBase + path + "\"}";
    }

    private static long[] ends() {
        return List.<Topic<?>>of(Topics.FACILITY_MEMBERS, Topics.FACILITY_BOOKINGS, Topics.FACILITY_BILLING).stream()
                .mapToLong(ingest::end).toArray();
    }

    private static void serve(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        FETCHED.add(path);
        AUTHORIZATIONS.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
        Object served = COBOT.get(path);
        if (!("Bearer " + ACCESS_TOKEN).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            served = 401;
        }
        byte[] body = served instanceof String json ? json.getBytes(StandardCharsets.UTF_8)
                : "{\"errors\": \"not here\"}".getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(served instanceof Integer status ? status : served == null ? 404 : 200,
                body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static void assertRefused(HttpResponse<String> response, int status, String... details) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.body()).contains("\"error\":", "\"message\":").contains(details);
    }
}
