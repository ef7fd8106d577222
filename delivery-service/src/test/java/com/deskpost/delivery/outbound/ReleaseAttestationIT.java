package com.deskpost.delivery.outbound;

import static com.deskpost.testfixtures.DraftBuilder.aDraft;
import static com.deskpost.testfixtures.LocationBuilder.aLocation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.deskpost.delivery.DeliveryTestStack;
import com.deskpost.events.EmailCategory;
import com.deskpost.events.EmailDraft;
import com.deskpost.events.Location;
import com.deskpost.events.OutboundEmail;
import com.deskpost.events.OversightMode;
import com.deskpost.events.Release;
import com.deskpost.platform.attestation.ReleaseAttestation;
import com.deskpost.platform.deadletter.DeadLetterHeaders;
import com.deskpost.platform.topic.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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

/**
 * What was approved is what is sent (DESIGN §4): delivery sends a record on mail.outbound only
 * with oversight's matching attestation. A record changed after release, one without an
 * attestation and one attested with another secret are dead-lettered with the reason and audited,
 * nothing reaches the SMTP server, and the lane carries on with the next record.
 */
class ReleaseAttestationIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Location NEW_YORK = Location.newBuilder(aLocation().build())
            .setLocationId("NYC-1").setJurisdiction("US").setTimeZone("America/New_York").build();

    private static DeliveryTestStack stack;

    @BeforeAll
    static void start() {
        stack = DeliveryTestStack.infrastructure();
        stack.topics().publish(Topics.FACILITY_LOCATIONS, NEW_YORK.getLocationId(), NEW_YORK);
        stack.startService();
    }

    @AfterAll
    static void stop() {
        stack.stop();
    }

    @Test
    void aBodyChangedAfterReleaseIsRefusedAndTheNextAttestedMailStillGoesOut() {
        // Given a mail oversight released, whose body someone then changed on the way
        String key = "booking:AT-1";
        OutboundEmail released = DeliveryTestStack.ATTESTATION.release(draft("tampered@example.com", key), release());
        OutboundEmail tampered = OutboundEmail.newBuilder(released).setDraft(EmailDraft.newBuilder(released.getDraft())
                .setBodyText("Please confirm your card at http://evil.example/").build()).build();
        // and, behind it on the same partition, a mail released as it is
        OutboundEmail honest = DeliveryTestStack.ATTESTATION.release(draft("honest@example.com", key), release());

        // When both are on mail.outbound
        stack.topics().publish(Topics.MAIL_OUTBOUND, key, tampered);
        stack.topics().publish(Topics.MAIL_OUTBOUND, key, honest);

        // Then the honest one is delivered, the tampered one is not
        await().atMost(WAIT).until(() -> stack.smtp().messagesTo("honest@example.com").size() == 1);
        String draftId = tampered.getDraft().getDraftId();
        await().atMost(WAIT).until(() -> auditTypes(draftId).contains("DEAD_LETTERED"));
        assertThat(stack.smtp().messagesTo("tampered@example.com")).isEmpty();
        assertThat(auditTypes(draftId)).doesNotContain("SENT");
        assertThat(detail(draftId, "DEAD_LETTERED")).contains("attestation does not match",
                "changed after oversight released it");
        // and the dead letter keeps the record with the reason in its headers
        assertThat(deadLetterReason(draftId)).contains("attestation does not match");
        assertThat(auditTypes(honest.getDraft().getDraftId())).contains("SENT");
    }

    @Test
    void aRecordWithoutAttestationIsRefused() {
        EmailDraft draft = draft("unattested@example.com", "booking:AT-2");

        stack.topics().publish(Topics.MAIL_OUTBOUND, draft.getSupersedeKey(),
                OutboundEmail.newBuilder().setDraft(draft).setRelease(release()).build());

        await().atMost(WAIT).until(() -> auditTypes(draft.getDraftId()).contains("DEAD_LETTERED"));
        assertThat(detail(draft.getDraftId(), "DEAD_LETTERED")).contains("Release attestation missing");
        assertThat(deadLetterReason(draft.getDraftId())).contains("Release attestation missing");
        assertThat(stack.smtp().messagesTo("unattested@example.com")).isEmpty();
    }

    @Test
    void aRecordAttestedWithAnotherSecretIsRefused() {
        ReleaseAttestation forger = new ReleaseAttestation("a-secret-delivery-does-not-know", List.of());
        EmailDraft draft = draft("forged@example.com", "booking:AT-3");

        stack.topics().publish(Topics.MAIL_OUTBOUND, draft.getSupersedeKey(), forger.release(draft, release()));

        await().atMost(WAIT).until(() -> auditTypes(draft.getDraftId()).contains("DEAD_LETTERED"));
        assertThat(detail(draft.getDraftId(), "DEAD_LETTERED")).contains("unknown key " + forger.keyId());
        assertThat(stack.smtp().messagesTo("forged@example.com")).isEmpty();
    }

    @Test
    void aCorrectlyAttestedRecordOnTheBulkLaneIsDelivered() {
        EmailDraft draft = EmailDraft.newBuilder(draft("attested-bulk@example.com", "booking:AT-4"))
                .setCategory(EmailCategory.TRANSACTIONAL).build();

        stack.topics().publish(Topics.MAIL_OUTBOUND_BULK, draft.getSupersedeKey(),
                DeliveryTestStack.ATTESTATION.release(draft, release()));

        await().atMost(WAIT).until(() -> stack.smtp().messagesTo("attested-bulk@example.com").size() == 1);
        await().atMost(WAIT).until(() -> auditTypes(draft.getDraftId()).contains("SENT"));
        assertThat(auditTypes(draft.getDraftId())).doesNotContain("DEAD_LETTERED");
    }

    private static EmailDraft draft(String to, String supersedeKey) {
        return EmailDraft.newBuilder(aDraft().id(UUID.randomUUID().toString()).at("NYC-1")
                .category(EmailCategory.TRANSACTIONAL).to(to, "Member").subject("Booking confirmed").build())
                .setSupersedeKey(supersedeKey).setEntityVersion(1).build();
    }

    private static Release release() {
        return Release.newBuilder().setMode(OversightMode.AUTONOMOUS).setRule("test").setReleasedBy("policy")
                .setReleasedAt(Instant.now()).build();
    }

    private static List<String> auditTypes(String draftId) {
        return stack.audited(draftId).stream().map(event -> event.getType().name()).toList();
    }

    private static String detail(String draftId, String type) {
        return stack.audited(draftId).stream().filter(event -> event.getType().name().equals(type))
                .map(event -> event.getDetail()).findFirst().orElseThrow();
    }

    /** The reason header of the dead letter on mail.outbound.dlq whose record is the draft's. */
    private static String deadLetterReason(String draftId) {
        String dlq = Topics.MAIL_OUTBOUND.deadLetterTopic();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(dlq).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
            while (partitions.stream().anyMatch(partition -> consumer.position(partition) < end.get(partition))) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            return records.stream()
                    .filter(record -> new String(record.value(), java.nio.charset.StandardCharsets.ISO_8859_1)
                            .contains(draftId))
                    .map(record -> DeadLetterHeaders.reason(record.headers()))
                    .findFirst().orElse(null);
        }
    }
}
