package com.deskpost.platform.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.deskpost.events.EntityStatus;
import com.deskpost.events.EntityVersion;
import com.deskpost.platform.observability.MailMetrics;
import com.deskpost.platform.serde.AvroSerdes;
import com.deskpost.platform.topic.TopicRule;
import com.deskpost.platform.topic.Topics;
import com.deskpost.schemas.serde.SchemaRegistryClient;
import com.deskpost.testsupport.KafkaBroker;
import com.deskpost.testsupport.Postgres;
import com.deskpost.testsupport.registry.SchemaRegistryServer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/** The relay publishes each outbox row once, in order, across restarts, and promptly after each commit. */
class OutboxRelayIT {

    private static final OutboxProperties SETTINGS = OutboxProperties.of("it", Duration.ofMinutes(10), 2);

    private KafkaBroker kafka;
    private SchemaRegistryServer registry;
    private AvroSerdes serdes;
    private JdbcTemplate jdbc;
    private DriverManagerDataSource dataSource;
    private TransactionTemplate tx;
    private final List<OutboxRelay> relays = new ArrayList<>();

    @BeforeEach
    void start() {
        kafka = KafkaBroker.start();
        kafka.createTopics(1, Topics.MAIL_ENTITY_VERSIONS.name());
        kafka.createTopics(List.of(TopicRule.DEFAULT.progressTopic(SETTINGS.progressTopic().name())));
        registry = SchemaRegistryServer.start();
        serdes = new AvroSerdes(new SchemaRegistryClient(registry.url()));
        Postgres.Database db = Postgres.shared().createDatabase("outbox");
        dataSource = new DriverManagerDataSource(db.jdbcUrl(), db.username(), db.password());
        jdbc = new JdbcTemplate(dataSource);
        tx = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        // The table every service's migration creates.
        jdbc.execute("""
                create table outbox (seq bigserial primary key, topic text not null, record_key text not null,
                    payload bytea not null, created_at timestamptz not null default now())""");
    }

    @AfterEach
    void stop() {
        relays.forEach(OutboxRelay::stop);
        registry.close();
        kafka.close();
    }

