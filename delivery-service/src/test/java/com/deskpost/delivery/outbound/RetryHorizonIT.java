package com.deskpost.delivery.outbound;

import static com.deskpost.testfixtures.DraftBuilder.aDraft;
import static com.deskpost.testfixtures.LocationBuilder.aLocation;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.deskpost.delivery.DeliveryTestStack;
import com.deskpost.events.EmailCategory;
import com.deskpost.events.EmailDraft;
import com.deskpost.events.EventHeader;
import com.deskpost.events.Location;
import com.deskpost.events.Member;
import com.deskpost.events.OversightMode;
import com.deskpost.events.Recipient;
import com.deskpost.events.RecipientRole;
import com.deskpost.events.Release;
import com.deskpost.ops.OpsCli;
import com.deskpost.platform.credential.CredentialPlaceholders;
import com.deskpost.platform.deadletter.CredentialRedaction;
import com.deskpost.platform.topic.Lane;
import com.deskpost.platform.topic.Topic;
import com.deskpost.events.OutboundEmail;
import com.deskpost.testfixtures.LocationBuilder;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.kafka.support.KafkaHeaders;

/**
 * Issue 19, a retry horizon like an MTA's, on real components (broker, registry, PostgreSQL, GreenMail
 * refusing with 451): a mail is retried while the relay refuses and delivered once it accepts; past the
 * horizon it is FAILED and dead-lettered, and for critical mail the location's staff are alerted once, even
 * when the relay is still refusing at that moment; a dead-lettered door-code mail keeps its code sealed and,
 * redriven with {@code ops-cli redrive}, arrives with its code, once. The horizon is seconds here so the same
 * path a four-day horizon takes runs in a test.
 */
class RetryHorizonIT {

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final String NYC = "NYC-1";
    private static final Location NEW_YORK = Location.newBuilder(aLocation().build())
            .setLocationId(NYC).setJurisdiction("US").setTimeZone("America/New_York").build();

    private static DeliveryTestStack stack;

    @BeforeAll
    static void start() {
        stack = DeliveryTestStack.infrastructure();
        stack.topics().publish(com.deskpost.platform.topic.Topics.FACILITY_LOCATIONS, NYC, NEW_YORK);
        publishMember("M-DOOR");
        stack.startService("--deskpost.delivery.retry.horizon=PT12S", "--deskpost.delivery.retry.initial-delay-ms=200",
                "--deskpost.delivery.retry.max-delay-ms=1000", "--deskpost.delivery.alert-retry-interval=1s");
    }

    @AfterAll
    static void stop() {
        stack.stop();
    }

    @AfterEach
    void relayAcceptsAgain() {
        stack.smtp().refuseTransiently(false);
    }

    @Test
    void aMailIsRetriedWhileTheRelayRefusesWith4xxAndDeliveredOnceItAccepts() {
        // Given a relay that refuses every message with 451
        stack.smtp().refuseTransiently(true);
        int refusedBefore = stack.smtp().transientRefusals();
        EmailDraft draft = transactional("retried@example.com", "booking:R-1");

        // When a mail is released, and refused several times
        release(Lane.STANDARD.outbound(), draft);
        await().atMost(WAIT).until(() -> stack.smtp().transientRefusals() >= refusedBefore + 3);
        assertThat(stack.smtp().messagesTo("retried@example.com")).isEmpty();
        // and the relay then accepts
        stack.smtp().refuseTransiently(false);

        // Then it arrives, once, and was neither failed nor dead-lettered
        await().atMost(WAIT).until(() -> auditTypes(draft.getDraftId()).contains("SENT"));
        assertThat(stack.smtp().messagesTo("retried@example.com")).hasSize(1);
        assertThat(auditTypes(draft.getDraftId())).doesNotContain("FAILED", "DEAD_LETTERED");
    }

