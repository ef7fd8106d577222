package com.deskpost.ops;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.deskpost.platform.deadletter.DeadLetterHeaders;
import com.deskpost.platform.topic.TopicRule;
import com.deskpost.platform.topic.Topics;
import com.deskpost.schemas.json.AvroJson;
import com.deskpost.testsupport.AclMatrix;
import com.deskpost.testsupport.KafkaBroker;
import com.deskpost.testsupport.KafkaCredentials;
import com.deskpost.testsupport.registry.SchemaRegistryServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operations CLI against a broker in ACL mode and a registry behind basic auth, logging in the way
 * Kafka's own tools do: a {@code --command-config} properties file, and the registry's user info.
 */
class OpsCliSecureIT {

    private static final String REGISTRY_LOGIN = "deskpost:registry-secret";

    private static KafkaBroker kafka;
    private static SchemaRegistryServer registry;

    @TempDir
    Path dir;

    record Result(int code, String out, String err) {
    }

    @BeforeAll
    static void start() {
        kafka = KafkaBroker.startSecure(AclMatrix.load());
        registry = SchemaRegistryServer.startWithBasicAuth(REGISTRY_LOGIN);
        kafka.createTopics(TopicRule.DEFAULT.newTopics(Topics.FACILITY_BOOKINGS));
    }

    @AfterAll
    static void stop() {
        registry.close();
        kafka.close();
    }

    @Test
    void theOpsPrincipalPublishesAndTailsWithItsCommandConfig() throws Exception {
        // Given the ops tools' login in a client properties file
        Path login = commandConfig(kafka.credentials("ops-cli"));
        Path file = Files.writeString(dir.resolve("booking.json"), AvroJson.encode(TestEvents.booking("B-SEC-1", "M-1")));

        // When an operator publishes a booking and reads it back
        Result published = cli("publish", "--command-config", login.toString(), "--registry-user-info", REGISTRY_LOGIN,
                "--topic", "facility.bookings", "--file", file.toString());
        Result tailed = cli("tail", "--command-config", login.toString(), "--registry-user-info", REGISTRY_LOGIN,
                "--topic", "facility.bookings", "--from-beginning");

        // Then both work under the ops-cli principal's grants
        assertThat(published.code()).as(published.err()).isZero();
        assertThat(published.out()).contains("published facility.bookings");
        assertThat(tailed.code()).as(tailed.err()).isZero();
        assertThat(tailed.out()).contains("B-SEC-1");
    }

    @Test
    void theReadOnlyConsoleCannotPublishAndNobodyPublishesWithoutTheRegistryLogin() throws Exception {
        Path file = Files.writeString(dir.resolve("booking.json"), AvroJson.encode(TestEvents.booking("B-SEC-2", "M-1")));

        Result asConsole = cli("publish", "--command-config", commandConfig(kafka.credentials("console")).toString(),
                "--registry-user-info", REGISTRY_LOGIN, "--topic", "facility.bookings", "--file", file.toString());
        Result withoutRegistryLogin = cli("publish", "--command-config",
                commandConfig(kafka.credentials("ops-cli")).toString(),
                "--topic", "facility.bookings", "--file", file.toString());

        assertThat(asConsole.code()).isNotZero();
        assertThat(asConsole.err()).containsIgnoringCase("authoriz");
        assertThat(withoutRegistryLogin.code()).isNotZero();
        assertThat(withoutRegistryLogin.err()).contains("401");
    }

    @Test
    void theOpsPrincipalRedrivesAFacilityDeadLetterButNotReleasedMail() throws Exception {
        // Given a dead-lettered booking and a dead-lettered released mail, as the services would leave them
        kafka.createTopics(TopicRule.DEFAULT.newTopics(Topics.MAIL_OUTBOUND));
        deadLetter(Topics.FACILITY_BOOKINGS.name(), "B-SEC-3");
        deadLetter(Topics.MAIL_OUTBOUND.name(), "draft-1");
        String login = commandConfig(kafka.credentials("ops-cli")).toString();

        // When the operator redrives both under the ops-cli principal
        Result booking = cli("redrive", "--command-config", login, "--registry-user-info", REGISTRY_LOGIN,
                "--from", Topics.FACILITY_BOOKINGS.deadLetterTopic());
        Result released = cli("redrive", "--command-config", login, "--registry-user-info", REGISTRY_LOGIN,
                "--from", Topics.MAIL_OUTBOUND.deadLetterTopic());

        // Then the booking goes back (its group and transactional id are the ops tools'), released mail does not
        assertThat(booking.code()).as(booking.err()).isZero();
        assertThat(booking.out()).contains("redriven: 1");
        assertThat(released.code()).isNotZero();
        assertThat(released.err()).containsIgnoringCase("authoriz");
    }

    private static void deadLetter(String topic, String key) throws Exception {
        Map<String, Object> config = new HashMap<>(kafka.adminProperties());
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic + ".dlq", null, key.getBytes(UTF_8), key.getBytes(UTF_8),
                    DeadLetterHeaders.describe(new RecordHeaders(), topic, 0, 0, 1_700_000_000_000L,
                            new IllegalStateException("Unknown member")))).get(30, TimeUnit.SECONDS);
        }
    }

    private Path commandConfig(KafkaCredentials credentials) throws Exception {
        Properties properties = new Properties();
        credentials.clientProperties().forEach((key, value) -> {
            if (!key.equals("bootstrap.servers")) {
                properties.setProperty(key, value.toString());
            }
        });
        Path file = dir.resolve(credentials.principal() + ".properties");
        try (var out = Files.newBufferedWriter(file)) {
            properties.store(out, "Kafka client login of " + credentials.principal());
        }
        return file;
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
}
