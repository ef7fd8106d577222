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
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
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
 * <p>Kisi: a signed card assignment to the Kisi user the directory names in the member's {@code external_ids} becomes
 * the keycard mail, at the location whose {@code external_ids} name the Kisi place.
 */
class VendorsEndToEndIT {

    /** ingest-service.yml's development signing secret. */
    private static final String STRIPE_SECRET = "dev-only-stripe-webhook-secret";
    private static final Location LONDON = SampleFacility.location("LDN-S", "Deskpost Stripe Clerkenwell", "London",
            "GB", "Europe/London", "UK");
    private static final String EMAIL = "m-stripe@members.example";
    /** ingest-service.yml's development Kisi signature key. */
    private static final String KISI_KEY = "dev-only-kisi-signature-key";
    private static final Location KISI_LONDON = Location.newBuilder(SampleFacility.location("LDN-K",
            "Deskpost Kisi Shoreditch", "London", "GB", "Europe/London", "UK"))
            .setExternalIds(Map.of("kisi", "7701")).build();
    private static final String KISI_EMAIL = "m-kisi@members.example";
    private static final Duration WAIT = Duration.ofSeconds(60);

    private static LocalStack stack;
    private static FacilityPublisher publisher;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void startStack() {
        stack = LocalStack.infrastructure(LocalStack.Ports.RANDOM, Postgres.shared());
        publisher = new FacilityPublisher(stack.bootstrapServers(), stack.registryUrl());
        publisher.publish(Topics.FACILITY_LOCATIONS, LONDON.getLocationId(), LONDON);
        publisher.publish(Topics.FACILITY_MEMBERS, "M-STRIPE", SampleFacility.member("M-STRIPE", "Ada Stripe", EMAIL,
                "en-GB", LONDON.getLocationId()));
        publisher.publish(Topics.FACILITY_LOCATIONS, KISI_LONDON.getLocationId(), KISI_LONDON);
        publisher.publish(Topics.FACILITY_MEMBERS, "M-KISI", Member.newBuilder(SampleFacility.member("M-KISI",
                "Ada Kisi", KISI_EMAIL, "en-GB", KISI_LONDON.getLocationId()))
                .setExternalIds(Map.of("kisi", "55501")).build());
        stack.startServices();
    }

    @AfterAll
    static void stopStack() {
        publisher.close();
        stack.close();
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

    private static String signature(String body) {
        long t = Instant.now().getEpochSecond();
        return "t=" + t + ",v1=" + HexFormat.of().formatHex(Hmacs.hmacSha256(STRIPE_SECRET, Hmacs.utf8(t + "."),
                body.getBytes(StandardCharsets.UTF_8)));
    }

    private static HttpResponse<String> post(String body, String signature) throws IOException, InterruptedException {
        return post("stripe", body, "Stripe-Signature", signature);
    }

    private static HttpResponse<String> post(String vendor, String body, String header, String signature)
            throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + stack.httpPort("ingest-service")
                        + "/api/v1/webhooks/" + vendor))
                .header("Content-Type", "application/json")
                .header(header, signature)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