    @Test
    void eachLanesDelayAndDeadLetterTopicsAreReadByOneConsumerEachWhileItsOutboundTopicHasTheListenerConcurrency() {
        // Given the running service's listener containers, by the topics they read
        Map<String, Integer> consumersByTopic = new TreeMap<>();
        for (MessageListenerContainer container : stack.service().getBean(KafkaListenerEndpointRegistry.class)
                .getListenerContainers()) {
            int consumers = ((ConcurrentMessageListenerContainer<?, ?>) container).getConcurrency();
            for (String topic : container.getContainerProperties().getTopics()) {
                consumersByTopic.put(topic, consumers);
            }
        }

        // Then every lane's outbound topic is read by deskpost.delivery.listener-concurrency (3) consumers, and each of
        // its delay topics (here 200 ms, 400 ms, 800 ms and the 1 s cap) and its dead-letter topic by one
        for (Lane lane : Lane.values()) {
            String outbound = lane.outbound().name();
            assertThat(consumersByTopic).containsEntry(outbound, 3).containsEntry(outbound + ".dlq", 1);
            assertThat(consumersByTopic.keySet()).filteredOn(topic -> topic.startsWith(outbound + ".retry"))
                    .isNotEmpty()
                    .allSatisfy(topic -> assertThat(consumersByTopic).containsEntry(topic, 1));
        }
    }

    @Test
    void aFailedPaymentAlertPastTheHorizonIsFailedDeadLetteredAndStaffAreAlertedOnce() throws Exception {
        // Given a relay that refuses everything, for longer than the horizon
        stack.smtp().refuseTransiently(true);
        EmailDraft paymentFailed = EmailDraft.newBuilder(transactional("payer@example.com", "payment:P-1"))
                .setEventType("payment_failed").setTemplate("billing-payment-failed")
                .setSubject("Action needed: your payment failed").build();

        // When the failed-payment alert is released
        release(Lane.STANDARD.outbound(), paymentFailed);

        // Then, once the horizon has passed, it is audited FAILED saying so, and dead-lettered
        await().atMost(WAIT).until(() -> auditTypes(paymentFailed.getDraftId()).containsAll(
                List.of("FAILED", "DEAD_LETTERED")));
        assertThat(detail(paymentFailed.getDraftId(), "FAILED")).contains("retry horizon", "451");
        ConsumerRecord<String, byte[]> deadLetter = deadLetter(Lane.STANDARD.outbound(), paymentFailed.getDraftId());
        assertThat(stack.smtp().messagesTo("payer@example.com")).isEmpty();
        // and the staff alert waits for the relay, not lost: tried and kept pending
        await().atMost(WAIT).until(() -> alertAttempts(paymentFailed.getDraftId()) >= 2);
        assertThat(stack.smtp().messagesTo(LocationBuilder.STAFF)).noneMatch(m -> text(m).contains(paymentFailed.getDraftId()));

        // When the relay accepts again
        stack.smtp().refuseTransiently(false);

        // Then the staff receive the alert, naming the draft, its kind, the masked recipient and what to do
        await().atMost(WAIT).until(() -> alertsAbout(paymentFailed.getDraftId()).size() == 1);
        String alert = text(alertsAbout(paymentFailed.getDraftId()).get(0));
        assertThat(alert).contains(paymentFailed.getDraftId(), "payment_failed", "p***@example.com",
                "ops-cli redrive --from " + Lane.STANDARD.outbound().deadLetterTopic(), "451")
                .doesNotContain("payer@example.com");
        // and it is audited
        await().atMost(WAIT).until(() -> stack.audited(paymentFailed.getDraftId()).stream().anyMatch(event ->
                "COPY_SENT".equals(event.getType().name()) && "ALERT".equals(event.getAttributes().get("kind"))));

        // When the dead letter is handled again (a redelivery of the .dlq record)
        stack.service().getBean(OutboundListener.class).onDeadLetter(deadLetter);
        stack.service().getBean(StaffAlertRelay.class).sendPending();

        // Then the staff are still alerted exactly once, and the mail itself was never sent
        assertThat(alertsAbout(paymentFailed.getDraftId())).hasSize(1);
        assertThat(auditTypes(paymentFailed.getDraftId())).doesNotContain("SENT");
        assertThat(stack.smtp().messagesTo("payer@example.com")).isEmpty();
    }

