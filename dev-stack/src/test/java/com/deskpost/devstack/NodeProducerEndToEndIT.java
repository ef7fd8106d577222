package com.deskpost.devstack;

import static com.deskpost.devstack.StackQueries.auditTypes;
import static com.deskpost.devstack.StackQueries.part;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.deskpost.events.AccessEvent;
import com.deskpost.events.BillingEvent;
import com.deskpost.events.BookingCreated;
import com.deskpost.events.BookingCreatedType;
import com.deskpost.events.BookingEvent;
import com.deskpost.events.KeycardProvisioned;
import com.deskpost.events.KeycardProvisionedType;
import com.deskpost.events.Location;
import com.deskpost.events.Member;
import com.deskpost.events.PaymentSucceeded;
import com.deskpost.events.PaymentSucceededType;
import com.deskpost.platform.id.DraftIds;
import com.deskpost.platform.serde.AvroSerdes;
import com.deskpost.platform.topic.Topic;
import com.deskpost.platform.topic.Topics;
import com.deskpost.schemas.serde.SchemaRegistryClient;
import com.deskpost.testsupport.Postgres;
import com.deskpost.testsupport.node.NodeExample;
import com.deskpost.testsupport.process.ExternalProcess;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 21: a facility system written in Node publishes events that mean what they say. The Node example
 * ({@code examples/node/publish-events.js}, its own {@code node} process with kafkajs and
 * {@code @kafkajs/confluent-schema-registry}) registers the released v4 schemas and publishes a BookingCreated, a
 * KeycardProvisioned and a PaymentSucceeded, each naming its event type. The member receives the booking
 * confirmation, the keycard notice and the receipt, each audited as sent, and every record is Confluent-framed under
 * the v4 schema's id and reads in Java as the event type the producer named.
 */
class NodeProducerEndToEndIT {

    private static final Location LOCATION = SampleFacility.location("JS-1", "Deskpost Node Wharf", "London", "GB",
            "Europe/London", "UK");
    private static final Member MEMBER = SampleFacility.member("M-JS", "Noor", "noor.node@members.example", "en-GB",
            "JS-1");
    private static final Duration WAIT = Duration.ofSeconds(90);

    private static LocalStack stack;

    @BeforeAll
    static void startStack() {
        stack = LocalStack.infrastructure(LocalStack.Ports.RANDOM, Postgres.shared());
        try (FacilityPublisher directory = new FacilityPublisher(stack.bootstrapServers(), stack.registryUrl())) {
            directory.publish(Topics.FACILITY_LOCATIONS, LOCATION.getLocationId(), LOCATION);
            directory.publish(Topics.FACILITY_MEMBERS, MEMBER.getMemberId(), MEMBER);
        }
        stack.startServices();
    }

    @AfterAll
    static void stopStack() {
        stack.close();
    }

    @Test
    void aBookingAKeycardAndAPaymentPublishedFromNodeReachTheMemberAsTheEventsTheyNamed() throws Exception {
        // Given a booking, a keycard and a payment the Node facility system knows of
        String bookingEvent = UUID.randomUUID().toString();
        String accessEvent = UUID.randomUUID().toString();
        String billingEvent = UUID.randomUUID().toString();
        String email = MEMBER.getEmail();

        // When the Node example registers the released v4 schemas and publishes the three events
        ExternalProcess.Result run = NodeExample.run(
                "--bootstrap-servers", stack.bootstrapServers(), "--registry", stack.registryUrl(),
                "--booking-schema-file", released("BookingEvent").toString(),
                "--access-schema-file", released("AccessEvent").toString(),
                "--billing-schema-file", released("BillingEvent").toString(),
                "--member", MEMBER.getMemberId(), "--location", LOCATION.getLocationId(),
                "--booking-event-id", bookingEvent, "--booking-id", "B-JS-1", "--resource-id", "R-TURING",
                "--resource-name", "Meeting room Turing", "--starts-at", "2027-03-02T10:00:00Z",
                "--ends-at", "2027-03-02T11:30:00Z",
                "--access-event-id", accessEvent, "--keycard-id", "K-JS-0042", "--zone", "main-entrance",
                "--billing-event-id", billingEvent, "--subscription-id", "SUB-JS", "--payment-id", "PAY-JS-1",
                "--amount", "189.50", "--currency", "GBP", "--period-start", "2027-03-01",
                "--method", "Visa ending 4242");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("published BookingCreated " + bookingEvent + " for member M-JS to facility.bookings")
                .contains("published KeycardProvisioned " + accessEvent + " for member M-JS to facility.access")
                .contains("published PaymentSucceeded " + billingEvent + " for member M-JS to facility.billing");

        // Then the member receives the booking confirmation, the keycard notice and the receipt, each sent once
        String confirmation = DraftIds.draftId(bookingEvent, "booking-confirmation", email);
        String keycard = DraftIds.draftId(accessEvent, "access-keycard-provisioned", email);
        String receipt = DraftIds.draftId(billingEvent, "billing-receipt", email);
        await().atMost(WAIT).until(() -> auditTypes(stack, confirmation).contains("SENT")
                && auditTypes(stack, keycard).contains("SENT") && auditTypes(stack, receipt).contains("SENT"));
        assertThat(oneMailAbout("Meeting room Turing", "B-JS-1")).contains("Deskpost Node Wharf");
        assertThat(oneMailAbout("Your keycard for Deskpost Node Wharf is ready", "K-JS-0042")).contains("main-entrance");
        assertThat(oneMailAbout("Payment received: £189.50", "PAY-JS-1")).contains("Visa ending 4242");

        // And each record is Confluent-framed under the v4 schema's id and reads as the event type it named
        BookingEvent booking = published(Topics.FACILITY_BOOKINGS, "B-JS-1", "BookingEvent");
        assertThat(booking.getPayload()).isInstanceOfSatisfying(BookingCreated.class,
                created -> assertThat(created.getEventType()).isEqualTo(BookingCreatedType.BOOKING_CREATED));
        AccessEvent access = published(Topics.FACILITY_ACCESS, MEMBER.getMemberId(), "AccessEvent");
        assertThat(access.getPayload()).isInstanceOfSatisfying(KeycardProvisioned.class,
                card -> assertThat(card.getEventType()).isEqualTo(KeycardProvisionedType.KEYCARD_PROVISIONED));
        BillingEvent billing = published(Topics.FACILITY_BILLING, "SUB-JS", "BillingEvent");
        assertThat(billing.getPayload()).isInstanceOfSatisfying(PaymentSucceeded.class, paid -> {
            assertThat(paid.getEventType()).isEqualTo(PaymentSucceededType.PAYMENT_SUCCEEDED);
            assertThat(paid.getAmount().getAmountMinor()).isEqualTo(18950);
        });
    }

