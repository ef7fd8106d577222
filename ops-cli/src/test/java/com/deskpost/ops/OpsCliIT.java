package com.deskpost.ops;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.deskpost.events.AccessEvent;
import com.deskpost.events.ApprovalDecision;
import com.deskpost.events.BookingCreated;
import com.deskpost.events.BookingCreatedType;
import com.deskpost.events.BookingEvent;
import com.deskpost.events.DecisionAction;
import com.deskpost.events.DoorCodeChanged;
import com.deskpost.ops.redrive.Redrive;
import com.deskpost.ops.redrive.SendBack;
import com.deskpost.ops.redrive.RedriveReport;
import com.deskpost.ops.redrive.RedriveSettings;
import com.deskpost.platform.credential.CredentialKeys;
import com.deskpost.platform.credential.CredentialOpener;
import com.deskpost.platform.credential.CredentialSealer;
import com.deskpost.platform.deadletter.CredentialRedaction;
import com.deskpost.platform.deadletter.DeadLetterHeaders;
import com.deskpost.platform.serde.AvroSerdes;
import com.deskpost.platform.topic.TopicRule;
import com.deskpost.platform.topic.Topics;
import com.deskpost.schemas.json.AvroJson;
import com.deskpost.schemas.proof.DecisionProof;
import com.deskpost.schemas.serde.SchemaRegistryClient;
import com.deskpost.testsupport.KafkaBroker;
import com.deskpost.testsupport.registry.SchemaRegistryServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** publish, tail and redrive against a real KRaft broker and the schema registry over HTTP. */
class OpsCliIT {

    private static KafkaBroker kafka;
    private static SchemaRegistryServer registry;
    private static AvroSerdes serdes;
    private static KafkaProducer<byte[], byte[]> producer;

    @TempDir
    Path dir;

    record Result(int code, String out, String err) {

        List<JsonNode> jsonLines() {
            return out.lines().map(Json.MAPPER::readTree).toList();
        }
    }

