package com.deskpost.oversight.ops;

import static org.awaitility.Awaitility.await;

import com.deskpost.events.ApprovalDecision;
import com.deskpost.events.AuditEvent;
import com.deskpost.events.EmailDraft;
import com.deskpost.events.Location;
import com.deskpost.oversight.OversightApplication;
import com.deskpost.oversight.queue.HeldDraft;
import com.deskpost.oversight.queue.HoldQueue;
import com.deskpost.platform.attestation.ReleaseAttestation;
import com.deskpost.platform.serde.AvroSerdes;
import com.deskpost.platform.topic.Topic;
import com.deskpost.platform.topic.TopicRule;
import com.deskpost.platform.topic.Topics;
import com.deskpost.schemas.serde.SchemaRegistryClient;
import com.deskpost.testsupport.KafkaBroker;
import com.deskpost.testsupport.Postgres;
import com.deskpost.testsupport.registry.SchemaRegistryServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.FileSystemUtils;

/**
 * The oversight service as it is deployed, on real infrastructure in this JVM: a KRaft broker,
 * the schema registry over HTTP and a PostgreSQL database of its own, configured through its own
 * settings file plus command-line overrides. The locations are on facility.locations before it
 * starts, as a directory would already hold them. It knows two decision keys: {@link #OPS_KEY}
 * (an ops tool speaking for any approver) and {@link #PERSONAL_KEY} (deciding for
 * {@link #PERSONAL_KEY_OWNER} only).
 */
final class RunningOversight implements AutoCloseable {

    static final Duration WAIT = Duration.ofSeconds(60);
    static final String OPS_KEY = "ops-cli";
    static final String OPS_KEY_SECRET = "ops-test-decision-key-secret-0123456789";
    static final String PERSONAL_KEY = "ada-phone";
    static final String PERSONAL_KEY_SECRET = "ada-test-decision-key-secret-0123456789";
    static final String PERSONAL_KEY_OWNER = "M-ADA-APPROVER";

    private final KafkaBroker kafka;
    private final SchemaRegistryServer registry;
    private final AvroSerdes serdes;
    private final KafkaProducer<String, byte[]> producer;
    private final List<String> settings;
    private final boolean replica;
    private final Path stateDir;
    private final ConfigurableApplicationContext app;

