package com.deskpost.reliability.harness;

import com.deskpost.platform.topic.TopicRule;
import com.deskpost.platform.topic.Topics;
import com.deskpost.reliability.sink.MailSink;
import com.deskpost.reliability.sink.ReplyDelayProxy;
import com.deskpost.testsupport.Postgres;
import com.deskpost.testsupport.registry.SchemaRegistryServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * Deskpost as it would run on a host: the Kafka broker and each service in a JVM of its own (the
 * services from their executable jars, with the overrides {@code LocalStack.start} passes, each with its
 * own state directory and log file), PostgreSQL as a server process; the schema registry, the SMTP sink
 * and the fault-injecting proxy in front of it live in the suite's JVM, which is never killed.
 */
public final class ProcessStack implements AutoCloseable {

    /** Every Deskpost service that runs as a process, in start and kill order. */
    public static final List<String> SERVICES = List.of("booking-events", "billing-events", "access-events",
            "community-events", "oversight-service", "delivery-service", "audit-service", "mcp-server");

    private final Path root;
    private final Path out;
    private final Postgres postgres;
    private final Postgres.Database deliveryDb;
    private final Postgres.Database oversightDb;
    private final Postgres.Database auditDb;
    private final OsProcess broker;
    private final int brokerPort;
    private final SchemaRegistryServer registry;
    private final MailSink sink;
    private final ReplyDelayProxy proxy;
    private final Map<String, ServiceProcess> services = new LinkedHashMap<>();
    private final Map<String, ServiceProcess> secondReplicas = new LinkedHashMap<>();
    private final List<Instant> brokerKills = new ArrayList<>();
    private final List<Instant> postgresRestarts = new ArrayList<>();

    private ProcessStack(Path root, Path out) throws IOException {
        this.root = root;
        this.out = out;
        // A fresh run: no service state or log of an earlier one.
        deleteRecursively(out.resolve("logs"));
        deleteRecursively(out.resolve("state"));
        Files.createDirectories(out.resolve("logs"));
        Files.createDirectories(out.resolve("state"));
        postgres = Postgres.startLocal(0);
        deliveryDb = postgres.createDatabase("deskpost_delivery");
        oversightDb = postgres.createDatabase("deskpost_oversight");
        auditDb = postgres.createDatabase("deskpost_audit");
        brokerPort = freePort();
        Path logDir = out.resolve("kafka").resolve("data");
        deleteRecursively(logDir.getParent());
        Files.createDirectories(logDir.getParent());
        broker = new OsProcess("kafka", List.of(java(), "-Xmx768m", "-XX:+UseSerialGC",
                "-Dlogback.configurationFile=reliability-broker-logback.xml",
                "-cp", System.getProperty("java.class.path"), BrokerMain.class.getName(),
                logDir.toString(), Integer.toString(brokerPort), Integer.toString(freePort())),
                out.resolve("logs").resolve("kafka.log"));
        broker.start();
        awaitBroker(Duration.ofMinutes(2));
        createTopics();
        registry = SchemaRegistryServer.start();
        sink = MailSink.start();
        proxy = ReplyDelayProxy.inFrontOf(sink.port());
    }

    /** Starts the infrastructure; the services start with {@link #startServices()}, once directories are seeded. */
    public static ProcessStack start(Path root, Path out) {
        try {
            return new ProcessStack(root, out);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare " + out, e);
        }
    }

    /** Starts every service and waits until each answers its health check. */
    public void startServices() {
        for (String name : SERVICES) {
            int port = freePort();
            OsProcess process = new OsProcess(name, command(name, name, port), out.resolve("logs").resolve(name + ".log"));
            services.put(name, new ServiceProcess(name, port, process));
            process.start();
        }
        for (ServiceProcess service : services.values()) {
            if (!service.awaitHealthy(Duration.ofMinutes(4))) {
                throw new IllegalStateException(service.name() + " did not become healthy; see " + service.process().log());
            }
        }
    }

    /**
     * Starts a second process of every service, as a deployment of two replicas runs them: the same databases,
     * consumer groups and settings, its own port, state directory and log ({@code <service>-2.log}); waits until
     * each is healthy.
     */
    public void startSecondReplicas() {
        for (String name : SERVICES) {
            String instance = name + "-2";
            int port = freePort();
            OsProcess process = new OsProcess(instance, command(name, instance, port), out.resolve("logs").resolve(instance + ".log"));
            secondReplicas.put(name, new ServiceProcess(name, port, process));
            process.start();
        }
        for (ServiceProcess replica : secondReplicas.values()) {
            if (!replica.awaitHealthy(Duration.ofMinutes(4))) {
                throw new IllegalStateException(replica.process().name() + " did not become healthy; see " + replica.process().log());
            }
        }
    }

    /** The service's processes: the first, and the second once {@link #startSecondReplicas()} started it. */
    public List<ServiceProcess> replicas(String name) {
        List<ServiceProcess> replicas = new ArrayList<>(List.of(service(name)));
        if (secondReplicas.containsKey(name)) {
            replicas.add(secondReplicas.get(name));
        }
        return replicas;
    }

