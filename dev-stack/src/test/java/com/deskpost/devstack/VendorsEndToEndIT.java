package com.deskpost.devstack;

import static com.deskpost.devstack.StackQueries.auditTypes;
import static com.deskpost.devstack.StackQueries.part;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.deskpost.events.Location;
import com.deskpost.events.Member;
import com.deskpost.ingest.auth.Hmacs;
import com.deskpost.platform.id.DraftIds;
import com.deskpost.platform.topic.Topics;
import com.deskpost.testsupport.Postgres;
import jakarta.mail.internet.MimeMessage;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every vendor's webhook through the whole stack, on one stack (starting one costs about a minute): per vendor, its
 * signed webhook call becomes the mail at the SMTP server, and the vendor's retry of the same event mails nothing
 * more. Each vendor's directory entries use their own location and member ids, so the scenarios do not meet.
 *
 * <p>Stripe: a signed invoice.payment_failed for a subscription whose metadata names a member the directory knows
 * becomes the failed-payment mail.
 *
 * <p>Nexudus: the coworker arrives through Nexudus's own CoworkerCreate webhook (the directory sync, nobody seeds
 * them), in the location whose external_ids name the Nexudus business; their BookingCreate becomes the confirmation.
 *
 * <p>Cobot: its webhooks name a resource's URL, which ingest fetches from a local HTTP server standing in for Cobot's
 * API (the stack's ingest may fetch only from it): a membership webhook puts the member in the directory, and a
 * booking webhook for that membership becomes the booking confirmation.
 *
 * <p>Kisi: a signed card assignment for a Kisi user whose directory entry carries the Kisi id becomes the keycard
 * mail.
 *
 * <p>Brivo: a door access by a Brivo user whose directory entry carries the Brivo id, outside the hours set for the
 * Brivo site (closed round now), becomes the after-hours mail.
 */
class VendorsEndToEndIT {

    /** ingest-service.yml's development signing secret. */
    private static final String STRIPE_SECRET = "dev-only-stripe-webhook-secret";
    private static final Location LONDON = SampleFacility.location("LDN-S", "Deskpost Stripe Clerkenwell", "London",
            "GB", "Europe/London", "UK");
    private static final String EMAIL = "m-stripe@members.example";
    /** ingest-service.yml's development shared secret for Nexudus. */
    private static final String NEXUDUS_SECRET = "dev-only-nexudus-webhook-secret";
    private static final Location NEXUDUS_LONDON = Location.newBuilder(SampleFacility.location("LDN-NX",
            "Deskpost Nexudus Holborn", "London", "GB", "Europe/London", "UK"))
            .setExternalIds(Map.of("nexudus", "2001")).build();
    private static final String NEXUDUS_EMAIL = "m-nexudus@members.example";
    /** ingest-service.yml's development Kisi signature key. */
    private static final String KISI_KEY = "dev-only-kisi-signature-key";
    private static final Location KISI_LONDON = Location.newBuilder(SampleFacility.location("LDN-K",
            "Deskpost Kisi Shoreditch", "London", "GB", "Europe/London", "UK"))
            .setExternalIds(Map.of("kisi", "7701")).build();
    private static final String KISI_EMAIL = "m-kisi@members.example";
    /** ingest-service.yml's development Brivo webhook token. */
    private static final String BRIVO_TOKEN = "dev-only-brivo-webhook-token";
    private static final Location BRIVO_LONDON = Location.newBuilder(SampleFacility.location("LDN-BR",
            "Deskpost Brivo Farringdon", "London", "GB", "Europe/London", "UK"))
            .setExternalIds(Map.of("brivo", "7840001")).build();
    private static final String BRIVO_EMAIL = "m-brivo@members.example";
    private static final Duration WAIT = Duration.ofSeconds(60);

    /** ingest-service.yml's development Cobot tokens. */
    private static final String COBOT_WEBHOOK_TOKEN = "dev-only-cobot-webhook-token";
    private static final String COBOT_ACCESS_TOKEN = "dev-only-cobot-access-token";
    private static final Location COBOT_SPACE = SampleFacility.location("LDN-CB", "Deskpost Cobot Shoreditch",
            "London", "GB", "Europe/London", "UK");
    private static final String COBOT_EMAIL = "m-cobot@members.example";
    /** What the stand-in for Cobot's API serves, by path; it answers 401 to any other access token. */
    private static final Map<String, String> COBOT = new ConcurrentHashMap<>();

    private static HttpServer cobot;
    private static LocalStack stack;
    private static FacilityPublisher publisher;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void startStack() throws IOException {
        cobot = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        cobot.createContext("/api/", VendorsEndToEndIT::serveCobot);
        cobot.start();
        stack = LocalStack.infrastructure(LocalStack.Ports.RANDOM, Postgres.shared());
        publisher = new FacilityPublisher(stack.bootstrapServers(), stack.registryUrl());
        publisher.publish(Topics.FACILITY_LOCATIONS, LONDON.getLocationId(), LONDON);
        publisher.publish(Topics.FACILITY_LOCATIONS, NEXUDUS_LONDON.getLocationId(), NEXUDUS_LONDON);
        publisher.publish(Topics.FACILITY_MEMBERS, "M-STRIPE", SampleFacility.member("M-STRIPE", "Ada Stripe", EMAIL,
                "en-GB", LONDON.getLocationId()));
        publisher.publish(Topics.FACILITY_LOCATIONS, COBOT_SPACE.getLocationId(), COBOT_SPACE);
        publisher.publish(Topics.FACILITY_LOCATIONS, KISI_LONDON.getLocationId(), KISI_LONDON);
        publisher.publish(Topics.FACILITY_MEMBERS, "M-KISI", Member.newBuilder(SampleFacility.member("M-KISI",
                "Ada Kisi", KISI_EMAIL, "en-GB", KISI_LONDON.getLocationId()))
                .setExternalIds(Map.of("kisi", "55501")).build());
        publisher.publish(Topics.FACILITY_LOCATIONS, BRIVO_LONDON.getLocationId(), BRIVO_LONDON);
        publisher.publish(Topics.FACILITY_MEMBERS, "M-BRIVO", Member.newBuilder(SampleFacility.member("M-BRIVO",
                "Ada Brivo", BRIVO_EMAIL, "en-GB", BRIVO_LONDON.getLocationId()))
                .setExternalIds(Map.of("brivo", "66601")).build());
        // The Brivo site opens in two hours and closes in three: any access now is after hours.
        LocalTime now = LocalTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MINUTES);
        stack.withIngestSettings(
                "--deskpost.ingest.brivo.opening-hours.7840001=UTC " + now.plusHours(2) + "-" + now.plusHours(3),
                "--deskpost.ingest.cobot.allowed-urls=http://localhost:" + cobot.getAddress().getPort() + "/api/.+",
                "--deskpost.ingest.cobot.location-ids.localhost=" + COBOT_SPACE.getLocationId()).startServices();
    }

    @AfterAll
    static void stopStack() {
        publisher.close();
        stack.close();
        cobot.stop(0);
    }

    @Test
    void aSignedFailedPaymentIsMailedOnceToTheMemberTheMetadataNames() throws Exception {
        // Given Stripe's invoice.payment_failed for a subscription whose metadata names the member and location
        String stripeEvent = "evt_" + UUID.randomUUID().toString().replace("-", "");
        long now = Instant.now().getEpochSecond();
        String event = """
                {"id": "%s", "object": "event", "api_version": "2024-06-20", "created": %d, "livemode": false,
                 "type": "invoice.payment_failed",
                 "data": {"object": {"id": "in_1QstripeE2E0001", "object": "invoice", "customer": "cus_E2E",
                     "subscription": "sub_1QstripeE2E0001",
                     "subscription_details": {"metadata": {"deskpost_member_id": "M-STRIPE",
                                                           "deskpost_location_id": "LDN-S"}},
                     "metadata": {}, "currency": "gbp", "amount_due": 25000, "amount_paid": 0,
                     "attempt_count": 1, "next_payment_attempt": %d, "payment_intent": "pi_1QstripeE2E0001",
                     "period_start": %d, "period_end": %d,
                     "lines": {"object": "list", "data": [{"id": "il_1QstripeE2E", "object": "line_item",
                         "amount": 25000, "currency": "gbp", "description": "1 × Hot desk (at £250.00 / month)",
                         "period": {"start": %d, "end": %d}}]}}}}
                """.formatted(stripeEvent, now, now + 3 * 86_400, now - 30 * 86_400, now, now, now + 30 * 86_400);

        // When Stripe posts it, signed with the endpoint's secret
        HttpResponse<String> response = post(event, signature(event));

        // Then it is accepted and the member receives the failed-payment alert
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        await().atMost(WAIT).until(() -> !stack.smtp().messagesTo(EMAIL).isEmpty());
        MimeMessage mail = stack.smtp().messagesTo(EMAIL).get(0);
        assertThat(StackQueries.subject(mail)).startsWith("Action needed: your payment of £250.00 failed");
        assertThat(part(mail, "text/plain")).contains("in_1QstripeE2E0001");
        String eventId = UUID.nameUUIDFromBytes(("stripe:" + stripeEvent).getBytes(StandardCharsets.UTF_8))
                .toString();
        String alertId = DraftIds.draftId(eventId, "billing-payment-failed", EMAIL);
        await().atMost(WAIT).until(() -> auditTypes(stack, alertId).containsAll(List.of("DRAFTED", "SENT")));

        // When Stripe retries the same event (its answer lost), signed afresh
        HttpResponse<String> retry = post(event, signature(event));

        // Then it is a duplicate, and the member still has the one mail
        assertThat(retry.statusCode()).as(retry.body()).isEqualTo(200);
        assertThat(retry.body()).contains("\"outcome\":\"duplicate\"", eventId);
        assertThat(stack.smtp().messagesTo(EMAIL)).hasSize(1);
    }

    @Test
    void aNexudusCoworkersBookingIsConfirmedOnceAfterTheDirectorySync() throws Exception {
        // Given Nexudus's CoworkerCreate for a coworker the directory has never seen, at business 2001
        Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        String coworker = """
                [{"Id": 66001, "UniqueId": "2b7e54d0-9a4c-4f1e-8c3b-5d6e7f801234", "CoworkerType": 1,
                  "FullName": "Grace Nexudus", "Email": "%s", "Active": true,
                  "CreatedOn": "%s", "UpdatedOn": "%s", "IsNew": true}]
                """.formatted(NEXUDUS_EMAIL, now, now);

        // When Nexudus posts it, signed with the app's shared secret
        HttpResponse<String> synced = nexudus("CoworkerCreate", coworker);

        // Then the coworker is a member of the location that names the business
        assertThat(synced.statusCode()).as(synced.body()).isEqualTo(202);
        assertThat(synced.body()).contains("\"topic\":\"facility.members\"", "\"key\":\"66001\"");

        // When Nexudus posts the coworker's booking
        Instant from = now.plus(Duration.ofDays(3));
        String booking = """
                [{"Id": 77001, "ResourceId": 8801, "ResourceName": "Meeting room Hopper",
                  "ResourceResourceTypeName": "Meeting Room", "CoworkerId": 66001, "CoworkerFullName": "Grace Nexudus",
                  "FromTime": "%s", "ToTime": "%s", "Notes": null, "Tentative": false,
                  "CreatedOn": "%s", "UpdatedOn": "%s"}]
                """.formatted(from, from.plus(Duration.ofHours(1)), now, now);
        HttpResponse<String> response = nexudus("BookingCreate", booking);

        // Then the member receives the confirmation
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        await().atMost(WAIT).until(() -> !stack.smtp().messagesTo(NEXUDUS_EMAIL).isEmpty());
        MimeMessage mail = stack.smtp().messagesTo(NEXUDUS_EMAIL).get(0);
        assertThat(StackQueries.subject(mail)).startsWith("Booking confirmed: Meeting room Hopper")
                .contains("Deskpost Nexudus Holborn");
        String eventId = UUID.nameUUIDFromBytes(("nexudus:BookingCreate:77001:" + now.toEpochMilli())
                .getBytes(StandardCharsets.UTF_8)).toString();
        String confirmationId = DraftIds.draftId(eventId, "booking-confirmation", NEXUDUS_EMAIL);
        await().atMost(WAIT).until(() -> auditTypes(stack, confirmationId).containsAll(List.of("DRAFTED", "SENT")));

        // When Nexudus retries the booking (its answer lost)
        HttpResponse<String> retry = nexudus("BookingCreate", booking);

        // Then it is a duplicate, and the member still has the one mail
        assertThat(retry.statusCode()).as(retry.body()).isEqualTo(200);
        assertThat(retry.body()).contains("\"outcome\":\"duplicate\"", eventId);
        assertThat(stack.smtp().messagesTo(NEXUDUS_EMAIL)).hasSize(1);
    }

    /** As Nexudus sends a webhook: the record in an array, X-Nexudus-Hook-Signature the upper-case hex HMAC. */
    private static HttpResponse<String> nexudus(String action, String body) throws IOException, InterruptedException {
        String signature = HexFormat.of().withUpperCase().formatHex(Hmacs.hmacSha256(NEXUDUS_SECRET,
                body.getBytes(StandardCharsets.US_ASCII)));
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + stack.httpPort("ingest-service")
                        + "/api/v1/webhooks/nexudus?action=" + action + "&business=2001"))
                .header("Content-Type", "application/json")
                .header("X-Nexudus-Hook-Signature", signature)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void cobotMembershipPutsTheMemberInTheDirectoryAndTheirBookingIsConfirmedOnce() throws Exception {
        // Given Cobot's API has a confirmed membership and a booking of it (API 1 shapes, www.cobot.me/api-docs)
        String membership = "c0b0e2e0000000000000a001";
        COBOT.put("/api/memberships/" + membership, """
                {"id": "%s", "name": "Ada Cobot", "email": "%s", "language": "en-GB",
                 "address": {"name": "Ada Cobot"}, "confirmed_at": "2026/11/30 10:00:00 +0000", "canceled_to": null,
                 "created_at": "2026/11/29 18:00:00 +0000", "updated_at": "2026/11/30 10:00:00 +0000"}
                """.formatted(membership, COBOT_EMAIL));
        COBOT.put("/api/bookings/c0b0e2e0000000000000b001", """
                {"id": "c0b0e2e0000000000000b001", "from": "2027/01/15 10:00:00 +0000",
                 "to": "2027/01/15 11:00:00 +0000", "title": "Pitch rehearsal", "comments": null,
                 "resource": {"id": "c0b0e2e0000000000000r001", "name": "Meeting room Hypatia"},
                 "membership": {"id": "%s", "name": "Ada Cobot"},
                 "created_at": "2026/12/01 09:00:00 +0000", "updated_at": "2026/12/01 09:00:00 +0000"}
                """.formatted(membership));

        // When Cobot's confirmed_membership webhook arrives
        HttpResponse<String> confirmed = postCobot("created_membership", "/api/memberships/" + membership);

        // Then the member is published to the directory with their Cobot id
        assertThat(confirmed.statusCode()).as(confirmed.body()).isEqualTo(202);
        assertThat(confirmed.body()).contains("\"topic\":\"facility.members\"");

        // When Cobot's created_booking webhook for their booking arrives
        HttpResponse<String> booked = postCobot("created_booking", "/api/bookings/c0b0e2e0000000000000b001");

        // Then the member receives the booking confirmation
        assertThat(booked.statusCode()).as(booked.body()).isEqualTo(202);
        await().atMost(WAIT).until(() -> !stack.smtp().messagesTo(COBOT_EMAIL).isEmpty());
        MimeMessage mail = stack.smtp().messagesTo(COBOT_EMAIL).get(0);
        assertThat(StackQueries.subject(mail)).contains("Meeting room Hypatia");
        assertThat(part(mail, "text/plain")).contains("Deskpost Cobot Shoreditch");

        // When Cobot retries the booking webhook (our answer lost)
        HttpResponse<String> retry = postCobot("created_booking", "/api/bookings/c0b0e2e0000000000000b001");

        // Then it is a duplicate, and the member still has the one mail
        assertThat(retry.statusCode()).as(retry.body()).isEqualTo(200);
        assertThat(retry.body()).contains("\"outcome\":\"duplicate\"");
        assertThat(stack.smtp().messagesTo(COBOT_EMAIL)).hasSize(1);
    }

    private static HttpResponse<String> postCobot(String event, String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + stack.httpPort("ingest-service")
                        + "/api/v1/webhooks/cobot?token=" + COBOT_WEBHOOK_TOKEN + "&event=" + event))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"url\": \"http://localhost:"
                        + cobot.getAddress().getPort() + path + "\"}"))
                .build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static void serveCobot(HttpExchange exchange) throws IOException {
        String json = COBOT.get(exchange.getRequestURI().getPath());
        boolean authorized = ("Bearer " + COBOT_ACCESS_TOKEN).equals(
                exchange.getRequestHeaders().getFirst("Authorization"));
        byte[] body = (authorized && json != null ? json : "{\"errors\": \"not found\"}")
                .getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(!authorized ? 401 : json == null ? 404 : 200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Test
    void aKisiCardAssignmentIsMailedOnceAsTheKeycardToTheMemberTheDirectoryNames() throws Exception {
        // Given Kisi's card.assign_user for Kisi user 55501 at place 7701 (docs.kisi.io event shape), which happened
        // an hour before Kisi delivers it
        String uuid = UUID.randomUUID().toString();
        String happened = Instant.now().minusSeconds(3600).truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                .toString();
        String event = """
                {"uuid": "%s", "actor_type": "User", "actor_id": 1, "actor_name": "Front Desk",
                 "object_type": "Card", "object_id": 424242, "object_name": "Card 424242", "organization_id": 3289,
                 "place_id": 7701, "success": true, "type": "card.assign_user", "created_at": "%s",
                 "references": [{"type": "User", "id": 55501, "name": "Ada Kisi"}]}
                """.formatted(uuid, happened);
        String signature = HexFormat.of().formatHex(Hmacs.hmacSha256(KISI_KEY, event.getBytes(StandardCharsets.UTF_8)));

        // When Kisi posts it, signed with the integration's key
        HttpResponse<String> response = post("kisi", event, "X-Signature", signature);

        // Then it is accepted and the member receives the keycard mail naming the card
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        await().atMost(WAIT).until(() -> !stack.smtp().messagesTo(KISI_EMAIL).isEmpty());
        MimeMessage mail = stack.smtp().messagesTo(KISI_EMAIL).get(0);
        assertThat(StackQueries.subject(mail)).isEqualTo("Your keycard for Deskpost Kisi Shoreditch is ready");
        assertThat(part(mail, "text/plain")).contains("424242");
        String eventId = UUID.nameUUIDFromBytes(("kisi:" + uuid).getBytes(StandardCharsets.UTF_8)).toString();
        String draftId = DraftIds.draftId(eventId, "access-keycard-provisioned", KISI_EMAIL);
        await().atMost(WAIT).until(() -> auditTypes(stack, draftId).containsAll(List.of("DRAFTED", "SENT")));

        // When Kisi sends the same event again
        HttpResponse<String> retry = post("kisi", event, "X-Signature", signature);

        // Then it is a duplicate, and the member still has the one mail
        assertThat(retry.statusCode()).as(retry.body()).isEqualTo(200);
        assertThat(retry.body()).contains("\"outcome\":\"duplicate\"", eventId);
        assertThat(stack.smtp().messagesTo(KISI_EMAIL)).hasSize(1);
    }

    @Test
    void aBrivoAfterHoursAccessIsMailedOnceToTheMemberTheDirectoryNames() throws Exception {
        // Given Brivo's access event (apidocs.brivo.com "Events" shape) for user 66601 opening a door at site 7840001
        // a minute ago, outside the site's hours (so within the access composer's late-report window)
        String uuid = UUID.randomUUID().toString();
        String occurred = Instant.now().minusSeconds(60).truncatedTo(ChronoUnit.SECONDS).toString();
        String event = """
                {"uuid": "%s",
                 "securityAction": {"securityActionId": 5001, "action": "Valid Credential", "exception": false},
                 "actor": {"id": 66601, "name": "Ada Brivo"},
                 "eventObject": {"id": 408029901, "name": "Farringdon Front Door",
                                 "deviceType": {"id": 1, "name": "Door"}},
                 "site": {"id": 7840001, "siteName": "Farringdon"},
                 "occurred": "%s", "processed": "%s",
                 "eventData": {"actorName": "Ada Brivo", "objectName": "Farringdon Front Door", "actionAllowed": true}}
                """.formatted(uuid, occurred, occurred);

        // When Brivo posts it to the subscription URL, which carries the token
        HttpResponse<String> response = post("brivo?token=" + BRIVO_TOKEN, event, null, null);

        // Then it is accepted and the member receives the after-hours mail naming the door
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        await().atMost(WAIT).until(() -> !stack.smtp().messagesTo(BRIVO_EMAIL).isEmpty());
        MimeMessage mail = stack.smtp().messagesTo(BRIVO_EMAIL).get(0);
        assertThat(StackQueries.subject(mail)).isEqualTo("Your card opened Farringdon Front Door after hours");
        assertThat(part(mail, "text/plain")).contains("Deskpost Brivo Farringdon");
        String eventId = UUID.nameUUIDFromBytes(("brivo:" + uuid).getBytes(StandardCharsets.UTF_8)).toString();
        String draftId = DraftIds.draftId(eventId, "access-after-hours-access", BRIVO_EMAIL);
        await().atMost(WAIT).until(() -> auditTypes(stack, draftId).containsAll(List.of("DRAFTED", "SENT")));

        // When Brivo sends the same event again
        HttpResponse<String> retry = post("brivo?token=" + BRIVO_TOKEN, event, null, null);

        // Then it is a duplicate, and the member still has the one mail
        assertThat(retry.statusCode()).as(retry.body()).isEqualTo(200);
        assertThat(retry.body()).contains("\"outcome\":\"duplicate\"", eventId);
        assertThat(stack.smtp().messagesTo(BRIVO_EMAIL)).hasSize(1);
    }

    private static String signature(String body) {
        long t = Instant.now().getEpochSecond();
        return "t=" + t + ",v1=" + HexFormat.of().formatHex(Hmacs.hmacSha256(STRIPE_SECRET, Hmacs.utf8(t + "."),
                body.getBytes(StandardCharsets.UTF_8)));
    }

    private static HttpResponse<String> post(String body, String signature) throws IOException, InterruptedException {
        return post("stripe", body, "Stripe-Signature", signature);
    }

    /** @param header the vendor's signature header, null for a vendor whose secret is in the URL (Brivo) */
    private static HttpResponse<String> post(String vendor, String body, String header, String signature)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:"
                        + stack.httpPort("ingest-service") + "/api/v1/webhooks/" + vendor))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        return HTTP.send(header == null ? request.build() : request.header(header, signature).build(),
                HttpResponse.BodyHandlers.ofString());
    }}
