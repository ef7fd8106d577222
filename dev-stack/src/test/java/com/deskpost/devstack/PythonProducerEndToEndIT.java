package com.deskpost.devstack;

import static com.deskpost.devstack.StackQueries.auditTypes;
import static com.deskpost.devstack.StackQueries.part;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.deskpost.events.Location;
import com.deskpost.events.Member;
import com.deskpost.platform.credential.CredentialKeys;
import com.deskpost.platform.credential.CredentialOpener;
import com.deskpost.platform.deadletter.DeadLetterHeaders;
import com.deskpost.platform.id.DraftIds;
import com.deskpost.platform.topic.Topics;
import com.deskpost.testsupport.Postgres;
import com.deskpost.testsupport.python.PythonExample;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Producers outside the JVM, run as their own {@code python3} processes with Debian's confluent-kafka, avro and
 * cryptography, registering the newest released schemas and publishing in Confluent wire format.
 *
 * <p>Issue 26: an event sealed by a producer outside the JVM reaches its holder with the right code. The Python
 * example {@code seal_and_publish.py} seals a door code with the public key whose private half delivery holds.
 * The member's mail carries the code; the record on facility.access carries only the sealed value.
 *
 * <p>Issue 21: a facility event means one thing in every language. {@code publish_events.py} encodes plain dicts
 * with avro's DatumWriter over the whole envelope, which picks the last union branch the dict fits: a booking,
 * a keycard and a payment that name their type (payload.event_type) reach the member as the confirmation,
 * keycard and receipt mails; a new booking's fields without the type, which avro writes as BookingModified, is
 * dead-lettered with the reason and mails nothing.
 *
 * <p>On the plain stack: Debian 12's librdkafka (2.0.2) cannot log in with SCRAM to a Kafka 4 broker (its
 * client-final nonce is rejected; fixed in librdkafka 2.6.1), so the secured stack is out of its reach
 * (docs/sealed-credentials.md says what a facility system does about it).
 */
class PythonProducerEndToEndIT {

    private static final Location LOCATION = SampleFacility.location("PY-1", "Deskpost Python Yard", "London", "GB",
            "Europe/London", "UK");
    private static final Member HOLDER = SampleFacility.member("M-PY", "Pia", "pia.python@members.example", "en-GB",
            "PY-1");
    private static final Member EVENTS_MEMBER = SampleFacility.member("M-PY-EVENTS", "Guido",
            "guido.python@members.example", "en-GB", "PY-1");
    private static final Member TYPED_MEMBER = SampleFacility.member("M-PY-TYPED", "Tim", "tim.python@members.example",
            "en-GB", "PY-1");
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final Pattern PUBLISHED = Pattern.compile(
            "published (\\w+) ([0-9a-f-]{36}) \\((event_type \\w+|no event_type)\\) to ([\\w.]+) key (\\S+)");

    private static LocalStack stack;

    @BeforeAll
    static void startStack() {
        stack = LocalStack.infrastructure(LocalStack.Ports.RANDOM, Postgres.shared());
        try (FacilityPublisher directory = new FacilityPublisher(stack.bootstrapServers(), stack.registryUrl())) {
            directory.publish(Topics.FACILITY_LOCATIONS, LOCATION.getLocationId(), LOCATION);
            for (Member member : List.of(HOLDER, EVENTS_MEMBER, TYPED_MEMBER)) {
                directory.publish(Topics.FACILITY_MEMBERS, member.getMemberId(), member);
            }
        }
        stack.startServices();
    }

    @AfterAll
    static void stopStack() {
        stack.close();
    }

    @Test
    void aDoorCodeSealedAndPublishedInPythonReachesItsHolderWithTheRightCode() throws Exception {
        // Given the key delivery opens with, and a new door code the facility system holds
        CredentialKeys.PublicKey key = stack.service("delivery-service").getBean(CredentialOpener.class)
                .publicKeys().get(0);
        String code = "PY-" + (100_000 + new SecureRandom().nextInt(900_000)) + "-"
                + (100_000 + new SecureRandom().nextInt(900_000));
        String eventId = UUID.randomUUID().toString();

        // When the Python example takes the current key from ingest, seals the code and publishes the event
        PythonExample.Run run = PythonExample.run(
                "--public-key-url", "http://localhost:" + stack.httpPort("ingest-service") + "/api/v1/credential-keys",
                "--ingest-key", stack.service("ingest-service").getEnvironment()
                        .getRequiredProperty("deskpost.ingest.clients[0].key"),
                "--bootstrap-servers", stack.bootstrapServers(), "--registry", stack.registryUrl(),
                "--schema-file", releasedSchema("AccessEvent").toString(),
                "--member", HOLDER.getMemberId(), "--location", LOCATION.getLocationId(), "--door", "D-MAIN",
                "--door-name", "Main entrance", "--code", code, "--event-id", eventId);
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("published DoorCodeChanged " + eventId).contains("sealed under key " + key.id())
                .doesNotContain(code);

        // Then the holder receives the door code mail with the right code, once, and it is audited as sent
        String draftId = DraftIds.draftId(eventId, "access-door-code-changed", HOLDER.getEmail());
        await().atMost(WAIT).until(() -> !mailsWith(code).isEmpty() && auditTypes(stack, draftId).contains("SENT"));
        List<MimeMessage> mails = mailsWith(code);
        assertThat(mails).hasSize(1);
        assertThat(((InternetAddress) mails.get(0).getAllRecipients()[0]).getAddress()).isEqualTo(HOLDER.getEmail());
        assertThat(mails.get(0).getSubject()).contains("Main entrance");

        // And the record the Python producer wrote is Confluent-framed and carries the sealed value only
        ConsumerRecord<String, byte[]> record = record(Topics.FACILITY_ACCESS.name(), HOLDER.getMemberId());
        assertThat(record.value()[0]).isZero();
        String value = new String(record.value(), StandardCharsets.ISO_8859_1);
        assertThat(value).contains(eventId).contains("sealed:v1:" + key.id() + ":").doesNotContain(code);
    }

