package com.deskpost.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialAlteration;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * A single-node KRaft broker inside this JVM, configured so that transactional producers and Kafka
 * Streams {@code exactly_once_v2} work with one replica. Its log directories live in a temporary
 * directory removed on {@link #close()}.
 *
 * <p>{@link #startSecure} runs it as production does (DESIGN section 4): clients log in with SASL
 * SCRAM-SHA-512, the StandardAuthorizer denies whatever no ACL of the {@link AclMatrix} allows, and each
 * principal of the matrix gets a SCRAM user with a random password ({@link #credentials}).
 */
public final class KafkaBroker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(KafkaBroker.class);
    private static final int DEFAULT_PARTITIONS = 3;
    private static final long ADMIN_TIMEOUT_SECONDS = 30;
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Extra listener for a fixed port: the test kit binds its own listener to a random port, whatever we ask. */
    private static final String FIXED_PORT_LISTENER = "HOST";

    /** The SASL listener of a secure broker; the test kit's own listeners stay PLAINTEXT (see {@link #secureListener}). */
    private static final String SECURE_LISTENER = "SECURE";
    /** The secure broker's super user, as compose's broker has one for its scripts. */
    public static final String ADMIN = "admin";
    private static final int SCRAM_ITERATIONS = 8192;
    private static final long PROPAGATION_TIMEOUT_MS = 30_000;

    private final EmbeddedKafkaKraftBroker embedded;
    private final String bootstrapServers;
    /** Principal to its credentials; empty for a PLAINTEXT broker. */
    private final Map<String, KafkaCredentials> credentials;

    private KafkaBroker(EmbeddedKafkaKraftBroker embedded, String bootstrapServers,
            Map<String, KafkaCredentials> credentials) {
        this.embedded = embedded;
        this.bootstrapServers = bootstrapServers;
        this.credentials = credentials;
    }

    /** A broker on a free port. */
    public static KafkaBroker start() {
        return start(0);
    }

    /** A broker clients reach at {@code localhost:port}, such as 9092 for the local stack; 0 for a free port. */
    public static KafkaBroker start(int port) {
        long started = System.nanoTime();
        EmbeddedKafkaKraftBroker embedded = new EmbeddedKafkaKraftBroker(1, DEFAULT_PARTITIONS);
        embedded.brokerProperties(singleNodeSettings());
        if (port != 0) {
            embedded.brokerProperties(fixedPortListener(port));
        }
        startEmbedded(embedded);
        String bootstrapServers = port == 0 ? embedded.getBrokersAsString() : "localhost:" + port;
        log.info("Kafka broker at {} started in {} ms", bootstrapServers, (System.nanoTime() - started) / 1_000_000);
        return new KafkaBroker(embedded, bootstrapServers, Map.of());
    }

    /**
     * A broker on a free port that authenticates clients (SASL SCRAM-SHA-512) and authorises them by
     * the matrix only ({@code allow.everyone.if.no.acl.found=false}). Every principal of the matrix and
     * the super user {@value #ADMIN} get a random password; {@link #bootstrapServers()} is the SASL
     * listener's address.
     */
    public static KafkaBroker startSecure(AclMatrix matrix) {
        long started = System.nanoTime();
        int port = freePort();
        EmbeddedKafkaKraftBroker embedded = new EmbeddedKafkaKraftBroker(1, DEFAULT_PARTITIONS);
        embedded.brokerProperties(singleNodeSettings());
        embedded.brokerProperties(secureListener(port));
        startEmbedded(embedded);
        String bootstrapServers = "localhost:" + port;
        Map<String, KafkaCredentials> credentials = new LinkedHashMap<>();
        credentials.put(ADMIN, new KafkaCredentials(bootstrapServers, ADMIN, randomPassword()));
        matrix.principals().forEach(principal ->
                credentials.put(principal, new KafkaCredentials(bootstrapServers, principal, randomPassword())));
        // The test kit's PLAINTEXT listener is the one door that needs no login (ANONYMOUS is a super user
        // there, as the broker's own controller connection must be): only this set-up uses it.
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, embedded.getBrokersAsString()))) {
            List<UserScramCredentialAlteration> users = credentials.values().stream()
                    .<UserScramCredentialAlteration>map(user -> new UserScramCredentialUpsertion(user.principal(),
                            new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, SCRAM_ITERATIONS), user.password()))
                    .toList();
            admin.alterUserScramCredentials(users).all().get(ADMIN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            admin.createAcls(matrix.bindings()).all().get(ADMIN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            embedded.destroy();
            throw new IllegalStateException("Could not create the principals and ACLs of the matrix", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            embedded.destroy();
            throw new IllegalStateException("Interrupted while creating principals and ACLs", e);
        }
        KafkaBroker broker = new KafkaBroker(embedded, bootstrapServers, Map.copyOf(credentials));
        broker.awaitAcls(matrix.bindings().size());
        log.info("Secure Kafka broker at {} with {} principals and {} ACLs started in {} ms", bootstrapServers,
                matrix.principals().size(), matrix.bindings().size(), (System.nanoTime() - started) / 1_000_000);
        return broker;
    }

    /** Whether clients must log in ({@link #startSecure}). */
    public boolean secure() {
        return !credentials.isEmpty();
    }

    /** How a principal of the matrix (or {@value #ADMIN}) logs in to this secure broker. */
    public KafkaCredentials credentials(String principal) {
        KafkaCredentials found = credentials.get(principal);
        if (found == null) {
            throw new IllegalArgumentException(secure() ? "No principal " + principal + " in the ACL matrix"
                    : "This broker is PLAINTEXT: start it with startSecure for principals");
        }
        return found;
    }

    /** Client properties with full rights: the bootstrap servers, and on a secure broker the super user's login. */
    public Map<String, Object> adminProperties() {
        return secure() ? credentials(ADMIN).clientProperties()
                : Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    }

    private static void startEmbedded(EmbeddedKafkaKraftBroker embedded) {
        // It writes its address into two system properties, by default also spring.kafka.bootstrap-servers,
        // which would outrank every application.yml in this JVM: aim both at one name, then put that back.
        embedded.brokerListProperty(EmbeddedKafkaBroker.SPRING_EMBEDDED_KAFKA_BROKERS);
        String previousBrokers = System.getProperty(EmbeddedKafkaBroker.SPRING_EMBEDDED_KAFKA_BROKERS);
        try {
            embedded.afterPropertiesSet();
        } finally {
            restoreProperty(EmbeddedKafkaBroker.SPRING_EMBEDDED_KAFKA_BROKERS, previousBrokers);
        }
    }

    /**
     * SCRAM users and ACLs reach the broker's caches through the metadata log a moment after the
     * controller accepted them: wait until the broker answers with all of them, logged in as the super user.
     */
    private void awaitAcls(int expected) {
        long deadline = System.currentTimeMillis() + PROPAGATION_TIMEOUT_MS;
        Exception last = null;
        try (Admin admin = Admin.create(adminProperties())) {
            while (System.currentTimeMillis() < deadline) {
                try {
                    if (admin.describeAcls(AclBindingFilter.ANY).values().get(ADMIN_TIMEOUT_SECONDS, TimeUnit.SECONDS)
                            .size() >= expected) {
                        return;
                    }
                } catch (ExecutionException | TimeoutException e) {
                    last = e;
                }
                // No Awaitility in main code: a short pause between polls of the broker.
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the ACLs", e);
        }
        close();
        throw new IllegalStateException("The broker did not serve the ACLs and SCRAM users within "
                + PROPAGATION_TIMEOUT_MS + " ms", last);
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** Creates the topics that do not exist yet; existing ones are left as they are. */
    public void createTopics(int partitions, String... names) {
        create(partitions, Map.of(), names);
    }

    /** Like {@link #createTopics}, with topic-level settings. */
    public void createTopics(int partitions, Map<String, String> configs, String... names) {
        create(partitions, configs, names);
    }

    /**
     * Creates those of {@code topics} that do not exist yet, exactly as described: for Deskpost's topics, what
     * platform's {@code TopicRule#newTopics} gives, so a test stack creates them as the services would.
     */
    public void createTopics(Collection<NewTopic> topics) {
        try (Admin admin = Admin.create(adminProperties())) {
            admin.createTopics(topics).values().forEach(KafkaBroker::awaitCreated);
            awaitLeaders(admin, topics.stream().map(NewTopic::name).toList());
        }
    }

    /**
     * Until every partition of the topics has a leader in the broker's metadata: a created topic is not served at
     * once, and a Streams global table started on it meanwhile fails ("no partitions available").
     */
    private static void awaitLeaders(Admin admin, List<String> names) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(ADMIN_TIMEOUT_SECONDS);
        while (!led(admin, names)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Topics " + names + " have no leader after " + ADMIN_TIMEOUT_SECONDS + " s");
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
        }
    }

    private static boolean led(Admin admin, List<String> names) {
        try {
            return admin.describeTopics(names).allTopicNames().get(ADMIN_TIMEOUT_SECONDS, TimeUnit.SECONDS).values()
                    .stream().allMatch(topic -> topic.partitions().stream()
                            .allMatch(partition -> partition.leader() != null && !partition.leader().isEmpty()));
        } catch (ExecutionException | TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the leaders of " + names, e);
        }
    }

    /** Like {@link #createTopics}, with {@code cleanup.policy=compact}: for tables keyed by id. */
    public void createCompactedTopics(int partitions, String... names) {
        create(partitions, Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT), names);
    }

    @Override
    public void close() {
        embedded.destroy();
        log.info("Kafka broker at {} stopped", bootstrapServers);
    }

    private void create(int partitions, Map<String, String> configs, String... names) {
        createTopics(Arrays.stream(names)
                .map(name -> new NewTopic(name, partitions, (short) 1).configs(configs))
                .toList());
    }

    private static void awaitCreated(String topic, KafkaFuture<Void> creation) {
        try {
            creation.get(ADMIN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("Could not create topic " + topic, e.getCause());
            }
        } catch (TimeoutException e) {
            throw new IllegalStateException("Topic " + topic + " not created within " + ADMIN_TIMEOUT_SECONDS + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating topic " + topic, e);
        }
    }

    private static Map<String, String> singleNodeSettings() {
        Map<String, String> settings = new HashMap<>();
        // Internal topics default to three replicas and an ISR of two, which one node can never satisfy:
        // consumer groups, transactions (and so exactly_once_v2) and share groups would fail or hang.
        settings.put("offsets.topic.replication.factor", "1");
        settings.put("transaction.state.log.replication.factor", "1");
        settings.put("transaction.state.log.min.isr", "1");
        settings.put("share.coordinator.state.topic.replication.factor", "1");
        settings.put("share.coordinator.state.topic.min.isr", "1");
        settings.put("default.replication.factor", "1");
        settings.put("min.insync.replicas", "1");
        // One node gains nothing from fifty partitions per internal topic, only files and threads.
        settings.put("offsets.topic.num.partitions", "5");
        settings.put("transaction.state.log.num.partitions", "5");
        // Tests start consumers one after another; waiting for more members only slows them down.
        settings.put("group.initial.rebalance.delay.ms", "0");
        settings.put("auto.create.topics.enable", "true");
        settings.put("num.partitions", String.valueOf(DEFAULT_PARTITIONS));
        return settings;
    }

    private static Map<String, String> fixedPortListener(int port) {
        return Map.of(
                "listener.security.protocol.map", "EXTERNAL:PLAINTEXT,CONTROLLER:PLAINTEXT," + FIXED_PORT_LISTENER + ":PLAINTEXT",
                "listeners", "EXTERNAL://localhost:0,CONTROLLER://localhost:0," + FIXED_PORT_LISTENER + "://localhost:" + port);
    }

    /**
     * The test kit's listeners (EXTERNAL for clients, CONTROLLER) stay PLAINTEXT: they carry the broker's
     * own controller traffic, whose ANONYMOUS principal is therefore a super user. Clients get the SECURE
     * listener, where every connection logs in with SCRAM and the matrix decides.
     */
    private static Map<String, String> secureListener(int port) {
        Map<String, String> settings = new HashMap<>();
        settings.put("listener.security.protocol.map",
                "EXTERNAL:PLAINTEXT,CONTROLLER:PLAINTEXT," + SECURE_LISTENER + ":SASL_PLAINTEXT");
        settings.put("listeners", "EXTERNAL://localhost:0,CONTROLLER://localhost:0," + SECURE_LISTENER + "://localhost:" + port);
        settings.put("sasl.enabled.mechanisms", KafkaCredentials.MECHANISM);
        settings.put("listener.name." + SECURE_LISTENER.toLowerCase(Locale.ROOT) + ".scram-sha-512.sasl.jaas.config",
                "org.apache.kafka.common.security.scram.ScramLoginModule required;");
        settings.put("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
        settings.put("allow.everyone.if.no.acl.found", "false");
        settings.put("super.users", "User:ANONYMOUS;User:" + ADMIN);
        return settings;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free port for the broker's SASL listener", e);
        }
    }

    private static String randomPassword() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static void restoreProperty(String name, String previous) {
        if (previous == null) {
            System.clearProperty(name);
        } else {
            System.setProperty(name, previous);
        }
    }
}