    @Test
    void aDeadLetteredDoorCodeMailKeepsItsCodeSealedAndRedrivenWithOpsCliArrivesWithItOnce() throws Exception {
        // Given a door-code mail on its lane (priority), its code sealed for its holder, that the relay refuses
        // past the horizon
        String code = "DC-" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        EmailDraft doorCode = doorCodeMail("M-DOOR", DeliveryTestStack.SEALER.seal(code, NYC, "M-DOOR"));
        stack.smtp().refuseTransiently(true);
        assertThat(Lane.of(doorCode)).isEqualTo(Lane.PRIORITY);
        release(Lane.PRIORITY.outbound(), doorCode);
        await().atMost(WAIT).until(() -> auditTypes(doorCode.getDraftId()).contains("DEAD_LETTERED"));

        // Then the dead letter holds the code sealed, not in clear and not masked
        ConsumerRecord<String, byte[]> deadLetter = deadLetter(Lane.PRIORITY.outbound(), doorCode.getDraftId());
        assertThat(new String(deadLetter.value(), UTF_8)).doesNotContain(code).contains("sealed:v1:");
        assertThat(new String(deadLetter.headers().lastHeader(CredentialRedaction.HEADER).value(), UTF_8))
                .isEqualTo(CredentialRedaction.SEALED);
        assertThat(headersText(deadLetter)).doesNotContain(code);

        // When the relay accepts again and the operator redrives the lane's dead letters with ops-cli
        stack.smtp().refuseTransiently(false);
        Cli redrive = cli("redrive", "--from", Lane.PRIORITY.outbound().deadLetterTopic(),
                "--bootstrap-servers", stack.bootstrapServers(), "--registry", stack.registryUrl());

        // Then the holder receives the mail with the code, once
        assertThat(redrive.code()).as(redrive.err()).isZero();
        assertThat(redrive.out()).contains("redriven: ");
        await().atMost(WAIT).until(() -> auditTypes(doorCode.getDraftId()).contains("SENT"));
        List<MimeMessage> mails = stack.smtp().messagesTo(email("M-DOOR"));
        assertThat(mails).hasSize(1);
        assertThat(part(mails.get(0), "text/plain")).contains("your new door code is " + code + ".");
        // and the staff alert about the security mail went out once, without the code
        await().atMost(WAIT).until(() -> alertsAbout(doorCode.getDraftId()).size() == 1);
        assertThat(stack.smtp().messages()).filteredOn(m -> !text(m).contains("your new door code is " + code))
                .noneMatch(m -> text(m).contains(code));
    }

