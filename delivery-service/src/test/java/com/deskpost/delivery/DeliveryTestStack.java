package com.deskpost.delivery;

import com.deskpost.events.AuditEvent;
import com.deskpost.platform.attestation.ReleaseAttestation;
import com.deskpost.platform.credential.CredentialKeys;
import com.deskpost.platform.credential.CredentialSealer;
import com.deskpost.platform.topic.TopicRule;
import com.deskpost.platform.topic.Topics;
import com.deskpost.testsupport.KafkaBroker;
import com.deskpost.testsupport.Postgres;
import com.deskpost.testsupport.SmtpServer;
import com.deskpost.testsupport.registry.SchemaRegistryServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.util.FileSystemUtils;

/**
 * The delivery service as it is deployed, started from its own settings file, on real
 * infrastructure in this JVM: a KRaft broker, the schema registry over HTTP, a fresh PostgreSQL
 * database and a GreenMail SMTP server, on random ports. One per test class: {@link #start} in
 * {@code @BeforeAll}, {@link #stop} in {@code @AfterAll}.
 *
 * <p>The service accepts one API client, {@link #API_CLIENT} with key {@link #API_KEY}, and sends
 * only mail attested as oversight would: build released records with {@link #ATTESTATION}. It holds
 * two private credential keys, as during a rotation: {@link #CURRENT_KEY} and {@link #PREVIOUS_KEY};
 * seal drafts' credentials as composers do with {@link #SEALER}.
 */
public final class DeliveryTestStack implements AutoCloseable {

    public static final String API_CLIENT = "it";
    public static final String API_KEY = "it-api-key-0123456789";
    public static final String UNSUBSCRIBE_SECRET = "test";
    public static final String ATTESTATION_SECRET = "delivery-test-attestation-secret";
    /** Oversight's side of the attestation: {@code ATTESTATION.release(draft, release)} is a record delivery sends. */
    public static final ReleaseAttestation ATTESTATION = new ReleaseAttestation(ATTESTATION_SECRET, List.of());
    /** Delivery's current private credential key (test keys, not the development default). */
    public static final CredentialKeys.PrivateKey CURRENT_KEY = CredentialKeys.generate("it-2026-02");
    /** The key before it, still held while mail sealed under it may be in flight. */
    public static final CredentialKeys.PrivateKey PREVIOUS_KEY = CredentialKeys.generate("it-2026-01");
    /** Seals as composers do: for the current key. */
    public static final CredentialSealer SEALER = new CredentialSealer(List.of(CURRENT_KEY.publicKey(),
            PREVIOUS_KEY.publicKey()));
    /** Not the development default, so a test proves the service uses the secret it is given. */
    public static final String PSEUDONYM_SECRET = "it-pseudonym-secret-0123456789abcdef";

    /** Signs the return paths; a test makes the ones a genuine bounce comes back to with {@link #RETURN_PATHS}. */
    public static final String RETURN_PATH_SECRET = "it-return-path-secret-0123456789";
    public static final String BOUNCE_DOMAIN = "bounce.it.example";
    public static final com.deskpost.delivery.feedback.ReturnPaths RETURN_PATHS =
            new com.deskpost.delivery.feedback.ReturnPaths(BOUNCE_DOMAIN, RETURN_PATH_SECRET);

    private final KafkaBroker kafka;
    private final SchemaRegistryServer registry;
    private final SmtpServer smtp;
    private final Postgres.Database database;
    private final Path stateDir;
    private final TestTopics topics;
    private ConfigurableApplicationContext service;
    private final List<ConfigurableApplicationContext> instances = new ArrayList<>();
    private final List<Path> instanceStateDirs = new ArrayList<>();

    private DeliveryTestStack(Postgres postgres) {
        this(postgres, false);
    }

    private DeliveryTestStack(Postgres postgres, boolean refusals) {
        kafka = KafkaBroker.start();
        // Created before anyone publishes, by platform's rule, so the directories are compacted as in production.
        kafka.createTopics(TopicRule.DEFAULT.newTopics(Topics.ALL));
        registry = SchemaRegistryServer.start();
        smtp = refusals ? SmtpServer.startWithRefusals() : SmtpServer.start();
        database = postgres.createDatabase("delivery_it");
        try {
            stateDir = Files.createTempDirectory("delivery-streams");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a Kafka Streams state directory", e);
        }
        topics = new TestTopics(kafka.bootstrapServers(), registry.url());
    }

    /** Infrastructure and the service; {@code overrides} are extra {@code --name=value} arguments. */
    public static DeliveryTestStack start(String... overrides) {
        DeliveryTestStack stack = infrastructure();
        stack.startService(overrides);
        return stack;
    }

    /** Infrastructure only, so a test can seed topics first; then {@link #startService}. */
    public static DeliveryTestStack infrastructure() {
        return new DeliveryTestStack(Postgres.shared());
    }

    /** Infrastructure whose SMTP server can refuse recipients permanently ({@link SmtpServer#refusePermanently}). */
    public static DeliveryTestStack infrastructureWithRefusals() {
        return new DeliveryTestStack(Postgres.shared(), true);
    }