    private List<String> command(String name, String instance, int port) {
        List<String> command = new ArrayList<>(List.of(java(), "-Xms64m", "-Xmx512m", "-XX:+UseSerialGC",
                // Eight JVMs on two cores, each restarted several times: quick start-up matters more than peak speed.
                "-XX:TieredStopAtLevel=1",
                "-jar", root.resolve(name).resolve("target").resolve(name + "-0.1.0-SNAPSHOT-exec.jar").toString(),
                "--spring.kafka.bootstrap-servers=" + bootstrapServers(),
                "--deskpost.kafka.schema-registry-url=" + registry.url(),
                "--spring.kafka.streams.state-dir=" + out.resolve("state").resolve(instance),
                "--server.port=" + port,
                "--spring.main.banner-mode=off",
                // The published development secrets, which only the dev profile allows.
                "--spring.profiles.active=dev",
                "--server.shutdown=immediate",
                "--spring.lifecycle.timeout-per-shutdown-phase=5s"));
        switch (name) {
            case "community-events" -> command.add("--deskpost.community.inbound.smtp.port=0");
            case "oversight-service" -> command.addAll(datasource(oversightDb));
            case "delivery-service" -> {
                command.addAll(datasource(deliveryDb));
                command.addAll(List.of("--spring.mail.host=127.0.0.1", "--spring.mail.port=" + proxy.port(),
                        // The sink is no provider with a quota; the default 100/s would be the bottleneck measured.
                        "--deskpost.delivery.rate-per-second=2000"));
            }
            case "audit-service" -> command.addAll(datasource(auditDb));
            case "mcp-server" -> command.addAll(List.of(
                    "--deskpost.mcp.oversight.url=http://localhost:" + services.get("oversight-service").port(),
                    "--deskpost.mcp.delivery.url=http://localhost:" + services.get("delivery-service").port(),
                    "--deskpost.mcp.audit.url=http://localhost:" + services.get("audit-service").port()));
            default -> {
            }
        }
        return command;
    }

    private static List<String> datasource(Postgres.Database db) {
        return List.of("--spring.datasource.url=" + db.jdbcUrl(), "--spring.datasource.username=" + db.username(),
                "--spring.datasource.password=" + db.password());
    }

    public ServiceProcess service(String name) {
        ServiceProcess service = services.get(name);
        if (service == null) {
            throw new IllegalArgumentException("No service " + name);
        }
        return service;
    }

    public List<ServiceProcess> services() {
        return List.copyOf(services.values());
    }

    /** SIGKILL of the broker, and a restart on the same log directory once it is gone. */
    public Instant killAndRestartBroker(Duration down) {
        Instant at = killBroker();
        Waits.pause(down);
        startBroker();
        return at;
    }

    /** SIGKILL of the broker; it stays down until {@link #startBroker()}. */
    public Instant killBroker() {
        Instant at = broker.kill();
        brokerKills.add(at);
        return at;
    }

    /** Starts the broker again on its log directory and waits until it answers. */
    public void startBroker() {
        broker.start();
        awaitBroker(Duration.ofMinutes(2));
    }

    /** Stops PostgreSQL (fast shutdown: connections cut, data kept); it stays down until {@link #startPostgres()}. */
    public Instant stopPostgres() {
        Instant at = Instant.now();
        postgres.stopServer();
        return at;
    }

    /** Starts PostgreSQL again on its port with its data. */
    public void startPostgres() {
        postgres.startServer();
    }

    /** The schema registry stops answering (connections refused); it keeps its schemas for {@link #startRegistry()}. */
    public Instant stopRegistry() {
        Instant at = Instant.now();
        registry.stop();
        return at;
    }

    /** The schema registry answers again on its port with the same schemas and ids. */
    public void startRegistry() {
        registry.startAgain();
    }

    /** Stops PostgreSQL as a crash would and starts it again with its data. */
    public Instant restartPostgres() {
        Instant at = Instant.now();
        postgres.restart();
        postgresRestarts.add(at);
        return at;
    }

    public List<Instant> brokerKills() {
        return List.copyOf(brokerKills);
    }

    public List<Instant> postgresRestarts() {
        return List.copyOf(postgresRestarts);
    }

    public String bootstrapServers() {
        return "localhost:" + brokerPort;
    }

    public String registryUrl() {
        return registry.url();
    }

    public MailSink sink() {
        return sink;
    }

    public ReplyDelayProxy proxy() {
        return proxy;
    }

    public Postgres.Database deliveryDatabase() {
        return deliveryDb;
    }

    public Postgres.Database oversightDatabase() {
        return oversightDb;
    }

    /** audit-service's database: the audit store. */
    public Postgres.Database auditDatabase() {
        return auditDb;
    }

    public Path out() {
        return out;
    }

    public Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000));
    }

    private void awaitBroker(Duration atMost) {
        boolean up = Waits.until(() -> {
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                    AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3_000,
                    AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2_000))) {
                return !admin.describeCluster().nodes().get(3, TimeUnit.SECONDS).isEmpty();
            } catch (ExecutionException | TimeoutException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }, atMost);
        if (!up) {
            throw new IllegalStateException("The Kafka broker did not come up; see " + broker.log());
        }
    }

    /** By platform's topic rule, as LocalStack creates them: directories compacted before anyone publishes to them. */
    private void createTopics() {
        try (Admin admin = admin()) {
            TopicRule.DEFAULT.create(admin, Topics.ALL);
        }
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free port", e);
        }
    }

    private static void deleteRecursively(Path directory) throws IOException {
        if (Files.exists(directory)) {
            try (var paths = Files.walk(directory)) {
                for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(path);
                }
            }
        }
    }

    @Override
    public void close() {
        secondReplicas.values().forEach(replica -> replica.process().stop());
        services.values().forEach(service -> service.process().stop());
        broker.stop();
        proxy.close();
        sink.close();
        registry.close();
        postgres.close();
    }
}