    @Test
    void aDeadLetterOnEveryLaneIsAuditedAndACriticalOneAlertsTheStaff() throws Exception {
        // Given a failed-payment alert dead-lettered on each lane, for whatever reason (here: put there by hand)
        Map<Lane, EmailDraft> drafts = new EnumMap<>(Lane.class);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()),
                new StringSerializer(), new ByteArraySerializer())) {
            for (Lane lane : Lane.values()) {
                EmailDraft draft = EmailDraft.newBuilder(transactional("lane-" + lane.name().toLowerCase()
                                + "@example.com", "payment:" + lane))
                        .setEventType("payment_failed").setTemplate("billing-payment-failed").build();
                drafts.put(lane, draft);
                Release release = Release.newBuilder().setMode(OversightMode.AUTONOMOUS).setRule("test")
                        .setReleasedBy("policy").setReleasedAt(Instant.now()).build();
                ProducerRecord<String, byte[]> deadLetter = new ProducerRecord<>(lane.outbound().deadLetterTopic(),
                        draft.getSupersedeKey(), stack.topics().serialize(lane.outbound(),
                                DeliveryTestStack.ATTESTATION.release(draft, release)));
                deadLetter.headers().add(KafkaHeaders.EXCEPTION_MESSAGE, ("put on " + lane + " by hand").getBytes(UTF_8));
                producer.send(deadLetter).get();
            }
        }

        // Then each lane's dead-letter handler audits it and alerts the location's staff, once
        for (Lane lane : Lane.values()) {
            String draftId = drafts.get(lane).getDraftId();
            await().atMost(WAIT).until(() -> auditTypes(draftId).contains("DEAD_LETTERED"));
            assertThat(detail(draftId, "DEAD_LETTERED")).contains(lane.outbound().deadLetterTopic(),
                    "put on " + lane + " by hand");
            await().atMost(WAIT).until(() -> alertsAbout(draftId).size() == 1);
        }
    }

    private static long alertAttempts(String draftId) {
        return stack.jdbc().queryForList("select attempts from staff_alert where draft_id = ? and sent_at is null",
                Integer.class, draftId).stream().mapToLong(Integer::longValue).max().orElse(0);
    }

    private static List<MimeMessage> alertsAbout(String draftId) {
        return stack.smtp().messagesTo(LocationBuilder.STAFF).stream().filter(m -> text(m).contains(draftId)).toList();
    }

    private static EmailDraft transactional(String to, String supersedeKey) {
        return EmailDraft.newBuilder(aDraft().id(UUID.randomUUID().toString()).at(NYC)
                .category(EmailCategory.TRANSACTIONAL).to(to, "Member").subject("Booking confirmed").build())
                .setSupersedeKey(supersedeKey + "-" + UUID.randomUUID()).setEntityVersion(1).build();
    }

    /** Security mail to the member, showing credential 1 where the code goes. */
    private static EmailDraft doorCodeMail(String memberId, String secret) {
        String placeholder = CredentialPlaceholders.of(1);
        return EmailDraft.newBuilder(aDraft().id(UUID.randomUUID().toString()).at(NYC)
                        .category(EmailCategory.SECURITY).to(email(memberId), memberId)
                        .subject("Your new door code: " + placeholder)
                        .body("Hello, your new door code is " + placeholder + ".",
                                "<p>Hello, your new door code is <b>" + placeholder + "</b>.</p>")
                        .secrets(secret).build())
                .setRecipient(Recipient.newBuilder().setEmail(email(memberId)).setName(memberId).setMemberId(memberId)
                        .setRole(RecipientRole.MEMBER).build())
                .setEventType("door_code_changed").setTemplate("door-code-changed").setAboutMemberId(memberId)
                .setSupersedeKey("door:" + memberId).setEntityVersion(1).build();
    }

    private static String email(String memberId) {
        return memberId.toLowerCase() + "@example.com";
    }

    private static void publishMember(String memberId) {
        stack.topics().publish(com.deskpost.platform.topic.Topics.FACILITY_MEMBERS, memberId, Member.newBuilder()
                .setHeader(EventHeader.newBuilder().setEventId("member-" + memberId)
                        .setOccurredAt(Instant.parse("2025-01-01T00:00:00Z")).setSource("directory-sync")
                        .setEntityVersion(1).setLocationId(NYC).setCorrelationId(memberId).build())
                .setMemberId(memberId).setEmail(email(memberId)).setName(memberId).setLocationIds(List.of(NYC))
                .build());
    }

    private static void release(Topic<OutboundEmail> lane, EmailDraft draft) {
        Release release = Release.newBuilder().setMode(OversightMode.AUTONOMOUS).setRule("test")
                .setReleasedBy("policy").setReleasedAt(Instant.now()).build();
        stack.topics().publish(lane, draft.getSupersedeKey(), DeliveryTestStack.ATTESTATION.release(draft, release));
    }

    private static List<String> auditTypes(String draftId) {
        return stack.audited(draftId).stream().map(event -> event.getType().name()).toList();
    }

    private static String detail(String draftId, String type) {
        return stack.audited(draftId).stream().filter(event -> event.getType().name().equals(type))
                .map(event -> event.getDetail()).findFirst().orElseThrow();
    }

    /** The lane's dead letter whose record is the draft's (Avro strings are UTF-8, so its id shows in the bytes). */
    private static ConsumerRecord<String, byte[]> deadLetter(Topic<OutboundEmail> lane, String draftId) {
        await().atMost(WAIT).until(() -> deadLetterOf(lane, draftId).isPresent());
        return deadLetterOf(lane, draftId).orElseThrow();
    }

    private static Optional<ConsumerRecord<String, byte[]>> deadLetterOf(Topic<OutboundEmail> lane, String draftId) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(lane.deadLetterTopic()).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
            while (partitions.stream().anyMatch(partition -> consumer.position(partition) < end.get(partition))) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            return records.stream().filter(record -> record.value() != null
                    && new String(record.value(), UTF_8).contains(draftId)).findFirst();
        }
    }

    private static String headersText(ConsumerRecord<String, byte[]> record) {
        StringBuilder text = new StringBuilder();
        record.headers().forEach(header -> text.append(header.key()).append('=')
                .append(header.value() == null ? "" : new String(header.value(), UTF_8)).append('\n'));
        return text.toString();
    }

    private record Cli(int code, String out, String err) {
    }

    private static Cli cli(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = OpsCli.run(new PrintStream(out, true, UTF_8), new PrintStream(err, true, UTF_8), args);
        return new Cli(code, out.toString(UTF_8), err.toString(UTF_8));
    }

    private static String text(MimeMessage message) {
        try {
            return message.getSubject() + "\n" + part(message, "text/plain") + "\n" + part(message, "text/html");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The first body part of the given type, decoded, or null. */
    private static String part(Part part, String type) throws Exception {
        if (part.isMimeType(type)) {
            return part.getContent().toString();
        }
        if (part.getContent() instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart child = multipart.getBodyPart(i);
                String found = part(child, type);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }
}
