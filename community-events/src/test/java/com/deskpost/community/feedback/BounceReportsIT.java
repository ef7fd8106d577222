package com.deskpost.community.feedback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.deskpost.community.CommunityEventsApplication;
import com.deskpost.community.inbound.SmtpListener;
import com.deskpost.events.FeedbackKind;
import com.deskpost.events.MailFeedback;
import com.deskpost.platform.deadletter.DeadLetterHeaders;
import com.deskpost.platform.serde.AvroSerdes;
import com.deskpost.platform.topic.Topics;
import com.deskpost.schemas.serde.SchemaRegistryClient;
import com.deskpost.testsupport.KafkaBroker;
import com.deskpost.testsupport.registry.SchemaRegistryServer;
import jakarta.mail.Address;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
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

/**
 * Reports arriving at the SMTP listener for the bounce domain, on a real broker and registry: a DSN becomes a hard
 * bounce on mail.feedback with its return path, an ARF report a complaint, a vacation reply nothing, an unreadable
 * report a dead letter with its reason.
 */
class BounceReportsIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    // The corpus lives once, in platform's test resources; surefire runs in the module's directory.
    private static final Path CORPUS = Path.of("..", "platform", "src", "test", "resources", "feedback-corpus");

    private static KafkaBroker kafka;
    private static SchemaRegistryServer registry;
    private static ConfigurableApplicationContext community;
    private static AvroSerdes serdes;
    private static int smtpPort;

    @BeforeAll
    static void start() throws Exception {
        kafka = KafkaBroker.start();
        registry = SchemaRegistryServer.start();
        serdes = new AvroSerdes(new SchemaRegistryClient(registry.url()));
        community = CommunityEventsApplication.builder().run(
                "--spring.kafka.bootstrap-servers=" + kafka.bootstrapServers(),
                "--deskpost.kafka.schema-registry-url=" + registry.url(),
                "--spring.kafka.streams.application-id=deskpost-community-composer-" + UUID.randomUUID(),
                "--spring.kafka.streams.state-dir=" + Files.createTempDirectory("bounce-reports-it"),
                "--server.port=0", "--spring.main.banner-mode=off",
                "--deskpost.community.inbound.smtp.port=0");
        smtpPort = community.getBean(SmtpListener.class).port();
    }

    @AfterAll
    static void stop() {
        if (community != null) {
            community.close();
        }
        registry.close();
        kafka.close();
    }

    @Test
    void aDsnToTheBounceDomainBecomesAHardBounceWithItsReturnPath() throws Exception {
        // Given a Postfix DSN for ann@example.com
        // When it arrives at the listener for a return path at the bounce domain
        send("postfix-user-unknown.eml", "b-7f3k2m9q@bounce.deskpost.example");

        // Then mail.feedback holds one hard bounce for ann, keyed by her address, with the return path unchanged
        MailFeedback feedback = awaitFeedback("ann@example.com");
        assertThat(feedback.getKind()).isEqualTo(FeedbackKind.HARD_BOUNCE);
        assertThat(feedback.getStatus()).isEqualTo("5.1.1");
        assertThat(feedback.getReturnPath()).isEqualTo("b-7f3k2m9q@bounce.deskpost.example");
        assertThat(feedback.getMessageId()).isEqualTo("<d3b07384-d9a0-4c9b-8f7e-1a2b3c4d5e6f@deskpost.example>");
        assertThat(feedback.getSource()).isEqualTo("dsn");
        assertThat(feedback.getReporter()).isEqualTo("postfix");
    }

    @Test
    void anArfReportBecomesAComplaint() throws Exception {
        // When Yahoo's complaint report arrives at the feedback-loop address
        send("yahoo-arf-complaint.eml", "fbl@bounce.deskpost.example");

        // Then it is a complaint about dora, carrying the original's return path
        MailFeedback feedback = awaitFeedback("dora@example.com");
        assertThat(feedback.getKind()).isEqualTo(FeedbackKind.COMPLAINT);
        assertThat(feedback.getSource()).isEqualTo("arf");
        assertThat(feedback.getReporter()).isEqualTo("yahoo");
        // (the signed one the complained-about message was sent with, not the feedback loop's fixed address)
        assertThat(feedback.getReturnPath()).isEqualTo("b-n4m5b6v7@bounce.deskpost.example");
    }

    @Test
    void aVacationReplyPublishesNothing() throws Exception {
        // Given a vacation reply from mona, then a bounce for xena sent after it
        send("autoreply-vacation-rfc3834.eml", "b-vac1a2b3@bounce.deskpost.example");
        send("gmail-dsn-address-not-found.eml", "b-g5h6j7k8@bounce.deskpost.example");

        // When the later bounce has arrived (so the vacation reply was handled before it)
        awaitFeedback("xena@example.com");

        // Then nothing was published about mona
        assertThat(feedback()).extracting(MailFeedback::getRecipient).doesNotContain("mona@example.com");
    }

    @Test
    void anUnreadableReportIsKeptWithItsReason() throws Exception {
        // When a DSN without an Action field arrives
        send("unparseable-dsn-without-action.eml", "b-un0d1f2g@bounce.deskpost.example");

        // Then it is kept on mail.inbound.dlq, under its Message-ID, with the reason
        await().atMost(WAIT).untilAsserted(() -> assertThat(records(Topics.MAIL_INBOUND.deadLetterTopic()))
                .anySatisfy(record -> {
                    assertThat(record.key()).isEqualTo("<20261205161000.NA01@mail.example.net>");
                    assertThat(DeadLetterHeaders.reason(record.headers()))
                            .contains("the group for vera@example.com has no Action");
                    // only its routing headers: a returned message (and any door code in it) is never kept
                    String kept = new String(record.value(), java.nio.charset.StandardCharsets.ISO_8859_1);
                    assertThat(kept).contains("<20261205161000.NA01@mail.example.net>",
                            "X-Deskpost-Not-Kept: subject and body").doesNotContain("Subject:");
                }));
        assertThat(feedback()).extracting(MailFeedback::getRecipient).doesNotContain("vera@example.com");
    }

    @Test
    void aReportPostedWholeToTheInboundWebhookIsReadAsAtTheListener() throws Exception {
        // Given an Exim bounce, as a provider's inbound webhook passes it on: parsed fields and the raw mail
        String raw = Files.readString(CORPUS.resolve("exim-text-failed.eml"), StandardCharsets.ISO_8859_1);
        String json = """
                {"from": "mailer-daemon@mx.example.net", "to": ["b-w3bh00k1@bounce.deskpost.example"],
                 "subject": "Mail delivery failed: returning message to sender", "text": "see raw", "raw": "%s"}
                """.formatted(jsonString(raw));

        // When it is posted with the webhook's key
        HttpResponse<String> posted = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                        "http://localhost:" + community.getEnvironment().getProperty("local.server.port")
                                + "/api/v1/inbound/messages"))
                .header("Authorization", "Bearer dev-only-inbound-webhook-key")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());

        // Then it is read as a report and its bounce published, with the return path it was posted for
        assertThat(posted.statusCode()).as(posted.body()).isEqualTo(202);
        assertThat(posted.body()).contains("\"outcome\":\"report\"", "\"report\":\"published\"");
        MailFeedback feedback = await().atMost(WAIT).until(() -> feedback().stream()
                .filter(f -> "b-w3bh00k1@bounce.deskpost.example".equals(f.getReturnPath())).findFirst()
                .orElse(null), f -> f != null);
        assertThat(feedback.getRecipient()).isEqualTo("milo@example.com");
        assertThat(feedback.getKind()).isEqualTo(FeedbackKind.HARD_BOUNCE);
        assertThat(feedback.getSource()).isEqualTo("mta-text");
        assertThat(feedback.getReporter()).isEqualTo("exim");
    }

    /** The text as the inside of a JSON string (RFC 8259 section 7). */
    private static String jsonString(String text) {
        StringBuilder json = new StringBuilder();
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                default -> json.append(c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c));
            }
        }
        return json.toString();
    }

    private static void send(String file, String envelopeTo) throws Exception {
        Properties properties = new Properties();
        properties.put("mail.smtp.host", "127.0.0.1");
        properties.put("mail.smtp.port", String.valueOf(smtpPort));
        properties.put("mail.smtp.from", "mailer-daemon@example.net");
        Session session = Session.getInstance(properties);
        MimeMessage message = new MimeMessage(session, new ByteArrayInputStream(Files.readAllBytes(CORPUS.resolve(file))));
        try (Transport transport = session.getTransport("smtp")) {
            transport.connect();
            // sendMessage, not Transport.send: the report goes as written, without saveChanges rewriting headers
            transport.sendMessage(message, new Address[] {new InternetAddress(envelopeTo)});
        }
    }

    private static MailFeedback awaitFeedback(String recipient) {
        return await().atMost(WAIT).until(() -> feedback().stream()
                .filter(f -> f.getRecipient().equals(recipient)).findFirst().orElse(null), f -> f != null);
    }

    private static List<MailFeedback> feedback() {
        List<MailFeedback> feedback = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : records(Topics.MAIL_FEEDBACK.name())) {
            MailFeedback value = serdes.deserialize(Topics.MAIL_FEEDBACK, record.value());
            assertThat(record.key()).isEqualTo(value.getRecipient());
            feedback.add(value);
        }
        return feedback;
    }

    /** Every record on the topic so far: assigned, read from the beginning up to the end offsets. */
    private static List<ConsumerRecord<String, byte[]>> records(String topic) {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                consumer.poll(Duration.ofMillis(500)).forEach(records::add);
            }
        }
        return records;
    }
}
