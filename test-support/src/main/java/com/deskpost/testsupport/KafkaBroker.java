package com.deskpost.testsupport;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
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
 */
public final class KafkaBroker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(KafkaBroker.class);
    private static final int DEFAULT_PARTITIONS = 3;
    private static final long ADMIN_TIMEOUT_SECONDS = 30;
    /** Extra listener for a fixed port: the test kit binds its own listener to a random port, whatever we ask. */
    private static final String FIXED_PORT_LISTENER = "HOST";

    private final EmbeddedKafkaKraftBroker embedded;
    private final String bootstrapServers;

    private KafkaBroker(EmbeddedKafkaKraftBroker embedded, String bootstrapServers) {
        this.embedded = embedded;
        this.bootstrapServers = bootstrapServers;
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
        // It writes its address into two system properties, by default also spring.kafka.bootstrap-servers,
        // which would outrank every application.yml in this JVM: aim both at one name, then put that back.
        embedded.brokerListProperty(EmbeddedKafkaBroker.SPRING_EMBEDDED_KAFKA_BROKERS);
        String previousBrokers = System.getProperty(EmbeddedKafkaBroker.SPRING_EMBEDDED_KAFKA_BROKERS);
        try {
            embedded.afterPropertiesSet();
        } finally {
            restoreProperty(EmbeddedKafkaBroker.SPRING_EMBEDDED_KAFKA_BROKERS, previousBrokers);
        }
        String bootstrapServers = port == 0 ? embedded.getBrokersAsString() : "localhost:" + port;
        log.info("Kafka broker at {} started in {} ms", bootstrapServers, (System.nanoTime() - started) / 1_000_000);
        return new KafkaBroker(embedded, bootstrapServers);
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** Creates the topics that do not exist yet; existing ones are left as they are. */
    public void createTopics(int partitions, String... names) {
        create(partitions, Map.of(), names);
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
        List<NewTopic> topics = Arrays.stream(names)
                .map(name -> new NewTopic(name, partitions, (short) 1).configs(configs))
                .toList();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            admin.createTopics(topics).values().forEach(KafkaBroker::awaitCreated);
        }
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

    private static void restoreProperty(String name, String previous) {
        if (previous == null) {
            System.clearProperty(name);
        } else {
            System.setProperty(name, previous);
        }
    }
}
