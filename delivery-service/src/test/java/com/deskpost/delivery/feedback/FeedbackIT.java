package com.deskpost.delivery.feedback;

import static com.deskpost.testfixtures.DraftBuilder.aDraft;
import static com.deskpost.testfixtures.LocationBuilder.aLocation;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.deskpost.delivery.DeliveryTestStack;
import com.deskpost.delivery.TestHttp;
import com.deskpost.events.AuditEvent;
import com.deskpost.events.EmailCategory;
import com.deskpost.events.EmailDraft;
import com.deskpost.events.EventHeader;
import com.deskpost.events.FeedbackKind;
import com.deskpost.events.Location;
import com.deskpost.events.MailFeedback;
import com.deskpost.events.Member;
import com.deskpost.events.OversightMode;
import com.deskpost.events.Recipient;
import com.deskpost.events.RecipientRole;
import com.deskpost.events.Release;
import com.deskpost.platform.deadletter.DeadLetterHeaders;
import com.deskpost.platform.topic.Lane;
import com.deskpost.platform.topic.Topics;
import com.deskpost.testfixtures.LocationBuilder;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
import org.springframework.kafka.support.KafkaHeaders;

/**
 * Issue 20, delivery's side, on real components (broker, registry, PostgreSQL, GreenMail): every mail leaves with
 * its signed return path as MAIL FROM; a bounce or complaint that comes back to it (as community-events and
 * ingest-service publish them on mail.feedback) suppresses as the rules say, once however often it is replayed; a
 * forged return path changes nothing and is dead-lettered with its reason; a bounced critical mail alerts staff once.
 */
class FeedbackIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String NYC = "NYC-1";
    private static final Location NEW_YORK = Location.newBuilder(aLocation().build())
            .setLocationId(NYC).setJurisdiction("US").setTimeZone("America/New_York").build();

    private static DeliveryTestStack stack;
    private static TestHttp http;
    private static final List<FeedbackApplied> applied = new java.util.concurrent.CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() {
        stack = DeliveryTestStack.infrastructure();
        stack.topics().publish(Topics.FACILITY_LOCATIONS, NYC, NEW_YORK);
        publishMember("M-SEC");
        stack.startService();
        // What the sender guardrails hear
        stack.service().addApplicationListener(event -> {
            if (event instanceof org.springframework.context.PayloadApplicationEvent<?> payload
                    && payload.getPayload() instanceof FeedbackApplied feedback) {
                applied.add(feedback);
            }
        });
        http = new TestHttp(stack);
    }

    @AfterAll
    static void stop() {
        stack.stop();
    }

    @Test
    void aSentMailsEnvelopeSenderIsItsSignedReturnPathOnTheBounceDomain() {
        // When a mail is sent
        EmailDraft draft = sent(mail(EmailCategory.TRANSACTIONAL, "ada.rp@example.com"));

        // Then the SMTP server got MAIL FROM the signed return path (it writes Return-Path from MAIL FROM)
        String returnPath = returnPathOf("ada.rp@example.com");
        assertThat(returnPath).isEqualTo(DeliveryTestStack.RETURN_PATHS.of(draft.getDraftId(), "ada.rp@example.com"))
                .endsWith("@" + DeliveryTestStack.BOUNCE_DOMAIN);
        // while the From the member sees is still the location's sender
        assertThat(header(stack.smtp().messagesTo("ada.rp@example.com").get(0), "From")).contains(LocationBuilder.SENDER);
    }

    @Test
    void aHardBounceAtTheReturnPathSuppressesTheNextMailAndAReplayChangesNothingMore() {
        // Given a mail sent to an address
        String address = "gone@example.com";
        EmailDraft first = sent(mail(EmailCategory.TRANSACTIONAL, address));

        // When a bounce report for it comes back to its return path
        MailFeedback bounce = feedback(FeedbackKind.HARD_BOUNCE, address, returnPathOf(address), "5.1.1", "dsn");
        stack.topics().publish(Topics.MAIL_FEEDBACK, address, bounce);

        // Then the address is tagged hard_bounced, through the consent path, and the draft audited BOUNCED
        await().atMost(WAIT).until(() -> tags(address).contains("hard_bounced"));
        assertThat(tagSource(address, "hard_bounced")).isEqualTo("bounce:" + bounce.getFeedbackId());
        await().atMost(WAIT).until(() -> audited(first, "BOUNCED").isPresent());
        AuditEvent bounced = audited(first, "BOUNCED").orElseThrow();
        assertThat(bounced.getAttributes()).containsEntry("kind", "hard").containsEntry("status", "5.1.1")
                .containsEntry("source", "dsn").containsEntry("reporter", "postfix");
        assertThat(bounced.getAttributes().values()).noneMatch(value -> value.contains(address));
        // and the contacts API shows it in the address's history
        var history = http.get("/api/v1/contacts/" + address + "/feedback");
        assertThat(history.statusCode()).isEqualTo(200);
        assertThat(history.body()).contains("HARD_BOUNCE", "5.1.1", "dsn", first.getDraftId());

        // When the next mail to it is released
        EmailDraft next = mail(EmailCategory.TRANSACTIONAL, address);
        release(next);

        // Then it is suppressed, and not sent
        await().atMost(WAIT).until(() -> audited(next, "SUPPRESSED").isPresent());
        assertThat(audited(next, "SUPPRESSED").orElseThrow().getDetail()).contains("hard-bounced");
        assertThat(stack.smtp().messagesTo(address)).hasSize(1);

        // When the same report is replayed
        double replayed = counter("replayed");
        stack.topics().publish(Topics.MAIL_FEEDBACK, address, bounce);

        // Then it is recognised and changes nothing more
        await().atMost(WAIT).until(() -> counter("replayed") > replayed);
        assertThat(stack.jdbc().queryForObject("select count(*) from mail_feedback where recipient = ?", Integer.class,
                address)).isEqualTo(1);
        assertThat(stack.audited(first.getDraftId()).stream().filter(e -> e.getType().name().equals("BOUNCED")))
                .hasSize(1);
        // and the guardrails heard of it once, with the From domain it was sent with
        assertThat(applied).filteredOn(event -> event.draftId().equals(first.getDraftId())).singleElement()
                .isEqualTo(new FeedbackApplied("shoreditch.deskpost.example", "example.com", FeedbackKind.HARD_BOUNCE,
                        first.getDraftId(), false));
    }

    @Test
    void aComplaintStopsTheNextCommercialMailWhileABookingConfirmationStillGoes() {
        // Given a newsletter sent to a member, who reports it as spam
        String address = "annoyed@example.com";
        EmailDraft newsletter = sent(mail(EmailCategory.COMMERCIAL, address));
        stack.topics().publish(Topics.MAIL_FEEDBACK, address,
                feedback(FeedbackKind.COMPLAINT, address, returnPathOf(address), null, "arf"));
        await().atMost(WAIT).until(() -> tags(address).contains("complained"));
        await().atMost(WAIT).until(() -> audited(newsletter, "COMPLAINED").isPresent());

        // When the next newsletter and a booking confirmation are released
        EmailDraft nextNewsletter = mail(EmailCategory.COMMERCIAL, address);
        EmailDraft confirmation = mail(EmailCategory.TRANSACTIONAL, address);
        release(nextNewsletter);
        release(confirmation);

        // Then the newsletter is suppressed and the confirmation is sent (complaint-stops: commercial)
        await().atMost(WAIT).until(() -> audited(nextNewsletter, "SUPPRESSED").isPresent());
        assertThat(audited(nextNewsletter, "SUPPRESSED").orElseThrow().getDetail()).contains("complained");
        await().atMost(WAIT).until(() -> audited(confirmation, "SENT").isPresent());
        assertThat(stack.smtp().messagesTo(address)).hasSize(2);
    }

    @Test
    void aForgedReturnPathChangesNothingAndIsDeadLetteredWithItsReason() {
        // Given a mail sent to an address
        String address = "target@example.com";
        EmailDraft draft = sent(mail(EmailCategory.TRANSACTIONAL, address));
        String genuine = returnPathOf(address);

        // When someone sends a "bounce" to a return path they made up for that draft and address
        String forged = "b-" + draft.getDraftId().replace("-", "") + "-aaaaaaaaaaaaaaaa@" + DeliveryTestStack.BOUNCE_DOMAIN;
        MailFeedback forgery = feedback(FeedbackKind.HARD_BOUNCE, address, forged, "5.1.1", "dsn");
        // and a real return path of someone else's mail, to blame this address
        MailFeedback misdirected = feedback(FeedbackKind.HARD_BOUNCE, address,
                DeliveryTestStack.RETURN_PATHS.of(UUID.randomUUID().toString(), address), "5.1.1", "dsn");
        stack.topics().publish(Topics.MAIL_FEEDBACK, address, forgery);
        stack.topics().publish(Topics.MAIL_FEEDBACK, address, misdirected);

        // Then both are dead-lettered with their reasons
        assertThat(reason(deadLetter(forgery.getFeedbackId()))).contains("return path signature does not match");
        assertThat(reason(deadLetter(misdirected.getFeedbackId()))).contains("ledger shows no message");
        // and nothing changed: no tag, no audit, no history, and the next mail goes
        assertThat(tags(address)).isEmpty();
        assertThat(audited(draft, "BOUNCED")).isEmpty();
        assertThat(genuine).isNotEqualTo(forged);
        EmailDraft next = sent(mail(EmailCategory.TRANSACTIONAL, address));
        assertThat(audited(next, "SENT")).isPresent();
        assertThat(counter("untied")).isGreaterThanOrEqualTo(2);
    }

    @Test
    void aForwardedMailsBounceBlamesTheAddressWeSentToAndAProviderReportIsTiedByTheLedger() {
        // Given a mail sent to an address that forwards elsewhere, and one sent through a provider
        String forwarder = "forwarder@example.com";
        EmailDraft forwarded = sent(mail(EmailCategory.TRANSACTIONAL, forwarder));
        String viaProvider = "provider-bounce@example.com";
        EmailDraft relayed = sent(mail(EmailCategory.TRANSACTIONAL, viaProvider));

        // When the forward target's bounce comes back to the original return path, naming the target
        stack.topics().publish(Topics.MAIL_FEEDBACK, "gone@elsewhere.example", feedback(FeedbackKind.HARD_BOUNCE,
                "gone@elsewhere.example", returnPathOf(forwarder), "5.1.1", "dsn"));
        // and a provider reports a hard bounce by draft id (its webhook signature checked by ingest)
        MailFeedback ses = MailFeedback.newBuilder(feedback(FeedbackKind.HARD_BOUNCE, viaProvider, null, "5.1.1", "ses"))
                .setDraftId(relayed.getDraftId()).setReporter("amazon-ses").build();
        stack.topics().publish(Topics.MAIL_FEEDBACK, viaProvider, ses);
        // and a bounce by mail with no return path at all, only a Message-ID anyone could quote
        MailFeedback unsigned = MailFeedback.newBuilder(feedback(FeedbackKind.HARD_BOUNCE, forwarder, null, "5.1.1",
                "dsn")).setMessageId("<" + forwarded.getDraftId() + "@shoreditch.deskpost.example>").build();
        stack.topics().publish(Topics.MAIL_FEEDBACK, forwarder, unsigned);

        // Then the address we sent to is the one suppressed, and the provider's report applies too
        await().atMost(WAIT).until(() -> tags(forwarder).contains("hard_bounced"));
        assertThat(tags("gone@elsewhere.example")).isEmpty();
        await().atMost(WAIT).until(() -> tags(viaProvider).contains("hard_bounced"));
        // (the audit event leaves through the outbox after the tag's transaction: it can follow the tag by a poll)
        await().atMost(WAIT).until(() -> audited(relayed, "BOUNCED").isPresent());
        assertThat(audited(relayed, "BOUNCED").orElseThrow().getAttributes()).containsEntry("source", "ses");
        // and the unsigned one is dead-lettered: by mail, only a signed return path ties a report
        assertThat(reason(deadLetter(unsigned.getFeedbackId()))).contains("must come back to a signed return path");
    }

    @Test
    void softBouncesSuppressTheAddressOnlyOnceTheyReachTheThreshold() {
        // Given a mail sent to a mailbox that keeps failing
        String address = "flaky@example.com";
        EmailDraft draft = sent(mail(EmailCategory.TRANSACTIONAL, address));
        String returnPath = returnPathOf(address);

        // When two soft bounces come back
        for (int i = 0; i < 2; i++) {
            stack.topics().publish(Topics.MAIL_FEEDBACK, address,
                    feedback(FeedbackKind.SOFT_BOUNCE, address, returnPath, "4.2.2", "dsn"));
        }
        // Then they are counted, and the address is not yet suppressed
        await().atMost(WAIT).until(() -> historyCount(address) == 2);
        assertThat(tags(address)).doesNotContain("soft_bounced");
        assertThat(stack.audited(draft.getDraftId()).stream().filter(e -> e.getType().name().equals("BOUNCED"))
                .map(e -> e.getAttributes().get("kind"))).containsOnly("soft");

        // When the third comes back (threshold 3 within 7 days)
        stack.topics().publish(Topics.MAIL_FEEDBACK, address,
                feedback(FeedbackKind.SOFT_BOUNCE, address, returnPath, "4.2.2", "dsn"));

        // Then the address is suppressed: the next mail is not sent
        await().atMost(WAIT).until(() -> tags(address).contains("soft_bounced"));
        EmailDraft next = mail(EmailCategory.TRANSACTIONAL, address);
        release(next);
        await().atMost(WAIT).until(() -> audited(next, "SUPPRESSED").isPresent());
        assertThat(stack.smtp().messagesTo(address)).hasSize(1);
    }

    @Test
    void aBouncedSecurityMailAlertsTheLocationsStaffOnce() {
        // Given a security mail sent to a member
        String address = "m-sec@example.com";
        EmailDraft security = sent(securityMail("M-SEC"));
        String returnPath = returnPathOf(address);

        // When it bounces, and a second report about it arrives
        stack.topics().publish(Topics.MAIL_FEEDBACK, address, feedback(FeedbackKind.HARD_BOUNCE, address, returnPath,
                "5.1.1", "dsn", "Diagnostic-Code: smtp; 550 5.1.1 <m-sec@example.com>: user unknown"));
        stack.topics().publish(Topics.MAIL_FEEDBACK, address,
                feedback(FeedbackKind.SOFT_BOUNCE, address, returnPath, "4.4.7", "dsn"));

        // Then the staff are alerted, once, with the masked address, the status and the diagnostic
        await().atMost(WAIT).until(() -> alertsAbout(security.getDraftId()).size() == 1);
        await().atMost(WAIT).until(() -> historyCount(address) == 2);
        String alert = text(alertsAbout(security.getDraftId()).get(0));
        assertThat(alert).contains(security.getDraftId(), "m***@example.com", "5.1.1", "user unknown",
                "Reach the member another way").doesNotContain("m-sec@example.com");
        assertThat(stack.jdbc().queryForObject("select count(*) from staff_alert where draft_id = ?", Integer.class,
                security.getDraftId())).isEqualTo(1);
    }

    // --- helpers

    private static EmailDraft mail(EmailCategory category, String to) {
        return EmailDraft.newBuilder(aDraft().id(UUID.randomUUID().toString()).at(NYC).category(category)
                        .to(to, "Member").subject(category == EmailCategory.COMMERCIAL ? "Members' evening" : "Booked")
                        .build())
                .setSupersedeKey("fb:" + UUID.randomUUID()).setEntityVersion(1).build();
    }

    private static EmailDraft securityMail(String memberId) {
        String email = memberId.toLowerCase() + "@example.com";
        return EmailDraft.newBuilder(aDraft().id(UUID.randomUUID().toString()).at(NYC)
                        .category(EmailCategory.SECURITY).to(email, memberId).subject("Your access changed").build())
                .setRecipient(Recipient.newBuilder().setEmail(email).setName(memberId).setMemberId(memberId)
                        .setRole(RecipientRole.MEMBER).build())
                .setEventType("access_changed").setTemplate("access-changed").setAboutMemberId(memberId)
                .setSupersedeKey("access:" + UUID.randomUUID()).setEntityVersion(1).build();
    }

    private static void publishMember(String memberId) {
        stack.topics().publish(Topics.FACILITY_MEMBERS, memberId, Member.newBuilder()
                .setHeader(EventHeader.newBuilder().setEventId("member-" + memberId)
                        .setOccurredAt(Instant.parse("2025-01-01T00:00:00Z")).setSource("directory-sync")
                        .setEntityVersion(1).setLocationId(NYC).setCorrelationId(memberId).build())
                .setMemberId(memberId).setEmail(memberId.toLowerCase() + "@example.com").setName(memberId)
                .setLocationIds(List.of(NYC)).build());
    }

    private static void release(EmailDraft draft) {
        Release release = Release.newBuilder().setMode(OversightMode.AUTONOMOUS).setRule("test")
                .setReleasedBy("policy").setReleasedAt(Instant.now()).build();
        stack.topics().publish(Lane.of(draft).outbound(), draft.getSupersedeKey(),
                DeliveryTestStack.ATTESTATION.release(draft, release));
    }

    private static EmailDraft sent(EmailDraft draft) {
        release(draft);
        await().atMost(WAIT).until(() -> audited(draft, "SENT").isPresent());
        return draft;
    }

    private static MailFeedback feedback(FeedbackKind kind, String recipient, String returnPath, String status,
            String source) {
        return feedback(kind, recipient, returnPath, status, source, "Diagnostic-Code: smtp; " + status);
    }

    private static MailFeedback feedback(FeedbackKind kind, String recipient, String returnPath, String status,
            String source, String diagnostic) {
        return MailFeedback.newBuilder().setFeedbackId(UUID.randomUUID().toString())
                .setReceivedAt(Instant.now().truncatedTo(ChronoUnit.MILLIS)).setKind(kind).setRecipient(recipient)
                .setReturnPath(returnPath).setStatus(status).setDiagnostic(diagnostic).setSource(source)
                .setReporter("postfix").build();
    }

    /** The envelope sender the SMTP server recorded for the (first) message to an address. */
    private static String returnPathOf(String address) {
        String value = header(stack.smtp().messagesTo(address).get(0), "Return-Path");
        return value.replace("<", "").replace(">", "").strip();
    }

    private static String header(MimeMessage message, String name) {
        try {
            return message.getHeader(name, ",");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Optional<AuditEvent> audited(EmailDraft draft, String type) {
        return stack.audited(draft.getDraftId()).stream().filter(e -> e.getType().name().equals(type)).findFirst();
    }

    private static List<String> tags(String address) {
        return stack.jdbc().queryForList("select tag from consent_tags where email = ? and present", String.class,
                address);
    }

    private static String tagSource(String address, String tag) {
        return stack.jdbc().queryForObject("select source || ':' || source_ref from consent_tags where email = ? and tag = ?",
                String.class, address, tag);
    }

    private static int historyCount(String address) {
        return stack.jdbc().queryForObject("select count(*) from mail_feedback where recipient = ?", Integer.class,
                address);
    }

    private static double counter(String outcome) {
        MeterRegistry meters = stack.service().getBean(MeterRegistry.class);
        return meters.find("deskpost.feedback").tag("outcome", outcome).counters().stream()
                .mapToDouble(c -> c.count()).sum();
    }

    private static List<MimeMessage> alertsAbout(String draftId) {
        return stack.smtp().messagesTo(LocationBuilder.STAFF).stream().filter(m -> text(m).contains(draftId)).toList();
    }

    private static String text(MimeMessage message) {
        try {
            Object content = message.getContent();
            return message.getSubject() + "\n" + (content instanceof String s ? s : partsText(content));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String partsText(Object content) throws Exception {
        if (content instanceof jakarta.mail.Multipart multipart) {
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < multipart.getCount(); i++) {
                text.append(partsText(multipart.getBodyPart(i).getContent())).append('\n');
            }
            return text.toString();
        }
        return String.valueOf(content);
    }

    /** The reason, as the listener container's dead-letter publisher writes it. */
    private static String reason(ConsumerRecord<String, byte[]> deadLetter) {
        var header = deadLetter.headers().lastHeader(KafkaHeaders.DLT_EXCEPTION_MESSAGE);
        return header != null ? new String(header.value(), UTF_8) : DeadLetterHeaders.reason(deadLetter.headers());
    }

    /** The mail.feedback dead letter of a report (Avro strings are UTF-8, so its id shows in the bytes). */
    private static ConsumerRecord<String, byte[]> deadLetter(String feedbackId) {
        await().atMost(WAIT).until(() -> deadLetterOf(feedbackId).isPresent());
        return deadLetterOf(feedbackId).orElseThrow();
    }

    private static Optional<ConsumerRecord<String, byte[]>> deadLetterOf(String feedbackId) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.MAIL_FEEDBACK.deadLetterTopic()).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
            while (partitions.stream().anyMatch(partition -> consumer.position(partition) < end.get(partition))) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            return records.stream().filter(record -> record.value() != null
                    && new String(record.value(), UTF_8).contains(feedbackId)).findFirst();
        }
    }
}