    @BeforeAll
    static void start() {
        kafka = KafkaBroker.start();
        registry = SchemaRegistryServer.start();
        serdes = new AvroSerdes(new SchemaRegistryClient(registry.url()));
        kafka.createTopics(TopicRule.DEFAULT.newTopics(Topics.FACILITY_BOOKINGS, Topics.FACILITY_ACCESS,
                Topics.MAIL_DECISIONS));
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new ByteArraySerializer(), new ByteArraySerializer());
    }

    @AfterAll
    static void stop() {
        producer.close();
        registry.close();
        kafka.close();
    }

    @Test
    void publishedEventIsKeyedByTheContractAndFramedForTheRegistry() throws Exception {
        // Given a booking written as Avro JSON
        BookingEvent booking = TestEvents.booking("B-PUB-1", "M-1");
        Path file = Files.writeString(dir.resolve("booking.json"), AvroJson.encode(booking));

        // When an operator publishes it
        Result result = cli("publish", "--topic", "facility.bookings", "--file", file.toString());

        // Then it is on facility.bookings under its booking id, and decodes to the same event, its type named
        assertThat(result.code()).as(result.err()).isZero();
        Matcher where = Pattern.compile("published facility.bookings partition (\\d+) offset (\\d+) key B-PUB-1")
                .matcher(result.out());
        assertThat(where.find()).as(result.out()).isTrue();
        ConsumerRecord<byte[], byte[]> record = readAll("facility.bookings").stream()
                .filter(r -> r.partition() == Integer.parseInt(where.group(1))
                        && r.offset() == Long.parseLong(where.group(2)))
                .findFirst().orElseThrow();
        assertThat(new String(record.key(), UTF_8)).isEqualTo("B-PUB-1");
        ((BookingCreated) booking.getPayload()).setEventType(BookingCreatedType.BOOKING_CREATED);
        assertThat(serdes.deserialize(Topics.FACILITY_BOOKINGS, record.value())).isEqualTo(booking);
    }

    @Test
    void invalidEventProducesNothing() throws Exception {
        // Given a booking without its booking id
        String json = AvroJson.encode(TestEvents.booking("B-BAD", "M-1")).replace("\"booking_id\":\"B-BAD\",", "");
        Path file = Files.writeString(dir.resolve("bad.json"), json);
        Map<TopicPartition, Long> before = endOffsets("facility.bookings");

        // When it is published
        Result result = cli("publish", "--topic", "facility.bookings", "--file", file.toString());

        // Then the operator learns the field path, and the topic is unchanged
        assertThat(result.code()).isEqualTo(2);
        assertThat(result.err()).contains("$.booking_id");
        assertThat(endOffsets("facility.bookings")).isEqualTo(before);
    }

    @Test
    void tailShowsDeadLettersWithTheirOriginReasonAndDecodedValue() throws Exception {
        // Given a dead-letter topic with an unknown-member booking and a record that is not Avro
        kafka.createTopics(1, "tail.bookings.dlq");
        BookingEvent booking = TestEvents.booking("B-T1", "M-NOBODY");
        send("tail.bookings.dlq", "B-T1", serdes.serialize(Topics.FACILITY_BOOKINGS, booking),
                deadLetter("facility.bookings", 1, 5, "Unknown member M-NOBODY"));
        byte[] garbage = "{\"booking_id\":\"B-T2\"}".getBytes(UTF_8);
        send("tail.bookings.dlq", "B-T2", garbage, deadLetter("facility.bookings", 2, 9, "Unknown magic byte 0x7b"));

        // When the operator tails it from the beginning
        Result result = cli("tail", "--topic", "tail.bookings.dlq", "--from-beginning");

        // Then each record is a JSON line with readable headers, the reason, and the value decoded or in base64
        assertThat(result.code()).as(result.err()).isZero();
        List<JsonNode> lines = result.jsonLines();
        assertThat(lines).hasSize(2);
        JsonNode first = lines.get(0);
        assertThat(first.path("key").asString()).isEqualTo("B-T1");
        assertThat(first.path("dead_letter").path("reason").asString()).isEqualTo("Unknown member M-NOBODY");
        assertThat(first.path("dead_letter").path("original_offset").asLong()).isEqualTo(5);
        assertThat(first.path("headers").path("kafka_original-partition").asInt()).isEqualTo(1);
        assertThat(first.path("value").path("booking_id").asString()).isEqualTo("B-T1");
        assertThat(AvroJson.decode(BookingEvent.class, first.path("value").toString())).isEqualTo(booking);
        JsonNode second = lines.get(1);
        assertThat(second.path("value").isNull()).isTrue();
        assertThat(Base64.getDecoder().decode(second.path("value_base64").asString())).isEqualTo(garbage);
        assertThat(second.path("value_error").asString()).contains("not Confluent wire format");

        // And --last 1 shows only the newest
        assertThat(cli("tail", "--topic", "tail.bookings.dlq", "--last", "1").jsonLines())
                .extracting(line -> line.path("key").asString()).containsExactly("B-T2");
    }

    @Test
    void tailMasksClearCredentialsUnlessAskedNotToAndShowsSealedOnes() {
        // Given a door code on facility.access in clear (a facility system that does not seal) and one sealed
        String sealed = new CredentialSealer(List.of(CredentialKeys.generate("tail-key").publicKey()))
                .seal("5150-77", "LDN-1", "M-SEALED");
        send("facility.access", "M-CODE", serdes.serialize(Topics.FACILITY_ACCESS,
                TestEvents.doorCode("M-CODE", "4711-93")), new RecordHeaders());
        send("facility.access", "M-SEALED", serdes.serialize(Topics.FACILITY_ACCESS,
                TestEvents.doorCode("M-SEALED", sealed)), new RecordHeaders());

        // When it is tailed, by default and with --show-credentials
        Result masked = cli("tail", "--topic", "facility.access", "--from-beginning");
        Result shown = cli("tail", "--topic", "facility.access", "--from-beginning", "--show-credentials");

        // Then the clear code appears only when asked for; the sealed one, which nobody but delivery opens, always
        assertThat(masked.code()).as(masked.err()).isZero();
        assertThat(masked.out()).contains("M-CODE", sealed).doesNotContain("4711-93");
        assertThat(shown.out()).contains("4711-93", sealed);
    }

    @Test
    void aDeadLetteredDoorCodeWhoseCodeIsSealedIsRedrivenAndStillOpensForItsHolder() {
        // Given a door-code event, code in clear, dead-lettered by the access composer (member not yet known):
        // the service sealed the code in the dead letter
        CredentialKeys.PrivateKey key = CredentialKeys.generate("redrive-key");
        CredentialRedaction composerDeadLetters = new CredentialRedaction(serdes,
                new CredentialSealer(List.of(key.publicKey())));
        Headers headers = deadLetter("rd5.access", 0, 3, "Member M-NEW of access event e-1 is not in the directory");
        byte[] kept = composerDeadLetters.redact(Topics.FACILITY_ACCESS.name(), serdes.serialize(Topics.FACILITY_ACCESS,
                TestEvents.doorCode("M-NEW", "2468-13")), headers);
        kafka.createTopics(1, "rd5.access", "rd5.access.dlq");
        send("rd5.access.dlq", "M-NEW", kept, headers);

        // When the operator redrives it once the member is published
        Result run = cli("redrive", "--from", "rd5.access.dlq", "--group", "g-rd5");

        // Then it goes back with its sealed code, which opens for its location and member to the code
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).contains("redriven 0@0 key M-NEW -> rd5.access", "redriven: 1, skipped: 0");
        ConsumerRecord<byte[], byte[]> redriven = readAll("rd5.access").get(0);
        assertThat(new String(redriven.value(), java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain("2468");
        AccessEvent event = serdes.deserialize(Topics.FACILITY_ACCESS, redriven.value());
        String code = ((DoorCodeChanged) event.getPayload()).getNewCode();
        assertThat(new CredentialOpener(List.of(key)).open(code, "LDN-1", "M-NEW")).isEqualTo("2468-13");
    }

    @Test
    void dryRunProducesNothingAndARealRunRedrivesWhatMatchesOnce() {
        // Given dead letters: an unknown member, a masked access record, an unknown location
        kafka.createTopics(3, "rd1.bookings");
        kafka.createTopics(1, "rd1.bookings.dlq");
        send("rd1.bookings.dlq", "D0", bytes("D0"), deadLetter("rd1.bookings", 2, 10, "Unknown member M-A"));
        Headers masked = deadLetter("rd1.bookings", 0, 11, "Unknown member M-B");
        masked.add(CredentialRedaction.HEADER, "credentials masked".getBytes(UTF_8));
        send("rd1.bookings.dlq", "D1", bytes("D1"), masked);
        send("rd1.bookings.dlq", "D2", bytes("D2"), deadLetter("rd1.bookings", 1, 12, "Unknown location X"));

        // When the operator does a dry run
        Result dry = cli("redrive", "--from", "rd1.bookings.dlq", "--dry-run", "--group", "g-rd1");

        // Then it reports what would happen, and neither produces nor commits anything
        assertThat(dry.code()).as(dry.err()).isZero();
        assertThat(dry.out()).contains("would redrive 0@0 key D0 -> rd1.bookings (was: Unknown member M-A)")
                .contains("skipped 0@1 key D1: credentials masked")
                .contains("would redrive: 2, skipped: 1");
        assertThat(readAll("rd1.bookings")).isEmpty();
        assertThat(committed("g-rd1", "rd1.bookings.dlq")).isNull();

        // When it redrives only the unknown members
        Result run = cli("redrive", "--from", "rd1.bookings.dlq", "--reason-contains", "Unknown member",
                "--group", "g-rd1");

        // Then exactly that one goes back, to its original partition, marked as redriven; the rest are reported
        assertThat(run.out()).contains("redriven: 1, skipped: 2").contains("remaining: 0");
        List<ConsumerRecord<byte[], byte[]>> target = readAll("rd1.bookings");
        assertThat(target).hasSize(1);
        ConsumerRecord<byte[], byte[]> redriven = target.get(0);
        assertThat(new String(redriven.key(), UTF_8)).isEqualTo("D0");
        assertThat(redriven.value()).isEqualTo(bytes("D0"));
        assertThat(redriven.partition()).isEqualTo(2);
        assertThat(header(redriven, SendBack.FROM_TOPIC)).isEqualTo("rd1.bookings.dlq");
        assertThat(header(redriven, SendBack.FROM_OFFSET)).isEqualTo("0");
        assertThat(redriven.headers().lastHeader("kafka_exception-message")).isNull();
        assertThat(committed("g-rd1", "rd1.bookings.dlq")).isEqualTo(3L);
    }

    @Test
    void aRunThatCrashesBeforeCommittingIsContinuedWithoutDoublingAnyRecord() {
        // Given five dead letters
        kafka.createTopics(3, "rd2.bookings");
        kafka.createTopics(1, "rd2.bookings.dlq");
        for (int i = 0; i < 5; i++) {
            send("rd2.bookings.dlq", "K" + i, bytes("K" + i), deadLetter("rd2.bookings", i % 3, i, "Unknown member"));
        }

        // When a redrive in batches of two dies in its second batch, records sent, offsets added, not committed
        Redrive crashing = new Redrive(clientProperties(), new RedriveSettings("rd2.bookings.dlq", null, false,
                Long.MAX_VALUE, null, "g-rd2", false, 2), outcome -> { }, (batch, txProducer) -> {
                    if (batch == 2) {
                        txProducer.close(Duration.ZERO);
                        throw new IllegalStateException("simulated crash");
                    }
                });
        assertThatThrownBy(crashing::run).hasMessage("simulated crash");

        // And the operator runs the same command again
        Result second = cli("redrive", "--from", "rd2.bookings.dlq", "--group", "g-rd2", "--batch-size", "2");

        // Then it continues after the first committed batch, and every record is in the target exactly once
        assertThat(second.code()).as(second.err()).isZero();
        assertThat(second.out()).contains("redriven: 3, skipped: 0, remaining: 0");
        assertThat(readAll("rd2.bookings")).extracting(r -> new String(r.key(), UTF_8))
                .containsExactlyInAnyOrder("K0", "K1", "K2", "K3", "K4");

        // And a third run finds nothing left
        assertThat(cli("redrive", "--from", "rd2.bookings.dlq", "--group", "g-rd2").out())
                .contains("redriven: 0, skipped: 0, remaining: 0");
        assertThat(readAll("rd2.bookings")).hasSize(5);
    }

    @Test
    void limitStopsARunAndTheNextOneContinues() {
        kafka.createTopics(1, "rd3.bookings", "rd3.bookings.dlq");
        for (int i = 0; i < 3; i++) {
            send("rd3.bookings.dlq", "L" + i, bytes("L" + i), deadLetter("rd3.bookings", 0, i, "Unknown member"));
        }

        Result first = cli("redrive", "--from", "rd3.bookings.dlq", "--group", "g-rd3", "--limit", "1");
        Result second = cli("redrive", "--from", "rd3.bookings.dlq", "--group", "g-rd3");

        assertThat(first.out()).contains("redriven: 1, skipped: 0, remaining: 2");
        assertThat(second.out()).contains("redriven: 2, skipped: 0, remaining: 0");
        assertThat(readAll("rd3.bookings")).extracting(r -> new String(r.key(), UTF_8))
                .containsExactly("L0", "L1", "L2");
    }

    @Test
    void aDeadLetterTopicWrittenInTransactionsIsRedrivenPastItsCommitMarkers() {
        // Given dead letters written as the services write them: each in a transaction, each followed by a marker
        kafka.createTopics(1, "rd5.bookings", "rd5.bookings.dlq");
        try (KafkaProducer<byte[], byte[]> transactional = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, "it-dead-letter-writer"),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            transactional.initTransactions();
            for (int i = 0; i < 2; i++) {
                transactional.beginTransaction();
                transactional.send(new ProducerRecord<>("rd5.bookings.dlq", null, ("T" + i).getBytes(UTF_8),
                        bytes("T" + i), deadLetter("rd5.bookings", 0, i, "Unknown member")));
                transactional.commitTransaction();
            }
        }

        // When they are redriven
        Result run = cli("redrive", "--from", "rd5.bookings.dlq", "--group", "g-rd5");

        // Then nothing is reported remaining, and the group's offset is at the end, so its lag is 0
        assertThat(run.out()).contains("redriven: 2, skipped: 0, remaining: 0");
        assertThat(committed("g-rd5", "rd5.bookings.dlq")).isEqualTo(endOffsets("rd5.bookings.dlq")
                .get(new TopicPartition("rd5.bookings.dlq", 0)));
        assertThat(readAll("rd5.bookings")).hasSize(2);
    }

    @Test
    void decideSignsTheEditAndPublishesItOnMailDecisionsKeyedByDraft() throws Exception {
        // Given a decision key's secret in a file, and an edited body
        String secret = "ops-it-decision-key-secret-0123456789";
        Path key = Files.writeString(dir.resolve("decision.key"), secret + "\n");
        Path body = Files.writeString(dir.resolve("body.txt"), "Hello,\nTuesday at 10 suits us.\n");

        // When an operator edits and approves a held draft as M-STAFF
        Result result = cli("decide", "--draft", "draft-D1", "--action", "edit-and-approve", "--as", "M-STAFF",
                "--subject", "Your tour", "--body-file", body.toString(), "--key-id", "ops-cli",
                "--key-file", key.toString(), "--decision-id", "dec-D1");

        // Then the signed decision is on mail.decisions under the draft id, and its proof verifies with the secret
        assertThat(result.code()).as(result.err()).isZero();
        assertThat(result.out()).contains("published decision dec-D1 (edit-and-approve of draft draft-D1 as M-STAFF,"
                + " signed with key ops-cli) to mail.decisions partition");
        ConsumerRecord<byte[], byte[]> record = readAll(Topics.MAIL_DECISIONS.name()).stream()
                .filter(r -> new String(r.key(), UTF_8).equals("draft-D1")).findFirst().orElseThrow();
        ApprovalDecision decision = serdes.deserialize(Topics.MAIL_DECISIONS, record.value());
        assertThat(decision.getDecisionId()).isEqualTo("dec-D1");
        assertThat(decision.getAction()).isEqualTo(DecisionAction.EDIT_AND_APPROVE);
        assertThat(decision.getDecidedBy()).isEqualTo("M-STAFF");
        assertThat(decision.getEditedSubject()).isEqualTo("Your tour");
        assertThat(decision.getEditedBodyText()).isEqualTo("Hello,\nTuesday at 10 suits us.\n");
        assertThat(decision.getProofKeyId()).isEqualTo("ops-cli");
        assertThat(DecisionProof.verify(decision, secret)).isTrue();
        assertThat(DecisionProof.verify(decision, secret + "-other")).isFalse();
    }

    @Test
    void redriveIntoAMissingTopicStopsWithAUsageError() {
        kafka.createTopics(1, "rd4.bookings.dlq");
        send("rd4.bookings.dlq", "M0", bytes("M0"), deadLetter("rd4.gone", 0, 0, "Unknown member"));

        Result result = cli("redrive", "--from", "rd4.bookings.dlq", "--group", "g-rd4");

        assertThat(result.code()).isEqualTo(2);
        assertThat(result.err()).contains("rd4.gone, which does not exist").contains("--to");
        assertThat(committed("g-rd4", "rd4.bookings.dlq")).isNull();
    }

    private Result cli(String subcommand, String... args) {
        List<String> all = new ArrayList<>(List.of(subcommand, "--bootstrap-servers", kafka.bootstrapServers(),
                "--registry", registry.url()));
        all.addAll(List.of(args));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = OpsCli.run(new PrintStream(out, true, UTF_8), new PrintStream(err, true, UTF_8),
                all.toArray(String[]::new));
        return new Result(code, out.toString(UTF_8), err.toString(UTF_8));
    }

    private static Map<String, Object> clientProperties() {
        return Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    }

    private static byte[] bytes(String text) {
        return ("value of " + text).getBytes(UTF_8);
    }

    private static Headers deadLetter(String topic, int partition, long offset, String reason) {
        return DeadLetterHeaders.describe(new RecordHeaders(), topic, partition, offset, 1_700_000_000_000L,
                new IllegalStateException(reason));
    }

    private static void send(String topic, String key, byte[] value, Headers headers) {
        try {
            producer.send(new ProducerRecord<>(topic, null, key.getBytes(UTF_8), value, headers))
                    .get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("Cannot send to " + topic, e);
        }
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), UTF_8);
    }

    private static KafkaConsumer<byte[], byte[]> consumer(String group) {
        Map<String, Object> properties = new java.util.HashMap<>(clientProperties());
        properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        if (group != null) {
            properties.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        }
        return new KafkaConsumer<>(properties, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /** Every committed record of a topic, read up to its end as it is now. */
    private static List<ConsumerRecord<byte[], byte[]>> readAll(String topic) {
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(null)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }

    private static Map<TopicPartition, Long> endOffsets(String topic) {
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(null)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            return consumer.endOffsets(partitions);
        }
    }

    private static Long committed(String group, String topic) {
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(group)) {
            OffsetAndMetadata offset = consumer.committed(Set.of(new TopicPartition(topic, 0))).get(
                    new TopicPartition(topic, 0));
            return offset == null ? null : offset.offset();
        }
    }
}
