package com.deskpost.oversight.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.deskpost.events.EntityStatus;
import com.deskpost.events.EntityVersion;
import com.deskpost.oversight.testdata.OversightDatabase;
import com.deskpost.platform.serde.AvroSerdes;
import com.deskpost.platform.topic.TopicRule;
import com.deskpost.platform.topic.Topics;
import com.deskpost.schemas.serde.SchemaRegistryClient;
import com.deskpost.testsupport.KafkaBroker;
import com.deskpost.testsupport.registry.SchemaRegistryServer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;

/** The relay publishes each outbox row once, in order, across restarts. */
class OutboxRelayIT {

    private KafkaBroker kafka;
    private SchemaRegistryServer registry;
    private AvroSerdes serdes;
    private OversightDatabase db;
    private Outbox outbox;

    @BeforeEach
    void start() {
        kafka = KafkaBroker.start();
        TopicRule rule = new TopicRule(1, (short) 1);
        kafka.createTopics(rule.newTopics(Topics.MAIL_ENTITY_VERSIONS));
        kafka.createTopics(List.of(rule.progressTopic(OutboxRelay.PROGRESS_TOPIC)));
        registry = SchemaRegistryServer.start();
        serdes = new AvroSerdes(new SchemaRegistryClient(registry.url()));
        db = new OversightDatabase(serdes);
        outbox = new Outbox(db.jdbc, serdes);
    }

    @AfterEach
    void stop() {
        registry.close();
        kafka.close();
    }

    @Test
    void everyRowReachesKafkaOnceInOrderAcrossARestart() {
        // Given three rows, relayed by one relay that then stops
        write(1, 2, 3);
        OutboxRelay first = relay();
        first.relay();
        first.stop();

        // When a new relay starts (a restart), more rows arrive, and it relays twice
        write(4, 5);
        OutboxRelay second = relay();
        second.relay();
        second.relay();
        second.stop();

        // Then Kafka has each row exactly once, in order, and the outbox table is drained
        List<Long> versions = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.MAIL_ENTITY_VERSIONS.name()));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    versions.add(serdes.deserialize(Topics.MAIL_ENTITY_VERSIONS, record.value()).getVersion());
                }
                return versions.size() >= 5;
            });
        }
        assertThat(versions).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(db.jdbc.queryForObject("select count(*) from outbox", Integer.class)).isZero();
    }

    private OutboxRelay relay() {
        KafkaProperties properties = new KafkaProperties();
        properties.setBootstrapServers(List.of(kafka.bootstrapServers()));
        OutboxRelay relay = new OutboxRelay(db.jdbc, properties);
        relay.start();
        return relay;
    }

    private void write(long... versions) {
        db.tx.executeWithoutResult(status -> {
            for (long version : versions) {
                outbox.add(Topics.MAIL_ENTITY_VERSIONS, "k", EntityVersion.newBuilder().setSupersedeKey("k")
                        .setVersion(version).setStatus(EntityStatus.ACTIVE).setSourceEventId("e")
                        .setOccurredAt(Instant.now()).build());
            }
        });
    }
}
