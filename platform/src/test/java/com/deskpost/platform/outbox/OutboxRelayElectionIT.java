package com.deskpost.platform.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.deskpost.events.EntityStatus;
import com.deskpost.events.EntityVersion;
import com.deskpost.platform.serde.AvroSerdes;
import com.deskpost.platform.topic.TopicRule;
import com.deskpost.platform.topic.Topics;
import com.deskpost.schemas.serde.SchemaRegistryClient;
import com.deskpost.testsupport.KafkaBroker;
import com.deskpost.testsupport.Postgres;
import com.deskpost.testsupport.registry.SchemaRegistryServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Replicas of one service on one database and broker: one relay is elected, a standby takes over when the
 * holder dies or loses its lock, and across every handover each row reaches Kafka exactly once.
 */
class OutboxRelayElectionIT {

    /** Short intervals so takeovers happen within a test's patience; the rest as deployed. */
    static final OutboxProperties SETTINGS = new OutboxProperties("election", Duration.ofMillis(100), 50,
            Duration.ZERO, Duration.ofMillis(200), Duration.ofSeconds(5), Duration.ofMinutes(1));
    private static final Duration WAIT = Duration.ofSeconds(60);

    private KafkaBroker kafka;
    private SchemaRegistryServer registry;
    private AvroSerdes serdes;
    private Postgres.Database db;
    private JdbcTemplate jdbc;
    private TransactionTemplate tx;
    private Outbox outbox;
    private final List<OutboxRelay> relays = new ArrayList<>();
    private final List<Connection> intruders = new ArrayList<>();
    private Process holderProcess;

    @BeforeEach
    void start() {
        kafka = KafkaBroker.start();
        kafka.createTopics(1, Topics.MAIL_ENTITY_VERSIONS.name());
        kafka.createTopics(List.of(TopicRule.DEFAULT.progressTopic(SETTINGS.progressTopic().name())));
        registry = SchemaRegistryServer.start();
        serdes = new AvroSerdes(new SchemaRegistryClient(registry.url()));
        db = Postgres.shared().createDatabase("election");
        DriverManagerDataSource dataSource = new DriverManagerDataSource(db.jdbcUrl(), db.username(), db.password());
        jdbc = new JdbcTemplate(dataSource);
        tx = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        jdbc.execute("""
                create table outbox (seq bigserial primary key, topic text not null, record_key text not null,
                    payload bytea not null, created_at timestamptz not null default now())""");
        outbox = new Outbox(jdbc, serdes);
    }

    @AfterEach
    void stop() throws SQLException {
        if (holderProcess != null) {
            holderProcess.destroyForcibly();
        }
        relays.forEach(OutboxRelay::stop);
        for (Connection intruder : intruders) {
            intruder.close();
        }
        registry.close();
        kafka.close();
    }

    @Test
    void aStandbyTakesOverFromAHolderKilledWithSigkillAndEveryRowIsPublishedOnce() throws Exception {
        // Given a relay in its own process that holds the lock, and a standby here
        holderProcess = launchHolder();
        await().atMost(WAIT).until(() -> lockHolders() == 1);
        OutboxRelay standby = replica();
        assertThat(standby.leader()).isFalse();

        // When rows are written, only the holder relays them: the standby stays a standby
        write(1, 2, 3);
        await().atMost(WAIT).until(() -> versions().size() >= 3);
        assertThat(standby.leader()).isFalse();

        // And the holder is killed (SIGKILL: no lock released, no producer closed) while more rows are written
        holderProcess.destroyForcibly().waitFor();
        write(4, 5, 6);

        // Then the standby takes over and relays what was written meanwhile: every row once, in order
        await().atMost(WAIT).until(standby::leader);
        await().atMost(WAIT).until(() -> versions().size() >= 6);
        assertThat(versions()).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
        assertThat(jdbc.queryForObject("select count(*) from outbox", Integer.class)).isZero();
    }

    @Test
    void aHolderWhoseLockConnectionBreaksStopsRelayingAndRelaysAgainOnceElectedAgain() throws Exception {
        // Given the elected relay has relayed a row
        OutboxRelay relay = replica();
        assertThat(relay.leader()).isTrue();
        write(1);
        await().atMost(WAIT).until(() -> versions().equals(List.of(1L)));

        // When its lock's connection breaks (the server ends that session) and another session takes the lock
        CompletableFuture<Connection> intruder = takeLockWhenFree();
        jdbc.queryForList("""
                select pg_terminate_backend(pid) from pg_locks where locktype = 'advisory' and classid = ? and granted
                and database = (select oid from pg_database where datname = current_database())
                """, RelayLock.RELAY_LOCKS);
        Connection holding = intruder.get();

        // Then it is a standby and relays nothing written now (the first call waits out any batch under way)
        await().atMost(WAIT).until(() -> !relay.leader());
        relay.relay();
        write(2);
        assertThat(relay.relay()).isZero();
        assertThat(versions()).containsExactly(1L);

        // And once the lock is free again it is elected and relays the row, once
        holding.close();
        await().atMost(WAIT).until(relay::leader);
        await().atMost(WAIT).until(() -> versions().size() >= 2);
        assertThat(versions()).containsExactly(1L, 2L);
    }