    /** Infrastructure with the service's database on {@code postgres}: a server of the test's own, to stop and start. */
    public static DeliveryTestStack infrastructure(Postgres postgres) {
        return new DeliveryTestStack(postgres);
    }

    public DeliveryTestStack startService(String... overrides) {
        service = DeliveryApplication.builder().run(serviceArguments(overrides).toArray(String[]::new));
        return this;
    }

    /**
     * The command-line arguments that point the service at this infrastructure, plus {@code overrides}: what
     * {@link #startService} passes, and what a test that runs delivery as its own process passes to it.
     */
    public List<String> serviceArguments(String... overrides) {
        return serviceArguments(stateDir, overrides);
    }

    /**
     * One more instance of the service on this infrastructure and database, as a second replica of a deployment
     * is (the same consumer groups, the same outbox relay's transactional id), with a Kafka Streams state
     * directory of its own; closed by {@link #close}, or earlier by the test (an instance leaving).
     */
    public ConfigurableApplicationContext startInstance(String... overrides) {
        Path instanceStateDir;
        try {
            instanceStateDir = Files.createTempDirectory("delivery-streams");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a Kafka Streams state directory", e);
        }
        instanceStateDirs.add(instanceStateDir);
        ConfigurableApplicationContext instance = DeliveryApplication.builder()
                .run(serviceArguments(instanceStateDir, overrides).toArray(String[]::new));
        instances.add(instance);
        return instance;
    }

    private List<String> serviceArguments(Path streamsStateDir, String... overrides) {
        List<String> args = new ArrayList<>(List.of(
                "--spring.kafka.bootstrap-servers=" + kafka.bootstrapServers(),
                "--deskpost.kafka.schema-registry-url=" + registry.url(),
                "--spring.datasource.url=" + database.jdbcUrl(),
                "--spring.datasource.username=" + database.username(),
                "--spring.datasource.password=" + database.password(),
                "--spring.mail.host=" + smtp.host(),
                "--spring.mail.port=" + smtp.port(),
                "--server.port=0",
                "--spring.kafka.streams.state-dir=" + streamsStateDir,
                "--spring.main.banner-mode=off",
                "--deskpost.delivery.unsubscribe-secret=" + UNSUBSCRIBE_SECRET,
                "--deskpost.attestation.secret=" + ATTESTATION_SECRET,
                "--deskpost.pseudonym.secret=" + PSEUDONYM_SECRET,
                "--deskpost.feedback.return-path-secret=" + RETURN_PATH_SECRET,
                "--deskpost.feedback.bounce-domain=" + BOUNCE_DOMAIN,
                "--deskpost.credentials.private-keys=" + CURRENT_KEY.text() + "," + PREVIOUS_KEY.text(),
                "--deskpost.api.clients[0].id=" + API_CLIENT,
                "--deskpost.api.clients[0].key=" + API_KEY,
                "--deskpost.api.clients[0].scopes=read,contacts,erasure"));
        args.addAll(List.of(overrides));
        return args;
    }

    /** Absolute URL of a path on the running service, e.g. {@code url("/api/v1/messages")}. */
    public String url(String path) {
        return "http://127.0.0.1:" + service.getEnvironment().getRequiredProperty("local.server.port") + path;
    }

    public SmtpServer smtp() {
        return smtp;
    }

    /** Publishes to and reads from any topic; see {@link TestTopics}. */
    public TestTopics topics() {
        return topics;
    }

    /**
     * The audit events delivery published on mail.audit about one draft, in the order published, each audit id
     * once, as the audit store (audit-service) keeps them; poll it with Awaitility.
     */
    public List<AuditEvent> audited(String draftId) {
        Map<String, AuditEvent> byId = new LinkedHashMap<>();
        topics.values(Topics.MAIL_AUDIT).stream().filter(event -> draftId.equals(event.getDraftId()))
                .forEach(event -> byId.putIfAbsent(event.getAuditId(), event));
        return List.copyOf(byId.values());
    }

    /** The service's own database (ledger, consent tags). */
    public JdbcTemplate jdbc() {
        return new JdbcTemplate(new DriverManagerDataSource(database.jdbcUrl(), database.username(),
                database.password()));
    }

    /** The running service, for a bean a test needs to reach directly. */
    public ConfigurableApplicationContext service() {
        return service;
    }

    public String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    public String registryUrl() {
        return registry.url();
    }

    /**
     * Sessions of the service's database waiting for a lock to write the outbox: a sender that has its 250 and its
     * ledger row, its commit held up by a test's lock on the outbox table.
     */
    public int outboxWritesWaitingOnALock() {
        return jdbc().queryForObject("""
                select count(*) from pg_stat_activity
                 where datname = current_database() and wait_event_type = 'Lock' and query like '%insert into outbox%'""",
                Integer.class);
    }

    /** Stops the service, then the infrastructure. */
    public void stop() {
        close();
    }

    @Override
    public void close() {
        if (service != null) {
            service.close();
        }
        instances.forEach(ConfigurableApplicationContext::close);
        topics.close();
        smtp.close();
        registry.close();
        kafka.close();
        FileSystemUtils.deleteRecursively(stateDir.toFile());
        instanceStateDirs.forEach(dir -> FileSystemUtils.deleteRecursively(dir.toFile()));
    }
}
