package com.deskpost.delivery.outbound;

import static com.deskpost.testfixtures.DraftBuilder.aDraft;
import static com.deskpost.testfixtures.LocationBuilder.aLocation;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.deskpost.delivery.DeliveryTestStack;
import com.deskpost.delivery.credential.InvalidCredentialKeys;
import com.deskpost.events.EmailCategory;
import com.deskpost.events.EmailDraft;
import com.deskpost.events.EventHeader;
import com.deskpost.events.Location;
import com.deskpost.events.Member;
import com.deskpost.events.OversightMode;
import com.deskpost.events.Recipient;
import com.deskpost.events.RecipientRole;
import com.deskpost.events.Release;
import com.deskpost.platform.credential.CredentialKeys;
import com.deskpost.platform.credential.CredentialPlaceholders;
import com.deskpost.platform.credential.CredentialSealer;
import com.deskpost.platform.topic.Lane;
import com.deskpost.platform.topic.Topics;
import com.deskpost.testfixtures.LocationBuilder;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
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
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * Sealed credentials at the last hop (DESIGN §5): released access mail carries its door code sealed and
 * a placeholder in the text; delivery opens it for the holder's own message only, with the keys it holds
 * (the current one and, during a rotation, the previous one). The staff copy, the ledger, the audit rows
 * and the log show the placeholder. A credential that does not open (its key retired, sealed for another
 * member) is not sent: audited {@code FAILED} with the reason, dead-lettered to the lane's {@code .dlq}
 * keeping the sealed value, and the lane carries on.
 */