    @Test
    void aFencedRelayStandsByAndRelaysAgainWhenItNextWins() throws Exception {
        // Given the elected relay has relayed a row
        OutboxRelay relay = replica();
        write(1);
        await().atMost(WAIT).until(() -> versions().equals(List.of(1L)));

        // When a producer of its transactional id fences it (a new holder it has not noticed yet), and a row arrives
        CompletableFuture<Connection> nextHolder = takeLockWhenFree();
        try (KafkaProducer<String, byte[]> fencer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, SETTINGS.transactionalId()),
                new StringSerializer(), new ByteArraySerializer())) {
            fencer.initTransactions();
        }
        write(2);

        // Then its batch fails, it gives up its lock and stands by: the row is not published by the fenced batch
        Connection holding = nextHolder.get();
        await().atMost(WAIT).until(() -> !relay.leader());
        assertThat(versions()).containsExactly(1L);

        // And when it wins the lock again it relays, each row once
        holding.close();
        await().atMost(WAIT).until(relay::leader);
        await().atMost(WAIT).until(() -> versions().size() >= 2);
        assertThat(versions()).containsExactly(1L, 2L);
    }

    @Test
    void gaugesAndHealthReportTheBacklogAndEachReplicasRole() throws SQLException {
        // Given two rows that have waited five minutes, and two replicas, one elected
        write(1, 2);
        jdbc.update("update outbox set created_at = now() - interval '5 minutes'");
        OutboxBacklog backlog = new OutboxBacklog(jdbc);
        CompletableFuture<Connection> blocker = takeLockWhenFree();
        Connection holding = blocker.join();
        OutboxRelay first = replica();
        OutboxRelay second = replica();
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        OutboxGauges.register(meters, "election", first, backlog);

        // When nobody relays yet (the lock is held elsewhere)
        Health stuck = new OutboxRelayHealthIndicator(first, backlog, SETTINGS.maxWait()).health(true);

        // Then health is DOWN with the backlog and the role, and the gauges say the same
        assertThat(stuck.getStatus()).isEqualTo(Status.DOWN);
        assertThat(stuck.getDetails()).containsEntry("role", "standby").containsEntry("pending", 2L);
        assertThat((Long) stuck.getDetails().get("oldestAgeSeconds")).isGreaterThanOrEqualTo(300L);
        assertThat(meters.get("deskpost.outbox.pending").tag("service", "election").gauge().value()).isEqualTo(2.0);
        assertThat(meters.get("deskpost.outbox.oldest.age").gauge().value()).isGreaterThanOrEqualTo(300.0);
        assertThat(meters.get("deskpost.outbox.leader").gauge().value()).isZero();

        // And once the lock is free, exactly one replica is elected, relays, and health is UP with nothing pending
        holding.close();
        await().atMost(WAIT).until(() -> first.leader() || second.leader());
        await().atMost(WAIT).until(() -> backlog.read().pending() == 0);
        assertThat(first.leader() && second.leader()).isFalse();
        OutboxRelay elected = first.leader() ? first : second;
        Health relayed = new OutboxRelayHealthIndicator(elected, backlog, SETTINGS.maxWait()).health(true);
        assertThat(relayed.getStatus()).isEqualTo(Status.UP);
        assertThat(relayed.getDetails()).containsEntry("role", "leader").containsEntry("pending", 0L);
        assertThat(meters.get("deskpost.outbox.leader").gauge().value()).isEqualTo(first.leader() ? 1.0 : 0.0);
        assertThat(versions()).containsExactly(1L, 2L);
    }

    // --- helpers

    private OutboxRelay replica() {
        DriverManagerDataSource own = new DriverManagerDataSource(db.jdbcUrl(), db.username(), db.password());
        KafkaProperties properties = new KafkaProperties();
        properties.setBootstrapServers(List.of(kafka.bootstrapServers()));
        OutboxRelay relay = new OutboxRelay(new JdbcTemplate(own), own, properties, SETTINGS);
        relays.add(relay);
        relay.start();
        return relay;
    }

    private Process launchHolder() throws Exception {
        Path log = Files.createDirectories(Path.of("target", "relay-process")).resolve("holder.log");
        return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-Xmx256m",
                "-Dorg.apache.avro.SERIALIZABLE_PACKAGES=com.deskpost.events",
                RelayProcess.class.getName(), db.jdbcUrl(), db.username(), db.password(), kafka.bootstrapServers())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    }

    /** Another session waiting for the relay's lock: it gets it the moment its holder's session ends. */
    private CompletableFuture<Connection> takeLockWhenFree() {
        return CompletableFuture.supplyAsync(() -> {
            try {
                Connection session = new DriverManagerDataSource(db.jdbcUrl(), db.username(), db.password())
                        .getConnection();
                intruders.add(session);
                try (var lock = session.prepareStatement("select pg_advisory_lock(?, hashtext(?))")) {
                    lock.setInt(1, RelayLock.RELAY_LOCKS);
                    lock.setString(2, SETTINGS.transactionalId());
                    lock.execute();
                }
                return session;
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private int lockHolders() {
        return jdbc.queryForObject("""
                select count(*) from pg_locks where locktype = 'advisory' and classid = ? and granted
                and database = (select oid from pg_database where datname = current_database())
                """, Integer.class, RelayLock.RELAY_LOCKS);
    }

    private List<Long> versions() {
        return CommittedVersions.read(kafka.bootstrapServers(), serdes);
    }

    private void write(long... versions) {
        tx.executeWithoutResult(status -> {
            for (long version : versions) {
                outbox.add(Topics.MAIL_ENTITY_VERSIONS, "k", EntityVersion.newBuilder().setSupersedeKey("k")
                        .setVersion(version).setStatus(EntityStatus.ACTIVE).setSourceEventId("e")
                        .setOccurredAt(Instant.now()).build());
            }
        });
    }
}