    @Test
    void everyRowReachesKafkaOnceInOrderAcrossARestart() {
        // Given three rows, relayed by one relay that then stops
        Outbox outbox = new Outbox(jdbc, serdes);
        write(outbox, 1, 2, 3);
        OutboxRelay first = relay();
        while (first.relay() > 0) {
            // batches of two
        }
        first.stop();

        // When a new relay starts (a restart), more rows arrive (three written as one batch), and it relays them
        write(outbox, 4, 5);
        tx.executeWithoutResult(status -> outbox.addAll(Topics.MAIL_ENTITY_VERSIONS,
                List.of(version(6), version(7), version(8)), EntityVersion::getSupersedeKey));
        OutboxRelay second = relay();
        while (second.relay() > 0) {
            // batches of two
        }

        // Then Kafka has each row exactly once, in order, and the outbox table is drained
        await().atMost(Duration.ofSeconds(30)).until(() -> versions().size() >= 8);
        assertThat(versions()).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L);
        assertThat(jdbc.queryForObject("select count(*) from outbox", Integer.class)).isZero();
    }

    @Test
    void aRelayThatStartsFencesTheOneBeforeItBeforeReadingItsProgress() {
        // Given a relay of the same transactional id (a process about to die) with a batch not yet committed
        Outbox outbox = new Outbox(jdbc, serdes);
        write(outbox, 1, 2);
        KafkaProducer<String, byte[]> dying = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, SETTINGS.transactionalId()),
                new StringSerializer(), new ByteArraySerializer());
        dying.initTransactions();
        dying.beginTransaction();
        for (byte[] payload : jdbc.queryForList("select payload from outbox order by seq", byte[].class)) {
            dying.send(new ProducerRecord<>(Topics.MAIL_ENTITY_VERSIONS.name(), "k", payload));
        }
        dying.send(new OutboxProgress(SETTINGS.progressTopic().name(), Map.of()).record(2));
        dying.flush();

        // When its successor starts and relays
        OutboxRelay successor = relay();
        successor.relay();

        // Then the old batch can no longer commit, and each row is on Kafka once
        assertThatThrownBy(dying::commitTransaction).isInstanceOf(KafkaException.class);
        dying.close(Duration.ZERO);
        await().atMost(Duration.ofSeconds(30)).until(() -> versions().size() >= 2);
        assertThat(versions()).containsExactly(1L, 2L);
    }

    @Test
    void aPredecessorCommittingJustAsTheRelayReadsItsProgressCannotGetItsBatchPublishedTwice() {
        // Given a relay of the same transactional id (a process about to die) with a batch of rows 1 and 2 open
        Outbox outbox = new Outbox(jdbc, serdes);
        write(outbox, 1, 2);
        KafkaProducer<String, byte[]> dying = openBatch();
        List<Throwable> predecessorCommit = new ArrayList<>();

        // When its successor starts, and the predecessor tries to commit right after the successor read its progress
        OutboxProgress progress = new OutboxProgress(SETTINGS.progressTopic().name(), consumerProperties()) {
            @Override
            long read() {
                long read = super.read();
                try {
                    dying.commitTransaction();
                } catch (KafkaException fenced) {
                    predecessorCommit.add(fenced);
                }
                return read;
            }
        };
        OutboxRelay successor = relay(progress);
        successor.relay();
        dying.close(Duration.ZERO);

        // Then the predecessor was fenced before the read (its commit failed), and each row is on Kafka once;
        // had the successor read before fencing, the commit would have landed and rows 1 and 2 would be there twice
        assertThat(predecessorCommit).hasSize(1);
        await().atMost(Duration.ofSeconds(30)).until(() -> versions().size() >= 2);
        assertThat(versions()).containsExactly(1L, 2L);
    }

    @Test
    void aCommitWakesTheRelaySoARecordDoesNotWaitForThePoll() {
        // Given a running relay whose poll is ten minutes away, after its first look at the table
        OutboxRelay relay = relay();
        Outbox outbox = new Outbox(jdbc, serdes, MailMetrics.none(), relay::wake);
        relay.relay();

        // When a transaction writes a row and commits
        write(outbox, 7);

        // Then the row is on Kafka within seconds
        await().atMost(Duration.ofSeconds(20)).until(() -> versions().contains(7L));
        // And a transaction that rolls back publishes nothing
        tx.executeWithoutResult(status -> {
            outbox.add(Topics.MAIL_ENTITY_VERSIONS, "k", version(8));
            status.setRollbackOnly();
        });
        write(outbox, 9);
        await().atMost(Duration.ofSeconds(20)).until(() -> versions().contains(9L));
        assertThat(versions()).containsExactly(7L, 9L);
    }

    private OutboxRelay relay() {
        OutboxRelay relay = new OutboxRelay(jdbc, dataSource, kafkaProperties(), SETTINGS);
        relays.add(relay);
        relay.start();
        return relay;
    }

    private OutboxRelay relay(OutboxProgress progress) {
        OutboxRelay relay = new OutboxRelay(jdbc, dataSource, kafkaProperties(), SETTINGS, progress);
        relays.add(relay);
        relay.start();
        return relay;
    }

    private KafkaProperties kafkaProperties() {
        KafkaProperties properties = new KafkaProperties();
        properties.setBootstrapServers(List.of(kafka.bootstrapServers()));
        return properties;
    }

    private Map<String, Object> consumerProperties() {
        return kafkaProperties().buildConsumerProperties();
    }

    /** A producer of the relay's transactional id with the outbox's rows and their progress sent, not committed. */
    private KafkaProducer<String, byte[]> openBatch() {
        KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, SETTINGS.transactionalId()),
                new StringSerializer(), new ByteArraySerializer());
        producer.initTransactions();
        producer.beginTransaction();
        List<Long> seqs = jdbc.queryForList("select seq from outbox order by seq", Long.class);
        for (byte[] payload : jdbc.queryForList("select payload from outbox order by seq", byte[].class)) {
            producer.send(new ProducerRecord<>(Topics.MAIL_ENTITY_VERSIONS.name(), "k", payload));
        }
        producer.send(new OutboxProgress(SETTINGS.progressTopic().name(), Map.of()).record(seqs.get(seqs.size() - 1)));
        producer.flush();
        return producer;
    }

    private List<Long> versions() {
        return CommittedVersions.read(kafka.bootstrapServers(), serdes);
    }

    private void write(Outbox outbox, long... versions) {
        tx.executeWithoutResult(status -> {
            for (long version : versions) {
                outbox.add(Topics.MAIL_ENTITY_VERSIONS, "k", version(version));
            }
        });
    }

    private static EntityVersion version(long version) {
        return EntityVersion.newBuilder().setSupersedeKey("k").setVersion(version).setStatus(EntityStatus.ACTIVE)
                .setSourceEventId("e").setOccurredAt(Instant.now()).build();
    }
}
