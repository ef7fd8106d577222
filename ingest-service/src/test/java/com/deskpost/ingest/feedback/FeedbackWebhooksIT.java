package com.deskpost.ingest.feedback;

import static com.deskpost.ingest.feedback.ProviderCalls.DRAFT;
import static com.deskpost.ingest.feedback.ProviderCalls.fixture;
import static org.assertj.core.api.Assertions.assertThat;

import com.deskpost.events.FeedbackKind;
import com.deskpost.events.MailFeedback;
import com.deskpost.ingest.testdata.IngestUnderTest;
import com.deskpost.ingest.testdata.IngestCalls;
import com.deskpost.platform.serde.AvroSerdes;
import com.deskpost.platform.topic.Topics;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Each provider's webhook against a real broker and registry: a validly signed event reaches mail.feedback with the
 * right fields; a forged one and a replayed one are refused with JSON and publish nothing. SNS's certificate and
 * subscription URL are served by a local HTTP server standing in for sns.<region>.amazonaws.com.
 */
class FeedbackWebhooksIT {

    private static final String TOPIC = "arn:aws:sns:eu-west-1:111122223333:deskpost-ses-feedback";
    private static final String POSTMARK_PASSWORD = "postmark-password-0123";
    private static final String MAILGUN_KEY = "mailgun-signing-key-0123";
    private static final ProviderCalls.SnsSigner SNS = new ProviderCalls.SnsSigner();
    private static final ProviderCalls.SendGridSigner SENDGRID = new ProviderCalls.SendGridSigner();
    private static final AtomicInteger CONFIRMATIONS = new AtomicInteger();

    private static HttpServer sns;
    private static String snsBase;
    private static IngestUnderTest ingest;
    private static IngestCalls calls;
    private static AvroSerdes serdes;