    @Test
    void aBookingAKeycardAndAPaymentPublishedInPythonReachTheMemberAsTheirMails() throws Exception {
        // Given a member of the Python yard, and a facility system with the contract's newest released schemas
        String email = EVENTS_MEMBER.getEmail();

        // When the Python example publishes a booking, a keycard and a payment, each a dict naming its type
        PythonExample.Run run = publishEvents("all", "--member", EVENTS_MEMBER.getMemberId(),
                "--schema-file", releasedSchema("BookingEvent").toString(), releasedSchema("AccessEvent").toString(),
                releasedSchema("BillingEvent").toString(),
                "--booking-id", "B-PY-ALL", "--resource-name", "Meeting room Guido",
                "--starts-at", "2026-12-14T10:00:00Z",
                "--keycard-id", "K-PY-ALL", "--zone", "main-entrance",
                "--subscription-id", "SUB-PY-ALL", "--payment-id", "PAY-PY-ALL", "--amount-minor", "25000",
                "--currency", "GBP", "--method", "Visa ending 4242");
        assertThat(run.exitCode()).as(run.err()).isZero();
        Map<String, Published> published = published(run.out());
        assertThat(published).containsOnlyKeys("BookingCreated", "KeycardProvisioned", "PaymentSucceeded");
        assertThat(published.values()).extracting(Published::eventType)
                .containsExactlyInAnyOrder("BOOKING_CREATED", "KEYCARD_PROVISIONED", "PAYMENT_SUCCEEDED");
        assertThat(published.values()).extracting(p -> p.topic() + " " + p.key()).containsExactlyInAnyOrder(
                "facility.bookings B-PY-ALL", "facility.access M-PY-EVENTS", "facility.billing SUB-PY-ALL");

        // Then the member receives the confirmation, the keycard mail and the receipt, each audited as sent
        Map<String, String> drafts = Map.of(
                "booking-confirmation", published.get("BookingCreated").eventId(),
                "access-keycard-provisioned", published.get("KeycardProvisioned").eventId(),
                "billing-receipt", published.get("PaymentSucceeded").eventId());
        Map<String, String> draftIds = new HashMap<>();
        drafts.forEach((template, eventId) -> draftIds.put(template, DraftIds.draftId(eventId, template, email)));
        for (String draftId : draftIds.values()) {
            await().atMost(WAIT).until(() -> auditTypes(stack, draftId).contains("SENT"));
        }
        await().atMost(WAIT).until(() -> stack.smtp().messagesTo(email).size() >= 3);
        List<MimeMessage> mails = stack.smtp().messagesTo(email);
        assertThat(mails).hasSize(3);
        for (MimeMessage mail : mails) {
            assertThat(mail.getAllRecipients()).extracting(a -> ((InternetAddress) a).getAddress())
                    .containsExactly(email);
        }
        assertThat(mailFor(mails, draftIds.get("booking-confirmation")).getSubject())
                .startsWith("Booking confirmed: Meeting room Guido").contains(LOCATION.getName());
        assertThat(mailFor(mails, draftIds.get("access-keycard-provisioned")).getSubject())
                .isEqualTo("Your keycard for " + LOCATION.getName() + " is ready");
        assertThat(mailFor(mails, draftIds.get("billing-receipt")).getSubject())
                .startsWith("Payment received: £250.00").contains(LOCATION.getName());
    }

