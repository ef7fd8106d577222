package com.deskpost.devstack;

import static com.deskpost.devstack.StackQueries.auditTypes;
import static com.deskpost.devstack.StackQueries.composerDirectoryHas;
import static com.deskpost.devstack.StackQueries.part;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.deskpost.events.AccessEvent;
import com.deskpost.events.DoorCodeChanged;
import com.deskpost.events.Location;
import com.deskpost.ops.OpsCli;
import com.deskpost.platform.deadletter.CredentialRedaction;
import com.deskpost.platform.deadletter.DeadLetterHeaders;
import com.deskpost.platform.id.DraftIds;
import com.deskpost.platform.topic.Topics;
import com.deskpost.testsupport.Postgres;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 26, dead letters and redrive: a door code for a member the directory does not know yet is
 * dead-lettered with the code sealed (not masked, so nothing is lost); once the member is added, the
 * operator redrives it with {@code ops-cli redrive} and the member receives the mail with the right code.
 */
class SealedRedriveEndToEndIT {

    private static final String DIRECTORY_GRACE = "3s";

    private static final Location LOCATION = SampleFacility.location("RDV-S", "Deskpost Sealed Redrive", "London",
            "GB", "Europe/London", "UK");
    private static final String MEMBER = "M-LATE-S";
    private static final String EMAIL = "m-late.sealed@members.example";
    private static final String CODE = "RD-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
    private static final Duration WAIT = Duration.ofSeconds(90);

    private static LocalStack stack;
    private static FacilityPublisher publisher;

    record Cli(int code, String out, String err) {
    }

    @BeforeAll
    static void startStack() {
        // An event for a member the directory never gets is dead-lettered once the grace has passed: briefly here.
        stack = LocalStack.infrastructure(LocalStack.Ports.RANDOM, Postgres.shared())
                .withServiceSettings("--deskpost.directory.grace=" + DIRECTORY_GRACE);
        publisher = new FacilityPublisher(stack.bootstrapServers(), stack.registryUrl());
        publisher.publish(Topics.FACILITY_LOCATIONS, LOCATION.getLocationId(), LOCATION);
        stack.startServices();
    }

    @AfterAll
    static void stopStack() {
        publisher.close();
        stack.close();
    }

    @Test
    void aDeadLetteredDoorCodeKeepsItsSealedCodeAndArrivesWithItAfterRedrive() throws Exception {
        // Given a door code, sent in clear by a facility system that does not seal, for a member not yet known
        AccessEvent changed = SampleFacility.access(MEMBER, LOCATION.getLocationId(), 1, DoorCodeChanged.newBuilder()
                .setDoorId("D1").setDoorName("Main entrance").setNewCode(CODE).setEffectiveFrom(Instant.now())
                .build());
        publisher.publish(Topics.FACILITY_ACCESS, MEMBER, changed);

        // Then it is dead-lettered with the reason, its code sealed: not in clear, not masked
        ConsumerRecord<String, byte[]> deadLetter = awaitDeadLetter(MEMBER);
        assertThat(DeadLetterHeaders.reason(deadLetter.headers())).contains(MEMBER);
        String value = new String(deadLetter.value(), StandardCharsets.ISO_8859_1);
        assertThat(value).doesNotContain(CODE).contains("sealed:v1:");
        assertThat(new String(deadLetter.headers().lastHeader(CredentialRedaction.HEADER).value(),
                StandardCharsets.UTF_8)).isEqualTo(CredentialRedaction.SEALED);

        // When the member is added, the access composer knows them, and the operator redrives the topic
        publisher.publish(Topics.FACILITY_MEMBERS, MEMBER, SampleFacility.member(MEMBER, "Member Late", EMAIL, "en-GB",
                LOCATION.getLocationId()));
        await().atMost(WAIT).until(() -> composerDirectoryHas(stack, "access-events", MEMBER));
        Cli redrive = cli("redrive", "--from", Topics.FACILITY_ACCESS.deadLetterTopic(),
                "--bootstrap-servers", stack.bootstrapServers(), "--registry", stack.registryUrl());

        // Then it is sent back, and the member receives the door code mail with the right code, once
        assertThat(redrive.code()).as(redrive.err()).isZero();
        assertThat(redrive.out()).contains("key " + MEMBER + " -> " + Topics.FACILITY_ACCESS.name())
                .contains("redriven: 1, skipped: 0");
        String draftId = DraftIds.draftId(changed.getHeader().getEventId(), "access-door-code-changed", EMAIL);
        await().atMost(WAIT).until(() -> !mailsWithCode().isEmpty() && auditTypes(stack, draftId).contains("SENT"));
        List<MimeMessage> mails = mailsWithCode();
        assertThat(mails).hasSize(1);
        assertThat(mails.get(0).getSubject()).contains("Main entrance");
        assertThat(stack.smtp().messages()).filteredOn(m -> !isTo(m, EMAIL))
                .noneMatch(m -> text(m).contains(CODE));
    }

    private static List<MimeMessage> mailsWithCode() throws Exception {
        List<MimeMessage> with = new ArrayList<>();
        for (MimeMessage message : stack.smtp().messagesTo(EMAIL)) {
            if (text(message).contains(CODE)) {
                with.add(message);
            }
        }
        return with;
    }

    private static boolean isTo(MimeMessage message, String address) {
        try {
            return ((InternetAddress) message.getAllRecipients()[0]).getAddress().equals(address);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String text(MimeMessage message) {
        try {
            return message.getSubject() + "\n" + part(message, "text/plain") + "\n" + part(message, "text/html");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Cli cli(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = OpsCli.run(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), args);
        return new Cli(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static ConsumerRecord<String, byte[]> awaitDeadLetter(String key) {
        List<ConsumerRecord<String, byte[]>> dead = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.FACILITY_ACCESS.deadLetterTopic()));
            await().atMost(WAIT).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(dead::add);
                return dead.stream().anyMatch(r -> key.equals(r.key()));
            });
        }
        return dead.stream().filter(r -> key.equals(r.key())).findFirst().orElseThrow();
    }
}
