package com.deskpost.delivery.outbound;

import static com.deskpost.testfixtures.DraftBuilder.aDraft;
import static com.deskpost.testfixtures.LocationBuilder.aLocation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.deskpost.delivery.DeliveryTestStack;
import com.deskpost.delivery.TestHttp;
import com.deskpost.delivery.archive.ArchivedMessage;
import com.deskpost.delivery.subject.SubjectDataSource;
import com.deskpost.events.AuditEvent;
import com.deskpost.testsupport.SmtpServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import tools.jackson.databind.JsonNode;
import com.deskpost.delivery.state.LiveState;
import com.deskpost.events.EmailCategory;
import com.deskpost.events.EmailDraft;
import com.deskpost.events.EntityStatus;
import com.deskpost.events.EntityVersion;
import com.deskpost.events.EventHeader;
import com.deskpost.platform.observability.MailMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;
import com.deskpost.events.Location;
import com.deskpost.events.OutboundEmail;
import com.deskpost.events.OversightMode;
import com.deskpost.events.Release;
import com.deskpost.platform.credential.CredentialPlaceholders;
import com.deskpost.platform.topic.Topics;
import com.deskpost.testfixtures.LocationBuilder;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The delivery service against a real broker, PostgreSQL and SMTP server: consent by
 * jurisdiction, exactly-once sending across replays and an SMTP outage, freshness at send time (from
 * committed versions only), header-injection refusal, and the sent-mail archive (byte for byte what the relay got).
 */
class DeliveryServiceIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Location BERLIN = Location.newBuilder(aLocation().build())
            .setLocationId("BER-1").setJurisdiction("EU").setTimeZone("Europe/Berlin").build();
    private static final Location NEW_YORK = Location.newBuilder(aLocation().build())
            .setLocationId("NYC-1").setJurisdiction("US").setTimeZone("America/New_York").build();

    private static DeliveryTestStack stack;

    @BeforeAll
    static void start() {
        stack = DeliveryTestStack.infrastructure();
        stack.topics().publish(Topics.FACILITY_LOCATIONS, BERLIN.getLocationId(), BERLIN);
        stack.topics().publish(Topics.FACILITY_LOCATIONS, NEW_YORK.getLocationId(), NEW_YORK);
        // Short retry delays so an outage of seconds exercises the same path an outage of minutes would.
        stack.startService("--deskpost.delivery.retry.initial-delay-ms=200",
                "--deskpost.delivery.retry.max-delay-ms=1000", "--deskpost.delivery.retry.horizon=5m");
    }

    @AfterAll
    static void stop() {
        stack.stop();
    }

    @Test
    void commercialMailNeedsOptInInTheEuButNotInTheUs() throws Exception {
        // Given the same promotion for a Berlin member who never opted in and a New York member
        EmailDraft eu = commercial("eu-promo@example.com", "BER-1");
        EmailDraft us = commercial("us-promo@example.com", "NYC-1");

        // When both are released
        release(eu, null);
        release(us, null);

        // Then the New York member gets it, with one-click unsubscribe and the postal address
        MimeMessage mail = awaitOnlyMessageTo("us-promo@example.com");
        assertThat(mail.getHeader("List-Unsubscribe", null)).contains("<mailto:unsubscribe@", "/unsubscribe/");
        assertThat(mail.getHeader("List-Unsubscribe-Post", null)).isEqualTo("List-Unsubscribe=One-Click");
        assertThat(mail.getHeader("Auto-Submitted")).isNull();
        // And the Berlin member's copy is suppressed by the GDPR rule, audited with it
        await().atMost(WAIT).until(() -> auditTypes(eu.getDraftId()).contains("SUPPRESSED"));
        assertThat(detail(eu.getDraftId(), "SUPPRESSED")).contains("opt-in").contains("EU");
        assertThat(stack.smtp().messagesTo("eu-promo@example.com")).isEmpty();
    }

    @Test
    void theSameDraftReleasedTwiceIsSentOnceAndTheSecondIsAuditedAsDuplicate() throws Exception {
        EmailDraft draft = transactional("twice@example.com", "booking:T-1", 1);

        release(draft, null);
        MimeMessage mail = awaitOnlyMessageTo("twice@example.com");
        // the header rules of transactional mail, as the SMTP server received them
        assertThat(mail.getHeader("From", null)).contains(LocationBuilder.SENDER).contains(LocationBuilder.SENDER_NAME);
        assertThat(mail.getHeader("Reply-To", null)).isEqualTo(LocationBuilder.REPLY_TO);
        assertThat(mail.getHeader("Auto-Submitted", null)).isEqualTo("auto-generated");
        assertThat(mail.getMessageID()).isEqualTo("<" + draft.getDraftId() + "@shoreditch.deskpost.example>");
        assertThat(mail.getHeader("List-Unsubscribe")).isNull();
        release(draft, null);

        await().atMost(WAIT).until(() -> auditTypes(draft.getDraftId()).contains("SKIPPED_DUPLICATE"));
        assertThat(stack.smtp().messagesTo("twice@example.com")).hasSize(1);
        assertThat(auditTypes(draft.getDraftId())).filteredOn("SENT"::equals).hasSize(1);
    }

    @Test
    void aReplayOfSentMailIsSkippedWithOneLedgerLookUpPerPollAndEverySkipAudited() {
        // Given 40 mails with their staff copies sent
        List<EmailDraft> sent = drafts("replayed", 40);
        List<OutboundEmail> records = sent.stream().map(draft -> DeliveryTestStack.ATTESTATION.release(draft,
                Release.newBuilder().setMode(OversightMode.MONITORED).setRule("test").setReleasedBy("policy")
                        .setReleasedAt(Instant.now()).setCopyTo("staff-replayed@example.com").build())).toList();
        records.forEach(record -> stack.topics().publish(Topics.MAIL_OUTBOUND, record.getDraft().getSupersedeKey(),
                record));
        await().atMost(WAIT).until(() -> stack.smtp().messagesTo("staff-replayed@example.com").size() == 40
                && sent.stream().allMatch(d -> sent(d.getRecipient().getEmail()) == 1));
        MeterRegistry meters = stack.service().getBean(MeterRegistry.class);
        double perRecordBefore = ledgerLookups(meters, "record");
        double perPollBefore = ledgerLookups(meters, "poll");
        int messagesBefore = stack.smtp().messages().size();

        // When the same 40 records are read again, produced together as a replay of the topic brings them
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(), ProducerConfig.LINGER_MS_CONFIG, 200),
                new StringSerializer(), new ByteArraySerializer())) {
            records.forEach(record -> producer.send(new ProducerRecord<>(Topics.MAIL_OUTBOUND.name(), 0,
                    record.getDraft().getSupersedeKey(), stack.topics().serialize(Topics.MAIL_OUTBOUND, record))));
        }

        // Then nothing is sent again, each recipient's skip is audited (the member's and the staff copy's), and the
        // ledger was asked once per poll, never per record
        await().atMost(WAIT).untilAsserted(() -> {
            for (EmailDraft draft : sent) {
                assertThat(auditTypes(draft.getDraftId())).filteredOn("SKIPPED_DUPLICATE"::equals).hasSize(2);
            }
        });
        assertThat(stack.smtp().messages()).hasSize(messagesBefore);
        assertThat(ledgerLookups(meters, "record")).isEqualTo(perRecordBefore);
        assertThat(ledgerLookups(meters, "poll") - perPollBefore).isBetween(1.0, 39.0);
    }

    @Test
    void eachSentMailIsTimedFromItsFacilityEventWithHeldMailApartFromAutomaticMail() {
        // Given a booking mail released by policy and one an approver released in gated_send, both from events
        // that happened a minute ago
        Instant occurred = Instant.now().minusSeconds(60);
        EmailDraft automatic = occurredAt(transactional("timed-auto@example.com", "booking:TIMED-1", 1), occurred);
        EmailDraft approved = occurredAt(transactional("timed-held@example.com", "booking:TIMED-2", 1), occurred);
        MeterRegistry meters = stack.service().getBean(MeterRegistry.class);
        long automaticBefore = eventToSendCount(meters, "false");
        long heldBefore = eventToSendCount(meters, "true");

        // When both are released and sent
        release(automatic, null);
        Release byApprover = Release.newBuilder().setMode(OversightMode.GATED_SEND).setRule("test; approved by M-LEAD")
                .setReleasedBy("M-LEAD").setReleasedAt(Instant.now()).build();
        stack.topics().publish(Topics.MAIL_OUTBOUND, approved.getSupersedeKey(),
                DeliveryTestStack.ATTESTATION.release(approved, byApprover));
        awaitOnlyMessageTo("timed-auto@example.com");
        awaitOnlyMessageTo("timed-held@example.com");

        // Then each is timed once in its own series (category and lane of the draft, held or not), at least the
        // minute since its event, with the histogram's buckets published up to the hold expiry
        await().atMost(WAIT).until(() -> eventToSendCount(meters, "false") > automaticBefore
                && eventToSendCount(meters, "true") > heldBefore);
        Timer held = eventToSend(meters, "true");
        assertThat(held.max(TimeUnit.SECONDS)).isGreaterThanOrEqualTo(60);
        assertThat(held.takeSnapshot().histogramCounts()).extracting(bucket -> bucket.bucket(TimeUnit.SECONDS))
                .contains(1.0, 60.0, 300.0, 3600.0, 86_400.0);
        assertThat(held.takeSnapshot().histogramCounts()).filteredOn(bucket -> bucket.bucket(TimeUnit.SECONDS) < 60)
                .allSatisfy(bucket -> assertThat(bucket.count()).isZero());
    }

    @Test
    void anSmtpOutageMidStreamLosesNothingAndDuplicatesNothing() {
        // Given mail flowing, with staff copies
        List<EmailDraft> before = drafts("outage-a", 5);
        List<EmailDraft> during = drafts("outage-b", 10);
        before.forEach(draft -> release(draft, "staff-outage@example.com"));
        // Every send of the first batch finished (ledger written, audited): the outage starts between messages.
        // An outage that cuts a connection after the server stored a message but before its 250 reached us is
        // the documented duplicate window (README), not what this test is about.
        await().atMost(WAIT).until(() -> before.stream()
                .allMatch(d -> auditTypes(d.getDraftId()).containsAll(List.of("SENT", "COPY_SENT"))));

        // When the SMTP server goes down while more mail is released, and comes back after retries began
        stack.smtp().stop();
        during.forEach(draft -> release(draft, "staff-outage@example.com"));
        await().atMost(WAIT).until(() -> recordsInRetryTopics() > 0);
        stack.smtp().restart();

        // Then every mail and every staff copy arrives exactly once
        await().atMost(WAIT).until(() -> during.stream().allMatch(d -> sent(d.getRecipient().getEmail()) == 1)
                && stack.smtp().messagesTo("staff-outage@example.com").size() == 15);
        Map<String, Long> byMessageId = stack.smtp().messages().stream()
                .collect(Collectors.groupingBy(DeliveryServiceIT::messageId, Collectors.counting()));
        assertThat(byMessageId.values()).allMatch(count -> count == 1);
        // and each is audited (the audit store appends from mail.audit, a moment after the send)
        await().atMost(WAIT).untilAsserted(() -> {
            for (EmailDraft draft : during) {
                assertThat(auditTypes(draft.getDraftId())).contains("SENT", "COPY_SENT");
            }
        });
    }

    @Test
    void aSentMailAndItsCopyAreArchivedByteForByteNamedOnTheirAuditRowsServedByTheApiAndErasedToTheirHash()
            throws Exception {
        // Given a booking confirmation released with a staff copy, both accepted by the relay
        EmailDraft draft = transactional("archived@example.com", "booking:ARCH-1", 1);
        release(draft, "staff-archive@example.com");
        MimeMessage received = awaitOnlyMessageTo("archived@example.com");
        MimeMessage receivedCopy = awaitOnlyMessageTo("staff-archive@example.com");
        await().atMost(WAIT).until(() -> auditTypes(draft.getDraftId()).containsAll(List.of("SENT", "COPY_SENT")));

        // Then each audit row names its archived message by the SHA-256 of exactly what the relay received
        String sent = archiveHash(draft.getDraftId(), "SENT");
        String copy = archiveHash(draft.getDraftId(), "COPY_SENT");
        assertThat(sent).isEqualTo(ArchivedMessage.sha256(SmtpServer.asSent(received)));
        assertThat(copy).isEqualTo(ArchivedMessage.sha256(SmtpServer.asSent(receivedCopy))).isNotEqualTo(sent);
        // And the archive API lists it for the member and serves those very bytes, and its text
        TestHttp http = new TestHttp(stack);
        JsonNode listed = TestHttp.json(http.get("/api/v1/archive?recipient=ARCHIVED@example.com"));
        assertThat(listed.get("items")).hasSize(1);
        JsonNode entry = listed.get("items").get(0);
        assertThat(entry.get("sha256").asString()).isEqualTo(sent);
        assertThat(entry.get("kind").asString()).isEqualTo("SENT");
        assertThat(entry.get("category").asString()).isEqualTo("TRANSACTIONAL");
        assertThat(entry.get("draftId").asString()).isEqualTo(draft.getDraftId());
        assertThat(entry.get("contentHeld").asBoolean()).isTrue();
        assertThat(Instant.parse(entry.get("retainedUntil").asString()))
                .isEqualTo(Instant.parse(entry.get("sentAt").asString()).plus(Duration.ofDays(2192)));
        HttpResponse<byte[]> message = raw("/api/v1/archive/" + sent);
        assertThat(message.statusCode()).isEqualTo(200);
        assertThat(message.headers().firstValue("Content-Type")).hasValue("message/rfc822");
        assertThat(ArchivedMessage.sha256(message.body())).isEqualTo(sent);
        assertThat(message.body()).isEqualTo(SmtpServer.asSent(received));
        assertThat(TestHttp.json(http.get("/api/v1/archive/" + sent + "/text")).get("text").asString())
                .contains(draft.getBodyText());

        // And the subject-access section sentMail holds the message with its text
        SubjectDataSource sentMail = stack.service().getBeansOfType(SubjectDataSource.class).values().stream()
                .filter(source -> source.section().equals("sentMail")).findFirst().orElseThrow();
        assertThat(sentMail.collect("archived@example.com", "erased:none").toString()).contains(sent,
                draft.getBodyText());

        // When the member is erased
        assertThat(http.postJson("/api/v1/contacts/archived@example.com/erasure", "").statusCode()).isEqualTo(200);

        // Then the content of their mail and of its staff copy is gone, the hashes stay and say so
        for (String hash : List.of(sent, copy)) {
            HttpResponse<byte[]> gone = raw("/api/v1/archive/" + hash);
            assertThat(gone.statusCode()).isEqualTo(410);
            assertThat(new String(gone.body(), java.nio.charset.StandardCharsets.UTF_8)).contains("\"error\":\"gone\"")
                    .contains("erased");
        }
        assertThat(TestHttp.json(http.get("/api/v1/archive?recipient=archived@example.com")).get("items")).isEmpty();
        assertThat(stack.jdbc().queryForList("select count(*) from sent_archive where sha256 in (?, ?)"
                + " and content is null and subject is null", Long.class, sent, copy)).containsExactly(2L);
        // And an unknown hash is 404, a malformed one 400, both JSON
        assertThat(raw("/api/v1/archive/" + "0".repeat(64)).statusCode()).isEqualTo(404);
        assertThat(http.get("/api/v1/archive/not-a-hash").statusCode()).isEqualTo(400);
    }

    private static String archiveHash(String draftId, String type) {
        return stack.audited(draftId).stream().filter(event -> event.getType().name().equals(type))
                .map(AuditEvent::getAttributes).map(attributes -> attributes.get("archive_sha256"))
                .findFirst().orElseThrow();
    }

    private static HttpResponse<byte[]> raw(String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(stack.url(path)))
                .header("Authorization", "Bearer " + DeliveryTestStack.API_KEY).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void aDraftOlderThanItsEntitysLatestVersionIsSupersededNotSent() {
        // Given the booking moved on to version 2 (cancelled) before its version-1 confirmation went out
        EmailDraft stale = transactional("stale@example.com", "booking:S-1", 1);
        stack.topics().publish(Topics.MAIL_ENTITY_VERSIONS, "booking:S-1", EntityVersion.newBuilder()
                .setSupersedeKey("booking:S-1").setVersion(2).setStatus(EntityStatus.CANCELLED)
                .setSourceEventId("e-cancel").setOccurredAt(Instant.now()).build());
        LiveState state = stack.service().getBean(LiveState.class);
        await().atMost(WAIT).until(() -> state.supersedingVersion(stale).isPresent());

        // When the stale confirmation is released
        release(stale, "staff-stale@example.com");

        // Then nobody receives it, and the audit says why
        await().atMost(WAIT).until(() -> auditTypes(stale.getDraftId()).contains("SUPERSEDED"));
        assertThat(detail(stale.getDraftId(), "SUPERSEDED")).contains("version 2", "CANCELLED");
        assertThat(stack.smtp().messagesTo("stale@example.com")).isEmpty();
        assertThat(stack.smtp().messagesTo("staff-stale@example.com")).isEmpty();
    }

    @Test
    void aVersionWrittenInAnAbortedTransactionSupersedesNothing() {
        // Given a composer's transaction that wrote version 2 of a booking and was aborted, then, on the same
        // partition, a committed version of another booking
        EmailDraft current = transactional("aborted-version@example.com", "booking:A-1", 1);
        EmailDraft other = transactional("committed-version@example.com", "booking:A-2", 1);
        try (KafkaProducer<String, byte[]> composer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(),
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, "it-composer-" + UUID.randomUUID()),
                new StringSerializer(), new ByteArraySerializer())) {
            composer.initTransactions();
            composer.beginTransaction();
            composer.send(version(current.getSupersedeKey(), 2));
            composer.flush();
            composer.abortTransaction();
            composer.beginTransaction();
            composer.send(version(other.getSupersedeKey(), 2));
            composer.commitTransaction();
        }
        // (delivery's table has read past the aborted write once it holds the committed one after it)
        LiveState state = stack.service().getBean(LiveState.class);
        await().atMost(WAIT).until(() -> state.supersedingVersion(other).isPresent());

        // When the version-1 mail is released
        assertThat(state.supersedingVersion(current)).isEmpty();
        release(current, null);

        // Then it is sent: the aborted version never reached delivery's table
        awaitOnlyMessageTo("aborted-version@example.com");
        assertThat(auditTypes(current.getDraftId())).doesNotContain("SUPERSEDED");
    }

    /** A version of an entity on mail.entity-versions, on partition 0 (one partition, so read in this order). */
    private static ProducerRecord<String, byte[]> version(String supersedeKey, long version) {
        return new ProducerRecord<>(Topics.MAIL_ENTITY_VERSIONS.name(), 0, supersedeKey,
                stack.topics().serialize(Topics.MAIL_ENTITY_VERSIONS, EntityVersion.newBuilder()
                        .setSupersedeKey(supersedeKey).setVersion(version).setStatus(EntityStatus.CANCELLED)
                        .setSourceEventId("e-" + supersedeKey).setOccurredAt(Instant.now()).build()));
    }

    @Test
    void aSubjectCarryingCrLfIsRefusedAuditedAndDeadLettered() {
        EmailDraft hostile = EmailDraft.newBuilder(transactional("inject@example.com", "booking:H-1", 1))
                .setSubject("Hello\r\nBcc: everyone@example.com").build();

        release(hostile, null);

        await().atMost(WAIT).until(() -> auditTypes(hostile.getDraftId()).contains("DEAD_LETTERED"));
        assertThat(detail(hostile.getDraftId(), "DEAD_LETTERED")).contains("CR or LF");
        assertThat(stack.smtp().messagesTo("inject@example.com")).isEmpty();
        assertThat(stack.smtp().messagesTo("everyone@example.com")).isEmpty();
    }

    @Test
    void accessMailToAnyoneButTheCredentialsHolderIsRefusedAndDeadLettered() {
        // Given a door-code mail that carries M-ADA's credential, sealed, but is addressed to someone else
        String sealed = DeliveryTestStack.SEALER.seal("4711", "NYC-1", "M-ADA");
        EmailDraft misaddressed = EmailDraft.newBuilder(transactional("not-ada@example.com", "door:D-1", 1))
                .setEventType("door_code_changed").setCategory(EmailCategory.SECURITY).setAboutMemberId("M-ADA")
                .setSecrets(List.of(sealed)).setBodyText("Your new code is " + CredentialPlaceholders.of(1) + ".")
                .build();

        release(misaddressed, null);

        await().atMost(WAIT).until(() -> auditTypes(misaddressed.getDraftId()).contains("DEAD_LETTERED"));
        // Refused by the policy before anything is opened
        assertThat(detail(misaddressed.getDraftId(), "DEAD_LETTERED")).contains("access scoping policy")
                .doesNotContain("4711");
        assertThat(auditTypes(misaddressed.getDraftId())).doesNotContain("FAILED");
        assertThat(stack.smtp().messagesTo("not-ada@example.com")).isEmpty();
    }

    private static EmailDraft commercial(String to, String locationId) {
        return EmailDraft.newBuilder(aDraft().id(UUID.randomUUID().toString()).at(locationId)
                .category(EmailCategory.COMMERCIAL).to(to, "Member").subject("Members' evening").build())
                .setSupersedeKey("announcement:" + UUID.randomUUID()).setEventType("announcement_requested").build();
    }

    private static EmailDraft transactional(String to, String supersedeKey, long version) {
        return EmailDraft.newBuilder(aDraft().id(UUID.randomUUID().toString()).at("NYC-1")
                .category(EmailCategory.TRANSACTIONAL).to(to, "Member").subject("Booking confirmed").build())
                .setSupersedeKey(supersedeKey).setEntityVersion(version).build();
    }

    private static EmailDraft occurredAt(EmailDraft draft, Instant occurred) {
        return EmailDraft.newBuilder(draft)
                .setHeader(EventHeader.newBuilder(draft.getHeader()).setOccurredAt(occurred).build()).build();
    }

    private static Timer eventToSend(MeterRegistry meters, String held) {
        return meters.get(MailMetrics.EVENT_TO_SEND).tags("category", "transactional", "lane", "standard", "held", held)
                .timer();
    }

    private static double ledgerLookups(MeterRegistry meters, String scope) {
        var counter = meters.find(MailMetrics.LEDGER_LOOKUPS).tag(MailMetrics.SCOPE, scope).counter();
        return counter == null ? 0 : counter.count();
    }

    private static long eventToSendCount(MeterRegistry meters, String held) {
        Timer timer = meters.find(MailMetrics.EVENT_TO_SEND)
                .tags("category", "transactional", "lane", "standard", "held", held).timer();
        return timer == null ? 0 : timer.count();
    }

    private static List<EmailDraft> drafts(String prefix, int count) {
        return IntStream.range(0, count)
                .mapToObj(i -> transactional(prefix + "-" + i + "@example.com", "booking:" + prefix + "-" + i, 1))
                .toList();
    }

    private static void release(EmailDraft draft, String copyTo) {
        Release release = Release.newBuilder().setMode(copyTo == null ? OversightMode.AUTONOMOUS : OversightMode.MONITORED)
                .setRule("test").setReleasedBy("policy").setReleasedAt(Instant.now()).setCopyTo(copyTo).build();
        stack.topics().publish(Topics.MAIL_OUTBOUND, draft.getSupersedeKey(),
                DeliveryTestStack.ATTESTATION.release(draft, release));
    }

    private static MimeMessage awaitOnlyMessageTo(String address) {
        await().atMost(WAIT).until(() -> sent(address) == 1);
        return stack.smtp().messagesTo(address).get(0);
    }

    private static int sent(String address) {
        return stack.smtp().messagesTo(address).size();
    }

    private static String messageId(MimeMessage message) {
        try {
            return message.getMessageID() + " to " + String.join(",", message.getHeader("To"));
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** How many records wait in mail.outbound's delay topics: proof that retries are under way. */
    private static long recordsInRetryTopics() {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.listTopics().entrySet().stream()
                    .filter(topic -> topic.getKey().startsWith(Topics.MAIL_OUTBOUND.name() + ".retry"))
                    .flatMap(topic -> topic.getValue().stream())
                    .map(info -> new TopicPartition(info.topic(), info.partition()))
                    .toList();
            return consumer.endOffsets(partitions).values().stream().mapToLong(Long::longValue).sum();
        }
    }

    private static List<String> auditTypes(String draftId) {
        return stack.audited(draftId).stream().map(event -> event.getType().name()).toList();
    }

    private static String detail(String draftId, String type) {
        return stack.audited(draftId).stream().filter(event -> event.getType().name().equals(type))
                .map(event -> event.getDetail()).findFirst().orElseThrow();
    }
}