    private RunningOversight(Postgres postgres, List<Location> locations, Map<String, String> staffPasswords,
            String... overrides) throws IOException {
        kafka = KafkaBroker.start();
        createTopics();
        registry = SchemaRegistryServer.start();
        serdes = new AvroSerdes(new SchemaRegistryClient(registry.url()));
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                new StringSerializer(), new ByteArraySerializer());
        locations.forEach(location -> publish(Topics.FACILITY_LOCATIONS, location.getLocationId(), location));
        settings = new ArrayList<>(List.of(arguments(postgres.createDatabase("ops_page"), staffPasswords)));
        settings.addAll(List.of(overrides));
        replica = false;
        stateDir = Files.createTempDirectory("ops-page-streams");
        app = run(settings, stateDir);
    }

    /** A second instance of the first one's service: its broker, registry, database and settings. */
    private RunningOversight(RunningOversight first) throws IOException {
        kafka = first.kafka;
        registry = first.registry;
        serdes = first.serdes;
        producer = first.producer;
        settings = first.settings;
        replica = true;
        stateDir = Files.createTempDirectory("ops-page-replica-streams");
        app = run(settings, stateDir);
    }

    private static ConfigurableApplicationContext run(List<String> settings, Path stateDir) {
        List<String> args = new ArrayList<>(settings);
        args.add("--spring.kafka.streams.state-dir=" + stateDir);
        return OversightApplication.builder().run(args.toArray(String[]::new));
    }

    /**
     * @param staffPasswords member id to plain password: each becomes a staff account that may sign in
     * @param overrides further command-line settings, e.g. agent gateways
     */
    static RunningOversight start(List<Location> locations, Map<String, String> staffPasswords,
            String... overrides) {
        return start(Postgres.shared(), locations, staffPasswords, overrides);
    }

    /** With its database on {@code postgres}: a server of the test's own, to stop and start. */
    static RunningOversight start(Postgres postgres, List<Location> locations, Map<String, String> staffPasswords,
            String... overrides) {
        try {
            return new RunningOversight(postgres, locations, staffPasswords, overrides);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a Kafka Streams state directory", e);
        }
    }

    /**
     * Another replica of this service, as a second pod behind the same load balancer: the same
     * broker, registry, database and settings, its own port and Streams state. Closing it leaves
     * this one and the infrastructure running.
     */
    RunningOversight replica() {
        try {
            return new RunningOversight(this);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a Kafka Streams state directory", e);
        }
    }

    private String[] arguments(Postgres.Database db, Map<String, String> staffPasswords) {
        List<String> args = new ArrayList<>(List.of(
                "--spring.kafka.bootstrap-servers=" + kafka.bootstrapServers(),
                "--deskpost.kafka.schema-registry-url=" + registry.url(),
                "--spring.datasource.url=" + db.jdbcUrl(),
                "--spring.datasource.username=" + db.username(),
                "--spring.datasource.password=" + db.password(),
                "--server.port=0",
                "--spring.main.banner-mode=off",
                "--deskpost.oversight.decision-keys[0].id=" + OPS_KEY,
                "--deskpost.oversight.decision-keys[0].secret=" + OPS_KEY_SECRET,
                "--deskpost.oversight.decision-keys[0].decides-for[0]=*",
                "--deskpost.oversight.decision-keys[1].id=" + PERSONAL_KEY,
                "--deskpost.oversight.decision-keys[1].secret=" + PERSONAL_KEY_SECRET,
                "--deskpost.oversight.decision-keys[1].decides-for[0]=" + PERSONAL_KEY_OWNER));
        int n = 0;
        for (Map.Entry<String, String> account : staffPasswords.entrySet()) {
            String prefix = "--deskpost.oversight.staff[" + n++ + "].";
            args.add(prefix + "member-id=" + account.getKey());
            args.add(prefix + "password={noop}" + account.getValue());
            args.add(prefix + "name=Staff " + account.getKey());
        }
        return args.toArray(String[]::new);
    }

    /** By platform's rule, as the services create them, but before anything is published: the directories must be compacted from the start. */
    private void createTopics() {
        kafka.createTopics(TopicRule.DEFAULT.newTopics(Topics.ALL));
    }

    String url(String path) {
        return "http://localhost:" + app.getEnvironment().getRequiredProperty("local.server.port") + path;
    }

    /** Publishes the draft on mail.drafts, as a composer would, and waits until the service holds it. */
    HeldDraft hold(EmailDraft draft) {
        publish(Topics.MAIL_DRAFTS, draft.getSupersedeKey(), draft);
        HoldQueue queue = app.getBean(HoldQueue.class);
        return await().atMost(WAIT).until(() -> queue.find(draft.getDraftId()).orElse(null),
                held -> held != null);
    }

    /** Publishes the draft on mail.drafts, as a composer would, without waiting for the service. */
    void publish(EmailDraft draft) {
        publish(Topics.MAIL_DRAFTS, draft.getSupersedeKey(), draft);
    }

    /** Publishes bytes as they are (framed by the test itself) on the topic. */
    void publishRaw(String topic, String key, byte[] value) {
        try {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("Cannot publish to " + topic, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted publishing to " + topic, e);
        }
    }

    /** The service's application context, for its beans (the waits, the meters). */
    ConfigurableApplicationContext app() {
        return app;
    }

    SchemaRegistryServer registry() {
        return registry;
    }

    AvroSerdes serdes() {
        return serdes;
    }

    /** How many records all dead-letter topics ({@code *.dlq}) hold together, committed or not. */
    long deadLetters() {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        try (var consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.listTopics().values().stream().flatMap(List::stream)
                    .filter(info -> info.topic().endsWith(".dlq"))
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions);
            return consumer.endOffsets(partitions).entrySet().stream()
                    .mapToLong(end -> end.getValue() - begin.get(end.getKey())).sum();
        }
    }

    /** Publishes a decision on mail.decisions, as an ops tool would. */
    void decide(ApprovalDecision decision) {
        publish(Topics.MAIL_DECISIONS, decision.getDraftId(), decision);
    }

    /** What the running service attests its releases with. */
    ReleaseAttestation attestation() {
        return app.getBean(ReleaseAttestation.class);
    }

    HeldDraft find(String draftId) {
        return app.getBean(HoldQueue.class).find(draftId).orElseThrow();
    }

    /** Every committed record on mail.audit so far, by draft id, oldest first. */
    Map<String, List<AuditEvent>> auditTrail() {
        Map<String, List<AuditEvent>> trail = new LinkedHashMap<>();
        committed(Topics.MAIL_AUDIT).forEach(event ->
                trail.computeIfAbsent(event.getDraftId(), id -> new ArrayList<>()).add(event));
        return trail;
    }

    /** Every committed record on the topic so far, oldest first within each partition. */
    <V extends SpecificRecord> List<V> committed(Topic<V> topic) {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                // Only what the outbox relay's and the Streams' transactions committed: what delivery would see.
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        List<V> values = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic.name()).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                consumer.poll(Duration.ofMillis(200))
                        .forEach(record -> values.add(serdes.deserialize(topic, record.value())));
            }
        }
        return values;
    }

    private <V extends SpecificRecord> void publish(Topic<V> topic, String key, V value) {
        try {
            producer.send(new ProducerRecord<>(topic.name(), key, serdes.serialize(topic, value))).get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("Cannot publish to " + topic.name(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted publishing to " + topic.name(), e);
        }
    }

    @Override
    public void close() {
        app.close();
        if (!replica) {
            producer.close();
            registry.close();
            kafka.close();
        }
        FileSystemUtils.deleteRecursively(stateDir.toFile());
    }
}