    @Test
    void fillingInOneEventTypesFieldsCanNoLongerPublishAnother() throws Exception {
        // Given a producer that fills in a new booking's fields but does not name the type
        String email = TYPED_MEMBER.getEmail();
        String untyped = UUID.randomUUID().toString();
        String[] booking = {"--member", TYPED_MEMBER.getMemberId(), "--schema-file",
                releasedSchema("BookingEvent").toString(), "--booking-id", "B-PY-TYPED",
                "--resource-name", "Meeting room Tim", "--starts-at", "2026-12-15T10:00:00Z"};

        // When it publishes the booking: avro writes those fields as the last record they fit, BookingModified
        PythonExample.Run run = publishEvents("booking",
                concat(booking, "--event-id", untyped, "--without-event-type"));
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("published BookingModified " + untyped + " (no event_type)");

        // Then the record lands on facility.bookings.dlq with a reason naming the field to set
        ConsumerRecord<String, byte[]> dead = record(Topics.FACILITY_BOOKINGS.deadLetterTopic(), "B-PY-TYPED");
        assertThat(dead.value()[0]).isZero();
        assertThat(new String(dead.value(), StandardCharsets.ISO_8859_1)).contains(untyped);
        assertThat(DeadLetterHeaders.reason(dead.headers())).contains("event_type");

        // When the same fields are published naming their type
        String typed = UUID.randomUUID().toString();
        run = publishEvents("booking", concat(booking, "--event-id", typed));
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("published BookingCreated " + typed + " (event_type BOOKING_CREATED)");

        // Then the member receives the confirmation: that record, on the same partition after the untyped one,
        // was read after it, and the untyped one mailed nothing, neither "booking changed" nor a confirmation
        String confirmation = DraftIds.draftId(typed, "booking-confirmation", email);
        await().atMost(WAIT).until(() -> auditTypes(stack, confirmation).contains("SENT"));
        assertThat(stack.smtp().messagesTo(email)).extracting(StackQueries::subject).singleElement().asString()
                .startsWith("Booking confirmed: Meeting room Tim");
        for (String template : List.of("booking-confirmation", "booking-modification")) {
            assertThat(auditTypes(stack, DraftIds.draftId(untyped, template, email))).as(template).isEmpty();
        }
    }

    /** What publish_events.py printed for one event. */
    private record Published(String record, String eventId, String eventType, String topic, String key) {
    }

    private static Map<String, Published> published(String out) {
        Map<String, Published> published = new HashMap<>();
        Matcher line = PUBLISHED.matcher(out);
        while (line.find()) {
            published.put(line.group(1), new Published(line.group(1), line.group(2),
                    line.group(3).replace("event_type ", ""), line.group(4), line.group(5)));
        }
        return published;
    }

    private static PythonExample.Run publishEvents(String command, String... args) {
        return PythonExample.run(PythonExample.Script.PUBLISH_EVENTS, concat(new String[] {command,
                "--bootstrap-servers", stack.bootstrapServers(), "--registry", stack.registryUrl(),
                "--location", LOCATION.getLocationId()}, args));
    }

    private static String[] concat(String[] first, String... more) {
        return Stream.concat(Stream.of(first), Stream.of(more)).toArray(String[]::new);
    }

    /** The mail whose Message-ID is the draft's (delivery derives it from the draft id). */
    private static MimeMessage mailFor(List<MimeMessage> mails, String draftId) throws Exception {
        for (MimeMessage mail : mails) {
            if (mail.getHeader("Message-ID", null).contains(draftId)) {
                return mail;
            }
        }
        throw new AssertionError("No mail for draft " + draftId);
    }

    /** The newest released schema of a type: what a facility system registers from the contract. */
    private static Path releasedSchema(String type) throws Exception {
        Path released = PythonExample.repositoryRoot().resolve("schemas/released");
        try (Stream<Path> versions = Files.list(released)) {
            return versions.map(v -> v.resolve(type + ".avsc")).filter(Files::isRegularFile)
                    .max(Comparator.comparingInt(p -> Integer.parseInt(p.getParent().getFileName().toString()
                            .substring(1))))
                    .orElseThrow(() -> new AssertionError("No released " + type + ".avsc under " + released));
        }
    }

    private static List<MimeMessage> mailsWith(String code) throws Exception {
        List<MimeMessage> with = new ArrayList<>();
        for (MimeMessage message : stack.smtp().messages()) {
            String text = message.getSubject() + part(message, "text/plain") + part(message, "text/html");
            if (text.contains(code)) {
                with.add(message);
            }
        }
        return with;
    }

    /** The first committed record with the key on a topic, read from the start. */
    private static ConsumerRecord<String, byte[]> record(String topic, String key) {
        Map<String, Object> config = new HashMap<>(stack.clientProperties("admin"));
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<ConsumerRecord<String, byte[]>> seen = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            await().atMost(WAIT).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
                return seen.stream().anyMatch(r -> key.equals(r.key()));
            });
        }
        return seen.stream().filter(r -> key.equals(r.key())).findFirst().orElseThrow();
    }
}