    @BeforeAll
    static void start() throws IOException {
        sns = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        sns.createContext("/SimpleNotificationService-test.pem", exchange -> {
            byte[] pem = SNS.pem().getBytes(StandardCharsets.US_ASCII);
            exchange.sendResponseHeaders(200, pem.length);
            exchange.getResponseBody().write(pem);
            exchange.close();
        });
        sns.createContext("/confirm", exchange -> {
            CONFIRMATIONS.incrementAndGet();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        sns.start();
        snsBase = "http://127.0.0.1:" + sns.getAddress().getPort() + "/";
        ingest = IngestUnderTest.start(List.of(Topics.MAIL_FEEDBACK),
                "--deskpost.ingest.feedback.ses.topic-arns[0]=" + TOPIC,
                "--deskpost.ingest.feedback.ses.sns-url-pattern=" + Pattern.quote(snsBase),
                "--deskpost.ingest.feedback.postmark.username=postmark",
                "--deskpost.ingest.feedback.postmark.password=" + POSTMARK_PASSWORD,
                "--deskpost.ingest.feedback.sendgrid.public-key=" + SENDGRID.publicKey(),
                "--deskpost.ingest.feedback.mailgun.signing-key=" + MAILGUN_KEY);
        calls = ingest.calls();
        serdes = ingest.serdes();
    }

    @AfterAll
    static void stop() {
        if (ingest != null) {
            ingest.close();
        }
        if (sns != null) {
            sns.stop(0);
        }
    }

    @Test
    void ses() {
        String certUrl = snsBase + "SimpleNotificationService-test.pem";
        String bounce = SNS.notification(TOPIC, fixture("ses-bounce-permanent.json"), "2", certUrl, Instant.now());
        Map<TopicPartition, Long> before = ends();

        // When SNS delivers a signed SES permanent bounce, then it is published as a hard bounce of the draft
        HttpResponse<String> accepted = post("/api/v1/webhooks/feedback/ses", bounce, "text/plain; charset=UTF-8");
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(200);
        assertThat(accepted.body()).contains("\"outcome\":\"published\"", "\"key\":\"ada.lovelace@example.com\"");
        ConsumerRecord<String, byte[]> record = readOne(before);
        assertThat(record.key()).isEqualTo("ada.lovelace@example.com");
        MailFeedback feedback = serdes.deserialize(Topics.MAIL_FEEDBACK, record.value());
        assertThat(feedback.getKind()).isEqualTo(FeedbackKind.HARD_BOUNCE);
        assertThat(feedback.getDraftId()).isEqualTo(DRAFT);
        assertThat(feedback.getMessageId()).isEqualTo("<" + DRAFT + "@mail.deskpost.example>");
        assertThat(feedback.getStatus()).isEqualTo("5.1.1");
        assertThat(feedback.getSource()).isEqualTo("ses");
        assertThat(feedback.getReporter()).isEqualTo("ses");

        // And SignatureVersion 1 holds too
        assertThat(post("/api/v1/webhooks/feedback/ses", SNS.notification(TOPIC, fixture("ses-complaint.json"), "1",
                certUrl, Instant.now()), "text/plain").statusCode()).isEqualTo(200);
        long afterValid = end();
        assertThat(afterValid).isEqualTo(sum(before) + 2);

        // When the same message is replayed, altered, from another topic, stale, or names a foreign certificate
        assertRefused(post("/api/v1/webhooks/feedback/ses", bounce, "text/plain"), 409, "replayed");
        assertRefused(post("/api/v1/webhooks/feedback/ses", SNS.notification(TOPIC, fixture("ses-delivery.json"), "2",
                certUrl, Instant.now()).replace("Delivery", "Bounce"), "text/plain"), 401, "does not match");
        assertRefused(post("/api/v1/webhooks/feedback/ses", SNS.notification(TOPIC.replace("deskpost", "other"),
                fixture("ses-bounce-permanent.json"), "2", certUrl, Instant.now()), "text/plain"), 403, "topic-arns");
        assertRefused(post("/api/v1/webhooks/feedback/ses", SNS.notification(TOPIC, fixture("ses-bounce-permanent.json"),
                "2", certUrl, Instant.now().minusSeconds(600)), "text/plain"), 401, "replay-window");
        assertRefused(post("/api/v1/webhooks/feedback/ses", new ProviderCalls.SnsSigner().notification(TOPIC,
                fixture("ses-bounce-permanent.json"), "2", "https://attacker.example/x.pem", Instant.now()),
                "text/plain"), 401, "not an Amazon SNS certificate URL");
        assertRefused(post("/api/v1/webhooks/feedback/ses", "{\"Type\": \"Notification\",", "text/plain"), 400,
                "not valid JSON");

        // Then nothing more was published
        assertThat(end()).isEqualTo(afterValid);
    }

    @Test
    void sesDeliveriesAreAcknowledgedAndCountedAndSubscriptionsConfirmed() {
        String certUrl = snsBase + "SimpleNotificationService-test.pem";
        Map<TopicPartition, Long> before = ends();
        double ignored = counter("ses", "ignored");

        HttpResponse<String> delivery = post("/api/v1/webhooks/feedback/ses", SNS.notification(TOPIC,
                fixture("ses-delivery.json"), "2", certUrl, Instant.now()), "text/plain");
        assertThat(delivery.statusCode()).as(delivery.body()).isEqualTo(200);
        assertThat(delivery.body()).contains("\"outcome\":\"ignored\"");
        assertThat(counter("ses", "ignored")).isEqualTo(ignored + 1);

        HttpResponse<String> subscription = post("/api/v1/webhooks/feedback/ses", SNS.subscriptionConfirmation(TOPIC,
                snsBase + "confirm?Action=ConfirmSubscription&Token=abc", certUrl, Instant.now()), "text/plain");
        assertThat(subscription.statusCode()).as(subscription.body()).isEqualTo(200);
        assertThat(subscription.body()).contains("subscription_confirmed");
        assertThat(CONFIRMATIONS).hasValue(1);

        // And a SubscribeURL that is not an SNS URL is never fetched: it is logged for the operator
        HttpResponse<String> elsewhere = post("/api/v1/webhooks/feedback/ses", SNS.subscriptionConfirmation(TOPIC,
                "https://attacker.example/confirm?Token=abc", certUrl, Instant.now()), "text/plain");
        assertThat(elsewhere.statusCode()).as(elsewhere.body()).isEqualTo(200);
        assertThat(elsewhere.body()).contains("subscription_logged");
        assertThat(CONFIRMATIONS).hasValue(1);
        assertThat(end()).isEqualTo(sum(before));
    }

    @Test
    void postmark() {
        String bounce = fixture("postmark-hard-bounce.json");
        String basic = basic("postmark", POSTMARK_PASSWORD);
        Map<TopicPartition, Long> before = ends();

        HttpResponse<String> accepted = postmark(bounce, basic);
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(200);
        MailFeedback feedback = serdes.deserialize(Topics.MAIL_FEEDBACK, readOne(before).value());
        assertThat(feedback.getKind()).isEqualTo(FeedbackKind.HARD_BOUNCE);
        assertThat(feedback.getRecipient()).isEqualTo("ada.lovelace@example.com");
        assertThat(feedback.getDraftId()).isEqualTo(DRAFT);
        assertThat(feedback.getSource()).isEqualTo("postmark");
        long afterValid = end();

        HttpResponse<String> wrong = postmark(fixture("postmark-spam-complaint.json"), basic("postmark", "guess"));
        assertRefused(wrong, 401, "basic auth");
        assertThat(wrong.headers().firstValue("WWW-Authenticate")).hasValue("Basic realm=\"deskpost-feedback\"");
        assertRefused(postmark(fixture("postmark-spam-complaint.json"), null), 401, "basic auth");
        assertRefused(postmark(bounce, basic), 409, "replayed");
        assertThat(end()).isEqualTo(afterValid);
    }

    @Test
    void sendgrid() {
        String events = fixture("sendgrid-events.json");
        String timestamp = Long.toString(Instant.now().getEpochSecond());
        String signature = SENDGRID.sign(timestamp, events);
        Map<TopicPartition, Long> before = ends();

        HttpResponse<String> accepted = sendgrid(events, signature, timestamp);
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(200);
        assertThat(accepted.body()).contains("\"ignored\":2");
        List<MailFeedback> published = read(before, 4);
        // Keyed by recipient, so across partitions: compared as a set of (recipient, kind)
        assertThat(published).extracting(f -> f.getRecipient() + " " + f.getKind()).containsExactlyInAnyOrder(
                "ada.lovelace@example.com HARD_BOUNCE", "grace@example.org SOFT_BOUNCE",
                "alan@example.org COMPLAINT", "barbara@example.org HARD_BOUNCE");
        assertThat(published).allSatisfy(f -> {
            assertThat(f.getDraftId()).isEqualTo(DRAFT);
            assertThat(f.getSource()).isEqualTo("sendgrid");
        });
        long afterValid = end();

        assertRefused(sendgrid(events.replace("5.1.1", "4.1.1"), signature, timestamp), 401, "does not match");
        assertRefused(sendgrid(events, SENDGRID.sign(timestamp, events), timestamp), 409, "replayed");
        assertRefused(sendgrid(events, signature, timestamp), 409, "replayed");
        assertThat(end()).isEqualTo(afterValid);
    }

    @Test
    void mailgun() {
        long now = Instant.now().getEpochSecond();
        String failed = ProviderCalls.mailgun("mailgun-failed-permanent.json", MAILGUN_KEY, now, token());
        Map<TopicPartition, Long> before = ends();

        HttpResponse<String> accepted = post("/api/v1/webhooks/feedback/mailgun", failed, "application/json");
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(200);
        MailFeedback feedback = serdes.deserialize(Topics.MAIL_FEEDBACK, readOne(before).value());
        assertThat(feedback.getKind()).isEqualTo(FeedbackKind.HARD_BOUNCE);
        assertThat(feedback.getMessageId()).isEqualTo("<" + DRAFT + "@mail.deskpost.example>");
        assertThat(feedback.getDraftId()).isEqualTo(DRAFT);
        assertThat(feedback.getStatus()).isEqualTo("5.1.1");
        assertThat(feedback.getSource()).isEqualTo("mailgun");
        long afterValid = end();

        assertRefused(post("/api/v1/webhooks/feedback/mailgun", ProviderCalls.mailgun("mailgun-complained.json",
                "not-the-signing-key", now, token()), "application/json"), 401, "does not match");
        assertRefused(post("/api/v1/webhooks/feedback/mailgun", failed, "application/json"), 409, "replayed");
        assertRefused(post("/api/v1/webhooks/feedback/mailgun", ProviderCalls.mailgun("mailgun-complained.json",
                MAILGUN_KEY, now - 3600, token()), "application/json"), 401, "replay-window");
        assertRefused(post("/api/v1/webhooks/feedback/mailgun", "{\"signature\": {}}", "application/json"), 400,
                "$.signature.timestamp");
        assertThat(end()).isEqualTo(afterValid);
    }

    private static HttpResponse<String> post(String path, String body, String contentType) {
        return calls.send(calls.post(path, body).setHeader("Content-Type", contentType));
    }

    private static HttpResponse<String> postmark(String body, String authorization) {
        HttpRequest.Builder request = calls.post("/api/v1/webhooks/feedback/postmark", body);
        return calls.send(authorization == null ? request : request.header("Authorization", authorization));
    }

    private static HttpResponse<String> sendgrid(String body, String signature, String timestamp) {
        return calls.send(calls.post("/api/v1/webhooks/feedback/sendgrid", body)
                .header("X-Twilio-Email-Event-Webhook-Signature", signature)
                .header("X-Twilio-Email-Event-Webhook-Timestamp", timestamp));
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static String token() {
        return UUID.randomUUID().toString().replace("-", "") + "0123456789abcdef01";
    }

    private static double counter(String provider, String outcome) {
        var counter = ingest.context().getBean(MeterRegistry.class).find("deskpost.feedback.webhook.events")
                .tag("provider", provider).tag("outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }

    private static void assertRefused(HttpResponse<String> response, int status, String... details) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        assertThat(response.body()).contains("\"error\":", "\"message\":").contains(details);
    }

    private static Map<TopicPartition, Long> ends() {
        return ingest.ends(Topics.MAIL_FEEDBACK);
    }

    private static long sum(Map<TopicPartition, Long> offsets) {
        return offsets.values().stream().mapToLong(Long::longValue).sum();
    }

    private static long end() {
        return sum(ends());
    }

    private static ConsumerRecord<String, byte[]> readOne(Map<TopicPartition, Long> from) {
        return records(from, 1).get(0);
    }

    private static List<MailFeedback> read(Map<TopicPartition, Long> from, int count) {
        return records(from, count).stream().map(r -> serdes.deserialize(Topics.MAIL_FEEDBACK, r.value())).toList();
    }

    private static List<ConsumerRecord<String, byte[]>> records(Map<TopicPartition, Long> from, int count) {
        return ingest.records(Topics.MAIL_FEEDBACK, from, count);
    }
}