    @Test
    void withoutASchemaFileTheNodeExampleUsesTheLatestSchemaRegisteredForTheTopic() throws Exception {
        // Given the released v4 AccessEvent registered under facility.access-value, as an operator would
        SchemaRegistryClient registry = new SchemaRegistryClient(stack.registryUrl());
        int v4 = registry.register(Topics.FACILITY_ACCESS.name() + "-value",
                new Schema.Parser().parse(released("AccessEvent").toFile()));
        String accessEvent = UUID.randomUUID().toString();

        // When the Node example publishes only a keycard, naming no schema file
        ExternalProcess.Result run = NodeExample.run(
                "--bootstrap-servers", stack.bootstrapServers(), "--registry", stack.registryUrl(),
                "--events", "access", "--member", MEMBER.getMemberId(), "--location", LOCATION.getLocationId(),
                "--access-event-id", accessEvent, "--keycard-id", "K-JS-LATEST",
                "--valid-until", "2027-12-31T23:59:59+00:00");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("published KeycardProvisioned " + accessEvent)
                .contains("schema id " + v4).doesNotContain("BookingCreated").doesNotContain("PaymentSucceeded");

        // Then the member receives that keycard's notice, sent once
        String keycard = DraftIds.draftId(accessEvent, "access-keycard-provisioned", MEMBER.getEmail());
        await().atMost(WAIT).until(() -> auditTypes(stack, keycard).contains("SENT"));
        assertThat(oneMailAbout("Your keycard for Deskpost Node Wharf is ready", "K-JS-LATEST")).contains("K-JS-LATEST");
    }

    /** The released v4 value schema of a topic: what a facility system registers from the contract. */
    private static Path released(String record) {
        return NodeExample.repositoryRoot().resolve("schemas/released/v4/" + record + ".avsc");
    }

    /**
     * The text (subject and bodies) of the one mail to the member whose subject contains the words and whose text
     * contains the marker (a keycard or booking id: both tests' keycard notices share a subject).
     */
    private static String oneMailAbout(String subjectPart, String marker) throws Exception {
        List<String> texts = new ArrayList<>();
        for (MimeMessage message : stack.smtp().messagesTo(MEMBER.getEmail())) {
            assertThat(((InternetAddress) message.getAllRecipients()[0]).getAddress()).isEqualTo(MEMBER.getEmail());
            String text = message.getSubject() + part(message, "text/plain") + part(message, "text/html");
            if (message.getSubject().contains(subjectPart) && text.contains(marker)) {
                texts.add(text);
            }
        }
        assertThat(texts).as("mails to %s about %s (%s)", MEMBER.getEmail(), subjectPart, marker).hasSize(1);
        return texts.get(0);
    }

    /** The record the Node producer wrote under the key: its frame checked, its value read with the Java serde. */
    private static <V extends SpecificRecord> V published(Topic<V> topic, String key, String record) throws Exception {
        ConsumerRecord<String, byte[]> found = recordOn(topic.name(), key);
        byte[] value = found.value();
        assertThat(value[0]).as("Confluent magic byte").isZero();
        SchemaRegistryClient registry = new SchemaRegistryClient(stack.registryUrl());
        Schema v4 = new Schema.Parser().parse(released(record).toFile());
        assertThat(ByteBuffer.wrap(value, 1, 4).getInt()).as("schema id")
                .isEqualTo(registry.lookUp(topic.name() + "-value", v4));
        return new AvroSerdes(registry).deserialize(topic, value);
    }

    private static ConsumerRecord<String, byte[]> recordOn(String topic, String key) {
        Map<String, Object> config = new HashMap<>(stack.clientProperties("admin"));
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
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