@ExtendWith(OutputCaptureExtension.class)
class SealedCredentialDeliveryIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String NYC = "NYC-1";
    private static final Location NEW_YORK = Location.newBuilder(aLocation().build())
            .setLocationId(NYC).setJurisdiction("US").setTimeZone("America/New_York").build();
    /** A key delivery no longer holds: retired after rotation. */
    private static final CredentialKeys.PrivateKey RETIRED_KEY = CredentialKeys.generate("it-2025-12");
    private static final CredentialSealer PREVIOUS_SEALER =
            new CredentialSealer(List.of(DeliveryTestStack.PREVIOUS_KEY.publicKey()));
    private static final CredentialSealer RETIRED_SEALER = new CredentialSealer(List.of(RETIRED_KEY.publicKey()));

    private static DeliveryTestStack stack;

    @BeforeAll
    static void start() {
        stack = DeliveryTestStack.infrastructure();
        stack.topics().publish(Topics.FACILITY_LOCATIONS, NYC, NEW_YORK);
        for (String member : List.of("M-ADA", "M-ROT", "M-RET", "M-OTHER", "M-BOB", "M-LEGACY", "M-NEXT")) {
            publishMember(member);
        }
        stack.startService();
    }

    @AfterAll
    static void stop() {
        stack.stop();
    }

    @Test
    void theHolderGetsTheCodeAndTheStaffCopyLedgerAuditAndLogShowThePlaceholder(CapturedOutput output)
            throws Exception {
        // Given a door-code mail released under monitoring, its code sealed for Ada at NYC-1
        String code = "4821&77";
        EmailDraft draft = doorCodeMail("M-ADA", DeliveryTestStack.SEALER.seal(code, NYC, "M-ADA"));

        // When it is on the priority lane with a staff copy
        release(draft, "staff-sealed@example.com");

        // Then Ada's mail shows the code in the subject, the text and (escaped) the HTML
        MimeMessage mail = awaitOnlyMessageTo(email("M-ADA"));
        assertThat(mail.getSubject()).isEqualTo("Your new door code: " + code);
        assertThat(part(mail, "text/plain")).contains("your new door code is " + code + ".");
        assertThat(part(mail, "text/html")).contains("<b>4821&amp;77</b>").doesNotContain(code);
        // and the staff copy shows the placeholder, not the code, anywhere on the wire
        MimeMessage copy = awaitOnlyMessageTo("staff-sealed@example.com");
        assertThat(copy.getSubject()).isEqualTo("[Copy] Your new door code: " + CredentialPlaceholders.of(1));
        assertThat(part(copy, "text/plain")).contains(CredentialPlaceholders.of(1)).doesNotContain(code);
        assertThat(raw(copy)).doesNotContain(code).doesNotContain("4821");
        // and the ledger, the audit rows and the log never had it
        await().atMost(WAIT).until(() -> auditTypes(draft.getDraftId()).containsAll(List.of("SENT", "COPY_SENT")));
        List<String> ledger = stack.jdbc().queryForList(
                "select d::text from delivery_ledger d where draft_id = ?", String.class, draft.getDraftId());
        assertThat(ledger).hasSize(2).allSatisfy(row -> assertThat(row).doesNotContain("4821"))
                .anySatisfy(row -> assertThat(row).contains(CredentialPlaceholders.of(1)));
        assertThat(stack.audited(draft.getDraftId())).isNotEmpty()
                .allSatisfy(event -> assertThat(event.toString()).doesNotContain("4821"));
        assertThat(output.getOut()).contains(draft.getDraftId()).doesNotContain("4821");
    }

    @Test
    void mailSealedUnderThePreviousKeyIsDeliveredAfterRotation() throws Exception {
        // Given a mail sealed before the rotation, under the key that is now the previous one
        String sealed = PREVIOUS_SEALER.seal("5150", NYC, "M-ROT");
        assertThat(sealed).contains(":" + DeliveryTestStack.PREVIOUS_KEY.id() + ":");

        // When it is released after delivery moved to the new current key
        release(doorCodeMail("M-ROT", sealed), null);

        // Then it arrives with its code
        MimeMessage mail = awaitOnlyMessageTo(email("M-ROT"));
        assertThat(part(mail, "text/plain")).contains("your new door code is 5150.");
    }

    @Test
    void mailSealedUnderARetiredKeyIsNotSentAndIsDeadLetteredKeepingTheSealedValue() throws Exception {
        // Given a mail sealed under a key delivery no longer holds, and behind it on the same partition a sound one
        String sealed = RETIRED_SEALER.seal("6060", NYC, "M-RET");
        EmailDraft retired = doorCodeMail("M-RET", sealed);
        EmailDraft next = EmailDraft.newBuilder(doorCodeMail("M-NEXT",
                DeliveryTestStack.SEALER.seal("7070", NYC, "M-NEXT"))).setSupersedeKey(retired.getSupersedeKey())
                .build();

        // When both are released
        release(retired, null);
        release(next, null);

        // Then the sound one still goes out: the listener carried on
        assertThat(part(awaitOnlyMessageTo(email("M-NEXT")), "text/plain")).contains("7070");
        // and the retired one is audited FAILED with a reason naming the key, and not sent
        await().atMost(WAIT).until(() -> auditTypes(retired.getDraftId()).contains("FAILED"));
        assertThat(auditTypes(retired.getDraftId())).doesNotContain("SENT");
        assertThat(detail(retired.getDraftId(), "FAILED")).contains("sealed under key " + RETIRED_KEY.id(),
                "no longer holds", "retired").doesNotContain("6060");
        assertThat(stack.smtp().messagesTo(email("M-RET"))).isEmpty();
        // and its dead letter keeps the sealed value, so it can be redriven once the key is held again
        String deadLetter = deadLetterHolding(retired.getDraftId());
        assertThat(deadLetter).contains(sealed).doesNotContain("6060");
        // and the location's staff hear that the member is still without the code
        await().atMost(WAIT).until(() -> stack.smtp().messagesTo(LocationBuilder.STAFF).stream()
                .anyMatch(alert -> text(alert).contains(retired.getDraftId()) && text(alert).contains(RETIRED_KEY.id())));
    }

    @Test
    void aValueSealedForAnotherMemberDoesNotOpenAndIsNotSent() {
        // Given a mail to M-OTHER carrying a code sealed for M-BOB (copied from Bob's mail)
        EmailDraft copied = doorCodeMail("M-OTHER", DeliveryTestStack.SEALER.seal("8080", NYC, "M-BOB"));

        // When it is released
        release(copied, null);

        // Then it is refused, audited with why, and nothing is sent
        await().atMost(WAIT).until(() -> auditTypes(copied.getDraftId()).contains("FAILED"));
        assertThat(deadLetterHolding(copied.getDraftId())).doesNotContain("8080");
        assertThat(detail(copied.getDraftId(), "FAILED")).contains("does not open for location NYC-1 and member M-OTHER")
                .doesNotContain("8080");
        assertThat(stack.smtp().messagesTo(email("M-OTHER"))).isEmpty();
    }

    @Test
    void aDraftComposedBeforeSealingWithItsCodeInClearIsStillDelivered() throws Exception {
        // Given a draft in flight from before sealing: the code itself in the text and in secrets
        EmailDraft legacy = EmailDraft.newBuilder(doorCodeMail("M-LEGACY", "4711"))
                .setSubject("Your new door code").setBodyText("Your new code is 4711.")
                .setBodyHtml("<p>Your new code is 4711.</p>").build();

        // When it is released
        release(legacy, null);

        // Then its holder gets it as it was written
        assertThat(part(awaitOnlyMessageTo(email("M-LEGACY")), "text/plain")).contains("Your new code is 4711.");
    }

    @Test
    void aPrivateKeyThatCannotBeUsedStopsTheServiceFromStartingAndNamesTheSetting(CapturedOutput output) {
        // A second instance of the service, on the same infrastructure, with a key that is 5 bytes long
        assertThatThrownBy(() -> stack.startService("--deskpost.credentials.private-keys=it-bad:c2hvcnQ"))
                .satisfies(failure -> assertThat(causes(failure)).anySatisfy(cause -> assertThat(cause)
                        .isInstanceOf(InvalidCredentialKeys.class)
                        .hasMessageContaining("deskpost.credentials.private-keys")
                        .hasMessageContaining("32 bytes")
                        .hasMessageNotContaining("c2hvcnQ")));
        // And the start-up failure report leads with it
        assertThat(output.getOut()).contains("APPLICATION FAILED TO START")
                .containsPattern("Description:\\s+Credential keys: deskpost\\.credentials\\.private-keys")
                .contains("DESKPOST_CREDENTIAL_PRIVATE_KEYS");
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
        stack.topics().publish(Topics.FACILITY_MEMBERS, memberId, Member.newBuilder()
                .setHeader(EventHeader.newBuilder().setEventId("member-" + memberId)
                        .setOccurredAt(Instant.parse("2025-01-01T00:00:00Z")).setSource("directory-sync")
                        .setEntityVersion(1).setLocationId(NYC).setCorrelationId(memberId).build())
                .setMemberId(memberId).setEmail(email(memberId)).setName(memberId).setLocationIds(List.of(NYC))
                .build());
    }

    private static void release(EmailDraft draft, String copyTo) {
        Release release = Release.newBuilder().setMode(copyTo == null ? OversightMode.AUTONOMOUS : OversightMode.MONITORED)
                .setRule("test").setReleasedBy("policy").setReleasedAt(Instant.now()).setCopyTo(copyTo).build();
        stack.topics().publish(Lane.PRIORITY.outbound(), draft.getSupersedeKey(),
                DeliveryTestStack.ATTESTATION.release(draft, release));
    }

    private static MimeMessage awaitOnlyMessageTo(String address) {
        await().atMost(WAIT).until(() -> stack.smtp().messagesTo(address).size() == 1);
        return stack.smtp().messagesTo(address).get(0);
    }

    /** The first body part of the given type, decoded. */
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

    private static String text(MimeMessage message) {
        try {
            return part(message, "text/plain");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String raw(MimeMessage message) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            message.writeTo(out);
            return out.toString(UTF_8);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The dead letter on the priority lane's .dlq whose record is the draft's, as text (Avro strings are UTF-8). */
    private static String deadLetterHolding(String draftId) {
        String dlq = Lane.PRIORITY.outbound().deadLetterTopic();
        await().atMost(WAIT).until(() -> deadLetters(dlq).stream().anyMatch(value -> value.contains(draftId)));
        return deadLetters(dlq).stream().filter(value -> value.contains(draftId)).findFirst().orElseThrow();
    }

    private static List<String> deadLetters(String topic) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<String> values = new ArrayList<>();
            while (partitions.stream().anyMatch(partition -> consumer.position(partition) < end.get(partition))) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    values.add(record.value() == null ? "" : new String(record.value(), UTF_8));
                }
            }
            return values;
        }
    }

    private static List<Throwable> causes(Throwable failure) {
        List<Throwable> causes = new ArrayList<>();
        for (Throwable cause = failure; cause != null && !causes.contains(cause); cause = cause.getCause()) {
            causes.add(cause);
        }
        return causes;
    }

    private static List<String> auditTypes(String draftId) {
        return stack.audited(draftId).stream().map(event -> event.getType().name()).toList();
    }

    private static String detail(String draftId, String type) {
        return stack.audited(draftId).stream().filter(event -> event.getType().name().equals(type))
                .map(event -> event.getDetail()).findFirst().orElseThrow();
    }
}
