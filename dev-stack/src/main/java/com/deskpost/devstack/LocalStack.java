package com.deskpost.devstack;

import com.deskpost.access.AccessEventsApplication;
import com.deskpost.audit.AuditApplication;
import com.deskpost.billing.BillingEventsApplication;
import com.deskpost.booking.BookingEventsApplication;
import com.deskpost.community.CommunityEventsApplication;
import com.deskpost.delivery.DeliveryApplication;
import com.deskpost.events.ApprovalDecision;
import com.deskpost.ingest.IngestApplication;
import com.deskpost.mcp.McpServerApplication;
import com.deskpost.oversight.OversightApplication;
import com.deskpost.platform.attestation.ReleaseAttestation;
import com.deskpost.platform.startup.DevelopmentSettings;
import com.deskpost.platform.topic.TopicRule;
import com.deskpost.platform.topic.Topics;
import com.deskpost.schemas.proof.DecisionProof;
import com.deskpost.schemas.serde.SchemaRegistryClient;
import com.deskpost.testsupport.AclMatrix;
import com.deskpost.testsupport.KafkaBroker;
import com.deskpost.testsupport.Postgres;
import com.deskpost.testsupport.SmtpServer;
import com.deskpost.testsupport.registry.SchemaRegistryServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Deskpost on one JVM: the real infrastructure (KRaft broker, schema registry, PostgreSQL, SMTP
 * server) and every service as its own Spring application context, configured exactly as its
 * deployable would be, through its own settings file plus command-line overrides. Infrastructure
 * starts first so callers can seed the directories before the services load them.
 *
 * <p>{@link #secureInfrastructure} runs it as production does (DESIGN section 4): the broker
 * authenticates every client and allows only what the ACL matrix grants, each service logs in as its
 * own principal (its name), and the registry requires basic auth.
 */
public final class LocalStack implements AutoCloseable {

    /** Fixed ports for a person to use; 0 means any free port (tests). */
    public record Ports(int kafka, int registry, int smtp, int imap, int booking, int oversight, int delivery) {

        public static final Ports RANDOM = new Ports(0, 0, 0, 0, 0, 0, 0);
        public static final Ports WELL_KNOWN = new Ports(9092, 8081, 2525, 3143, 8083, 8084, 8085);
    }

    private final Ports ports;
    private final KafkaBroker kafka;
    private final SchemaRegistryServer registry;
    private final SmtpServer smtp;
    private final Postgres.Database deliveryDb;
    private final Postgres.Database oversightDb;
    private final Postgres.Database auditDb;
    private final Path stateDir;
    private final List<ConfigurableApplicationContext> services = new ArrayList<>();
    private final List<String> deliverySettings = new ArrayList<>();
    private final List<String> serviceSettings = new ArrayList<>();
    private final List<String> ingestSettings = new ArrayList<>();

    private LocalStack(Ports ports, Postgres postgres, boolean secure) {
        this.ports = ports;
        if (secure) {
            this.kafka = KafkaBroker.startSecure(AclMatrix.load());
            this.registry = SchemaRegistryServer.startWithBasicAuth("deskpost:" + randomSecret());
        } else {
            this.kafka = ports.kafka() == 0 ? KafkaBroker.start() : KafkaBroker.start(ports.kafka());
            this.registry = ports.registry() == 0 ? SchemaRegistryServer.start() : SchemaRegistryServer.start(ports.registry());
        }
        createTopics(kafka);
        requireFullTransitive(registry);
        this.smtp = ports.smtp() == 0 ? SmtpServer.start() : SmtpServer.start(ports.smtp(), ports.imap());
        this.deliveryDb = postgres.createDatabase("deskpost_delivery");
        this.oversightDb = postgres.createDatabase("deskpost_oversight");
        this.auditDb = postgres.createDatabase("deskpost_audit");
        try {
            this.stateDir = Files.createTempDirectory("deskpost-streams");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a Kafka Streams state directory", e);
        }
    }

    private static String randomSecret() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** DESIGN §2: topic schemas evolve FULL_TRANSITIVE; the registry enforces it as a production one would be set up. */
    private static void requireFullTransitive(SchemaRegistryServer registry) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(registry.url() + "/config"))
                .header("Content-Type", "application/vnd.schemaregistry.v1+json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"compatibility\":\"FULL_TRANSITIVE\"}"));
        if (registry.userInfo() != null) {
            builder.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                    registry.userInfo().getBytes(StandardCharsets.UTF_8)));
        }
        HttpRequest request = builder.build();
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("Registry refused FULL_TRANSITIVE: " + response.body());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot configure the schema registry at " + registry.url(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted configuring the schema registry", e);
        }
    }

    /**
     * By platform's topic rule, as the services would create them (compaction, facility.access's short
     * retention, mail.consent never aged out), but before anyone publishes: directories must be compacted
     * from the start.
     */
    private static void createTopics(KafkaBroker kafka) {
        kafka.createTopics(TopicRule.DEFAULT.newTopics(Topics.ALL));
    }

    /** Starts the infrastructure only; call {@link #startServices()} once directories are seeded. */
    public static LocalStack infrastructure(Ports ports, Postgres postgres) {
        return new LocalStack(ports, postgres, false);
    }

    /**
     * Like {@link #infrastructure}, on free ports, with the broker in ACL mode (SASL SCRAM, the matrix of
     * {@code deskpost/kafka-acls.txt}, deny by default) and a registry that requires basic auth. Each
     * service then logs in as the principal of its name; {@link #publisherAs} publishes as any other.
     */
    public static LocalStack secureInfrastructure(Postgres postgres) {
        return new LocalStack(Ports.RANDOM, postgres, true);
    }

    /** Settings delivery-service starts with besides the stack's own (e.g. the dev-stack's DKIM keys). */
    public LocalStack withDeliverySettings(String... settings) {
        deliverySettings.addAll(List.of(settings));
        return this;
    }

    /**
     * Settings every service starts with besides the stack's own, e.g. a short {@code deskpost.directory.grace}
     * for a test that wants to see an event for an unknown member dead-lettered within its wait.
     */
    public LocalStack withServiceSettings(String... settings) {
        serviceSettings.addAll(List.of(settings));
        return this;
    }

    /** Settings ingest-service starts with besides the stack's own (e.g. an OfficeRnD office's mailboxes). */
    public LocalStack withIngestSettings(String... settings) {
        ingestSettings.addAll(List.of(settings));
        return this;
    }

    public LocalStack startServices() {
        services.add(start(BookingEventsApplication.builder(), "booking-events", ports.booking()));
        services.add(start(BillingEventsApplication.builder(), "billing-events", ports.booking() == 0 ? 0 : 8086));
        services.add(start(AccessEventsApplication.builder(), "access-events", ports.booking() == 0 ? 0 : 8087));
        services.add(start(CommunityEventsApplication.builder(), "community-events", ports.booking() == 0 ? 0 : 8088,
                // Its inbound SMTP listener: beside the SMTP sink's port for a person, any free one for tests.
                "--deskpost.community.inbound.smtp.port=" + (ports.smtp() == 0 ? 0 : 2526)));
        services.add(start(OversightApplication.builder(), "oversight-service", ports.oversight(),
                // The ops page's "Sent mail" reads delivery's archive; delivery starts later, so its port is known
                // here only when fixed (the README's run command); tests on random ports leave the page unconnected.
                // Likewise the dashboard's sampling of delivery's metrics.
                ports.delivery() == 0 ? with(datasource(oversightDb), "--deskpost.oversight.archive.delivery-url=",
                        "--deskpost.oversight.dashboard.sources.delivery=")
                        : with(datasource(oversightDb),
                                "--deskpost.oversight.archive.delivery-url=http://localhost:" + ports.delivery(),
                                "--deskpost.oversight.dashboard.sources.delivery=http://localhost:" + ports.delivery()
                                        + "/actuator/prometheus")));
        // The audit store of every service, in its own database; before delivery, whose subject access export reads it.
        services.add(start(AuditApplication.builder(), "audit-service", ports.booking() == 0 ? 0 : 8091,
                datasource(auditDb)));
        services.add(start(DeliveryApplication.builder(), "delivery-service", ports.delivery(),
                with(with(datasource(deliveryDb), "--spring.mail.host=" + smtp.host(), "--spring.mail.port=" + smtp.port(),
                        // A subject access export reads held drafts from oversight and the audit trail from audit-service.
                        "--deskpost.subject-access.oversight.url=http://localhost:" + httpPort("oversight-service"),
                        "--deskpost.subject-access.audit.url=http://localhost:" + httpPort("audit-service")),
                        deliverySettings.toArray(String[]::new))));
        // Agents reach oversight, delivery and the audit trail through their HTTP APIs, wherever those listen.
        services.add(start(McpServerApplication.builder(), "mcp-server", ports.booking() == 0 ? 0 : 8089,
                "--deskpost.mcp.oversight.url=http://localhost:" + httpPort("oversight-service"),
                "--deskpost.mcp.delivery.url=http://localhost:" + httpPort("delivery-service"),
                "--deskpost.mcp.audit.url=http://localhost:" + httpPort("audit-service")));
        // Facility systems without Kafka POST JSON events and OfficeRnD and Stripe webhooks here.
        services.add(start(IngestApplication.builder(), "ingest-service", ports.booking() == 0 ? 0 : 8090,
                ingestSettings.toArray(String[]::new)));
        return this;
    }

    private static String[] with(String[] first, String... more) {
        List<String> all = new ArrayList<>(List.of(first));
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }

    private static String[] datasource(Postgres.Database db) {
        return new String[] {"--spring.datasource.url=" + db.jdbcUrl(), "--spring.datasource.username=" + db.username(),
                "--spring.datasource.password=" + db.password()};
    }

    /** Starts one more instance of a service, e.g. a booking composer under a new application id to replay. */
    public ConfigurableApplicationContext start(SpringApplicationBuilder service, String name, int port,
            String... overrides) {
        List<String> args = new ArrayList<>(kafka.secure() ? kafka.credentials(name).springArgs()
                : List.of("--spring.kafka.bootstrap-servers=" + kafka.bootstrapServers()));
        if (registry.userInfo() != null) {
            args.add("--deskpost.kafka.schema-registry-user-info=" + registry.userInfo());
        }
        args.addAll(List.of(
                "--deskpost.kafka.schema-registry-url=" + registry.url(),
                "--spring.kafka.streams.state-dir=" + stateDir.resolve(name + "-" + services.size()),
                "--server.port=" + port,
                "--spring.main.banner-mode=off",
                // A local stack stops at once: no graceful drain of HTTP requests, short lifecycle waits.
                "--server.shutdown=immediate",
                "--spring.lifecycle.timeout-per-shutdown-phase=5s"));
        args.addAll(serviceSettings);
        args.addAll(List.of(overrides));
        // A local stack runs on the published development secrets, which only the dev profile allows.
        service.profiles(DevelopmentSettings.PROFILE);
        // One ordered shutdown (services, then infrastructure) instead of Spring's hooks racing the broker's.
        return service.registerShutdownHook(false).run(args.toArray(String[]::new));
    }

    /** A started service by its spring.application.name, e.g. to find the port its HTTP API listens on. */
    public ConfigurableApplicationContext service(String applicationName) {
        return services.stream()
                .filter(context -> applicationName.equals(context.getEnvironment().getProperty("spring.application.name")))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No service " + applicationName + " was started"));
    }

    /** The HTTP port a started service listens on. */
    public int httpPort(String applicationName) {
        return service(applicationName).getEnvironment().getRequiredProperty("local.server.port", Integer.class);
    }

    /**
     * The decision signed with oversight's first decision key ({@code ops-cli}, deciding for any
     * approver in development), as {@code ops-cli decide} signs it: for tests and the reliability
     * suite that publish on mail.decisions.
     */
    public ApprovalDecision signedDecision(ApprovalDecision decision) {
        var settings = service("oversight-service").getEnvironment();
        return DecisionProof.sign(decision, settings.getRequiredProperty("deskpost.oversight.decision-keys[0].id"),
                settings.getRequiredProperty("deskpost.oversight.decision-keys[0].secret"));
    }

    /** Oversight's release attestation, for a harness that writes released mail to mail.outbound.* itself (bench). */
    public ReleaseAttestation releaseAttestation() {
        return service("oversight-service").getBean(ReleaseAttestation.class);
    }

    public String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    public String registryUrl() {
        return registry.url();
    }

    /** A registry client that logs in where the registry requires it. */
    public SchemaRegistryClient registryClient() {
        return new SchemaRegistryClient(registry.url(), registry.userInfo());
    }

    /**
     * Kafka client properties for {@code principal}: its login on a secure stack; on a plain one the
     * bootstrap servers alone, whoever is named.
     */
    public Map<String, Object> clientProperties(String principal) {
        return kafka.secure() ? new HashMap<>(kafka.credentials(principal).clientProperties())
                : new HashMap<>(Map.of("bootstrap.servers", kafka.bootstrapServers()));
    }

    /** Publishes as {@code principal}, e.g. {@code facility-bookings}, {@code ops-cli} or {@code console}. */
    public FacilityPublisher publisherAs(String principal) {
        return new FacilityPublisher(clientProperties(principal), registryClient());
    }

    public SmtpServer smtp() {
        return smtp;
    }

    public Postgres.Database deliveryDatabase() {
        return deliveryDb;
    }

    public Postgres.Database oversightDatabase() {
        return oversightDb;
    }

    public Postgres.Database auditDatabase() {
        return auditDb;
    }

    /**
     * Stops every service at once, as compose stops its containers, then the infrastructure. Each service's close
     * waits for its Kafka Streams threads and consumers to leave their groups; one after another that took about
     * eight seconds a stack, together it takes the slowest one's time. No service needs another while it stops.
     */
    @Override
    public void close() {
        List<Thread> closing = new ArrayList<>();
        List<RuntimeException> failures = new CopyOnWriteArrayList<>();
        for (ConfigurableApplicationContext service : services) {
            Thread thread = new Thread(() -> {
                try {
                    service.close();
                } catch (RuntimeException e) {
                    failures.add(e);
                }
            }, "close-" + service.getId());
            thread.start();
            closing.add(thread);
        }
        for (Thread thread : closing) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while the services stopped", e);
            }
        }
        if (!failures.isEmpty()) {
            failures.subList(1, failures.size()).forEach(failures.get(0)::addSuppressed);
            throw failures.get(0);
        }
        smtp.close();
        registry.close();
        kafka.close();
    }
}
