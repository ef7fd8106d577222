package com.deskpost.devstack;

import static com.deskpost.devstack.StackQueries.auditColumn;
import static com.deskpost.devstack.StackQueries.auditTypes;
import static com.deskpost.devstack.StackQueries.part;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.deskpost.events.ApprovalDecision;
import com.deskpost.events.DecisionAction;
import com.deskpost.events.EmailCategory;
import com.deskpost.events.EmailDraft;
import com.deskpost.events.Location;
import com.deskpost.events.MailThread;
import com.deskpost.events.OutboundEmail;
import com.deskpost.events.OversightMode;
import com.deskpost.events.Recipient;
import com.deskpost.events.RecipientRole;
import com.deskpost.events.Release;
import com.deskpost.events.Member;
import com.deskpost.events.ResourceKind;
import com.deskpost.platform.deadletter.DeadLetterHeaders;
import com.deskpost.platform.topic.Lane;
import com.deskpost.platform.topic.Topics;
import com.deskpost.schemas.proof.DecisionProof;
import com.deskpost.testsupport.Postgres;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.ClusterAuthorizationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.TransactionalIdAuthorizationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * DESIGN section 4 against real components: the broker in ACL mode (SASL SCRAM, deny by default, the
 * matrix of {@code deskpost/kafka-acls.txt}), every service as its own principal, the registry behind
 * basic auth. Mail still flows, and nobody but oversight writes released mail, nobody but the ops tools
 * writes decisions, and the console only reads. {@link #publishAs} and {@link #refusalPublishingAs}
 * publish as any principal of the matrix.
 */
class AclEndToEndIT {

    private static final Location LONDON = SampleFacility.location("LDN-A", "Deskpost ACL Shoreditch", "London",
            "GB", "Europe/London", "UK");
    private static final Duration WAIT = Duration.ofSeconds(90);
    /** Any bytes: the broker authorises a write before anyone decodes it. */
    private static final byte[] FORGED = "forged".getBytes(StandardCharsets.UTF_8);

    private static LocalStack stack;

    @BeforeAll
    static void startStack() {
        stack = LocalStack.secureInfrastructure(Postgres.shared());
        try (FacilityPublisher directory = stack.publisherAs("facility-directory")) {
            directory.publish(Topics.FACILITY_LOCATIONS, LONDON.getLocationId(), LONDON);
            directory.publish(Topics.FACILITY_MEMBERS, "M-ACL", SampleFacility.member("M-ACL", "Member M-ACL",
                    "m-acl@members.example", "en-GB", LONDON.getLocationId()));
            directory.publish(Topics.FACILITY_MEMBERS, "M-ACL-G", SampleFacility.member("M-ACL-G", "Member M-ACL-G",
                    "m-acl-g@members.example", "en-GB", LONDON.getLocationId()));
        }
        stack.startServices();
    }

    @AfterAll
    static void stopStack() {
        stack.close();
    }

    @Test
    void aBookingPublishedByTheBookingSystemBecomesAConfirmationMail() throws Exception {
        // Given a booking from the booking system's own principal
        Instant start = Instant.parse("2026-11-02T09:00:00Z");
        var booking = SampleFacility.created("B-ACL-1", "M-ACL", LONDON.getLocationId(),
                SampleFacility.room("R-ACL", "Meeting room Lovelace", ResourceKind.MEETING_ROOM),
                start, start.plus(Duration.ofHours(1)));

        // When it publishes on facility.bookings
        try (FacilityPublisher bookings = stack.publisherAs("facility-bookings")) {
            bookings.publish(Topics.FACILITY_BOOKINGS, "B-ACL-1", booking);
        }

        // Then composer, oversight and delivery, each as its own principal, send the member a confirmation
        await().atMost(WAIT).until(() -> !stack.smtp().messagesTo("m-acl@members.example").isEmpty());
        MimeMessage mail = stack.smtp().messagesTo("m-acl@members.example").get(0);
        assertThat(mail.getSubject()).contains("Meeting room Lovelace");
        assertThat(part(mail, "text/plain")).contains("B-ACL-1");
    }

    @Test
    void aFacilitySystemMayNotWriteReleasedMailOrDecisionsNorAnotherKindOfFacilityEvent() {
        for (String topic : List.of(Topics.MAIL_OUTBOUND.name(), Topics.MAIL_OUTBOUND_PRIORITY.name(),
                Topics.MAIL_DECISIONS.name(), Topics.FACILITY_ACCESS.name(), Topics.MAIL_DRAFTS.name())) {
            assertThat(refusalPublishingAs("facility-bookings", topic)).as(topic)
                    .isInstanceOf(TopicAuthorizationException.class);
        }
    }

    @Test
    void aComposerMayNotWriteReleasedMailOrDecisionsNorUseOversightsTransactionalId() throws Exception {
        for (String topic : List.of(Topics.MAIL_OUTBOUND.name(), Topics.MAIL_OUTBOUND_BULK.name(),
                Topics.MAIL_DECISIONS.name(), Topics.MAIL_APPROVALS.name())) {
            assertThat(refusalPublishingAs("booking-events", topic)).as(topic)
                    .isInstanceOf(TopicAuthorizationException.class);
        }
        // Nor may it pose as oversight's outbox relay, whose transactions carry released mail.
        Map<String, Object> config = stack.clientProperties("booking-events");
        config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "deskpost-oversight-outbox-relay");
        try (KafkaProducer<String, byte[]> producer = producer(config)) {
            assertThatThrownBy(producer::initTransactions).isInstanceOf(TransactionalIdAuthorizationException.class);
        }
    }

    @Test
    void theOpsToolsMayWriteDecisionsAndOversightDeadLettersOneItCannotRead() throws Exception {
        // Given the ops tools' principal, which may write mail.decisions
        String key = "decision-" + UUID.randomUUID();

        // When it publishes a record oversight cannot decode
        publishAs("ops-cli", Topics.MAIL_DECISIONS.name(), key, FORGED);

        // Then the broker took it, and oversight (as itself) put it on mail.decisions.dlq
        assertThat(readAs("ops-cli", Topics.MAIL_DECISIONS.deadLetterTopic(), key)).containsExactly(FORGED);
        // while released mail stays out of the ops tools' reach
        assertThat(refusalPublishingAs("ops-cli", Topics.MAIL_OUTBOUND.name()))
                .isInstanceOf(TopicAuthorizationException.class);
    }

    @Test
    void theConsoleReadsButNeverWrites() throws Exception {
        // Given a record the console may read
        String key = "console-" + UUID.randomUUID();
        publishAs("facility-community", Topics.FACILITY_COMMUNITY.name(), key, FORGED);

        // Then it reads it
        assertThat(readAs("console", Topics.FACILITY_COMMUNITY.name(), key)).containsExactly(FORGED);
        // but has no Write anywhere: an idempotent producer is refused its producer id,
        assertThat(refusalPublishingAs("console", Topics.FACILITY_COMMUNITY.name()))
                .isInstanceOf(ClusterAuthorizationException.class);
        // and a plain one the topic
        Map<String, Object> plain = stack.clientProperties("console");
        plain.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false);
        try (KafkaProducer<String, byte[]> producer = producer(plain)) {
            assertThatThrownBy(() -> producer.send(new ProducerRecord<>(Topics.MAIL_DECISIONS.name(), key, FORGED)).get())
                    .isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(TopicAuthorizationException.class);
        }
    }

    @Test
    void aDecisionWithoutAValidProofIsRefusedThoughItsPublisherMayWriteDecisions() throws Exception {
        // Given an after-hours override notice from the access composer, held by its event type's floor
        EmailDraft draft = overrideNotice("M-ACL-G", "m-acl-g@members.example");
        try (FacilityPublisher composer = stack.publisherAs("access-events")) {
            composer.publish(Lane.of(draft).drafts(), draft.getSupersedeKey(), draft);
        }
        await().atMost(WAIT).until(() -> auditTypes(stack, draft.getDraftId()).contains("HELD"));

        // When the ops tools' principal, which may write mail.decisions, publishes approvals naming the
        // location's real approver: one without a proof, one made with a guessed key, one proven for another draft
        ApprovalDecision claim = approval(draft.getDraftId(), "ops");
        ApprovalDecision guessed = DecisionProof.sign(approval(draft.getDraftId(), "ops"),
                "ops-cli", "a-guessed-secret-a-guessed-secret-0123");
        ApprovalDecision elsewhere = stack.signedDecision(approval("another-draft", "ops"));
        try (FacilityPublisher opsTool = stack.publisherAs("ops-cli")) {
            opsTool.publish(Topics.MAIL_DECISIONS, draft.getDraftId(), claim);
            opsTool.publish(Topics.MAIL_DECISIONS, draft.getDraftId(), guessed);
            opsTool.publish(Topics.MAIL_DECISIONS, draft.getDraftId(),
                    ApprovalDecision.newBuilder(elsewhere).setDraftId(draft.getDraftId()).build());
        }

        // Then each is refused and audited DECISION_REFUSED with the reason, and the draft stays held, unsent
        await().atMost(WAIT).until(() -> auditColumn(stack, "detail", draft.getDraftId(), "DECISION_REFUSED").size() == 3);
        assertThat(auditColumn(stack, "detail", draft.getDraftId(), "DECISION_REFUSED"))
                .allMatch(detail -> detail.contains("INVALID_PROOF"));
        assertThat(auditTypes(stack, draft.getDraftId())).doesNotContain("APPROVED", "RELEASED", "SENT");
        assertThat(stack.smtp().messagesTo("m-acl-g@members.example"))
                .noneMatch(mail -> subjectOf(mail).equals(draft.getSubject()));

        // And the same approval with the ops tool's real key releases it: the draft was held, not broken
        try (FacilityPublisher opsTool = stack.publisherAs("ops-cli")) {
            opsTool.publish(Topics.MAIL_DECISIONS, draft.getDraftId(), stack.signedDecision(approval(draft.getDraftId(), "ops")));
        }
        await().atMost(WAIT).until(() -> stack.smtp().messagesTo("m-acl-g@members.example").stream()
                .anyMatch(mail -> subjectOf(mail).equals(draft.getSubject())));
    }

    @Test
    void releasedMailChangedAfterItsAttestationIsRefusedByDeliveryAndNeverSent() throws Exception {
        // Given mail released and attested by oversight, then changed by someone holding oversight's own login
        // (the only principal that may write mail.outbound.*)
        Release release = Release.newBuilder().setMode(OversightMode.MONITORED).setRule("mailbox default monitored")
                .setReleasedBy("policy").setReleasedAt(Instant.now()).build();
        OutboundEmail attested = stack.releaseAttestation().release(
                notice("m-acl@members.example", "M-ACL", "Your door code is ready"), release);
        OutboundEmail changed = OutboundEmail.newBuilder(attested).setDraft(EmailDraft.newBuilder(attested.getDraft())
                .setBodyText("Please confirm your card at http://evil.example/").build()).build();
        OutboundEmail honest = stack.releaseAttestation().release(
                notice("m-acl-g@members.example", "M-ACL-G", "Community breakfast on Friday"), release);

        // When both reach mail.outbound, the changed one first
        try (FacilityPublisher oversight = stack.publisherAs("oversight-service")) {
            oversight.publish(Topics.MAIL_OUTBOUND, changed.getDraft().getSupersedeKey(), changed);
            oversight.publish(Topics.MAIL_OUTBOUND, honest.getDraft().getSupersedeKey(), honest);
        }

        // Then the honest one is delivered, the changed one is dead-lettered with the reason and audited
        await().atMost(WAIT).until(() -> stack.smtp().messagesTo("m-acl-g@members.example").stream()
                .anyMatch(mail -> subjectOf(mail).equals("Community breakfast on Friday")));
        String changedId = changed.getDraft().getDraftId();
        await().atMost(WAIT).until(() -> auditColumn(stack, "detail", changedId, "DEAD_LETTERED").stream()
                .anyMatch(detail -> detail.contains("Release attestation does not match")));
        var deadLetters = readRecordsAs("ops-cli", Topics.MAIL_OUTBOUND.deadLetterTopic(),
                changed.getDraft().getSupersedeKey());
        assertThat(DeadLetterHeaders.reason(deadLetters.get(0).headers())).contains("attestation");
        // and nothing of it reached the SMTP server
        assertThat(stack.smtp().messagesTo("m-acl@members.example"))
                .noneMatch(mail -> subjectOf(mail).equals("Your door code is ready"));
        assertThat(auditTypes(stack, changedId)).doesNotContain("SENT");
    }

    private static ApprovalDecision approval(String draftId, String who) {
        return ApprovalDecision.newBuilder().setDecisionId(UUID.randomUUID().toString()).setDraftId(draftId)
                .setAction(DecisionAction.APPROVE).setDecidedBy(who).setDecidedAt(Instant.now()).build();
    }

    /** A notice whose event type (after_hours_override) oversight's floor holds for an approver. */
    private static EmailDraft overrideNotice(String memberId, String to) {
        return EmailDraft.newBuilder(notice(to, memberId, "After-hours access granted for tonight"))
                .setEventType("after_hours_override").setTemplate("after-hours-override")
                .setCategory(EmailCategory.SECURITY).setAboutMemberId(memberId).setRequestedBy("access-composer")
                .build();
    }

    private static EmailDraft notice(String to, String memberId, String subject) {
        String id = UUID.randomUUID().toString();
        return EmailDraft.newBuilder()
                .setDraftId(id)
                .setHeader(SampleFacility.header(LONDON.getLocationId(), 1, Instant.now()))
                .setEventType("community_notice")
                .setTemplate("community-notice")
                .setCategory(EmailCategory.TRANSACTIONAL)
                .setRecipient(Recipient.newBuilder().setEmail(to).setName(memberId).setMemberId(memberId)
                        .setRole(RecipientRole.MEMBER).build())
                .setLocationId(LONDON.getLocationId())
                .setSubject(subject)
                .setBodyText(subject + ".")
                .setBodyHtml("<p>" + subject + ".</p>")
                .setSupersedeKey("acl-notice:" + id)
                .setEntityVersion(1)
                .setRequestedBy("acl-test")
                .setThread(MailThread.newBuilder().setThreadKey("acl-notice:" + id).build())
                .setCreatedAt(Instant.now())
                .build();
    }

    private static String subjectOf(MimeMessage mail) {
        try {
            return mail.getSubject();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Publishes raw bytes as {@code principal} and waits for the broker's acknowledgement. */
    static void publishAs(String principal, String topic, String key, byte[] value) throws Exception {
        try (KafkaProducer<String, byte[]> producer = producer(stack.clientProperties(principal))) {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        }
    }

    /** What the broker answers {@code principal} writing to {@code topic}: the cause of the failed send. */
    static Throwable refusalPublishingAs(String principal, String topic) {
        try {
            publishAs(principal, topic, "refused-" + UUID.randomUUID(), FORGED);
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (KafkaException e) {
            // An idempotent producer whose producer-id request was refused before the send reports, at the send,
            // an error state wrapping that refusal: which of the two comes first is a race, the refusal is the same.
            return e.getMessage().contains("error state") && e.getCause() != null ? e.getCause() : e;
        } catch (Exception e) {
            return e;
        }
        throw new AssertionError(principal + " could write " + topic);
    }

    /** The values under {@code key} on {@code topic}, read as {@code principal} without a consumer group. */
    static List<byte[]> readAs(String principal, String topic, String key) {
        return readRecordsAs(principal, topic, key).stream().map(ConsumerRecord::value).toList();
    }

    /** The records under {@code key} on {@code topic} (at least one), read as {@code principal} without a group. */
    static List<ConsumerRecord<String, byte[]>> readRecordsAs(String principal, String topic, String key) {
        Map<String, Object> config = stack.clientProperties(principal);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.assign(consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList());
            consumer.seekToBeginning(consumer.assignment());
            await().atMost(WAIT).until(() -> {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (key.equals(record.key())) {
                        records.add(record);
                    }
                }
                return !records.isEmpty();
            });
        }
        return records;
    }

    private static KafkaProducer<String, byte[]> producer(Map<String, Object> config) {
        Map<String, Object> settings = new HashMap<>(config);
        settings.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, 15_000);
        return new KafkaProducer<>(settings, new StringSerializer(), new ByteArraySerializer());
    }
}
