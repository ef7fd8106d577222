package com.deskpost.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.errors.ClusterAuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.TransactionalIdAuthorizationException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SecureKafkaBrokerIT {

    private static final AclMatrix MATRIX = AclMatrix.parse("""
            # a writer and a reader of one topic
            writer   Write,Describe  topic             literal   desks.booked
            writer   Write           transactional-id  prefixed  writer-
            reader   Read            topic             prefixed  desks.
            reader   Read            group             prefixed  reader-
            """);

    private static KafkaBroker broker;

    @BeforeAll
    static void startBroker() {
        broker = KafkaBroker.startSecure(MATRIX);
        broker.createTopics(1, "desks.booked", "desks.other");
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @Test
    void theMatrixParsesIntoGrantsPerPrincipal() {
        assertThat(MATRIX.principals()).containsExactly("reader", "writer");
        assertThat(MATRIX.grantsOf("writer")).first().satisfies(grant -> {
            assertThat(grant.operations()).containsExactlyInAnyOrder(AclOperation.WRITE, AclOperation.DESCRIBE);
            assertThat(grant.resource()).isEqualTo(ResourceType.TOPIC);
            assertThat(grant.pattern()).isEqualTo(PatternType.LITERAL);
        });
        assertThat(MATRIX.bindings()).hasSize(5);
        assertThat(AclMatrix.parse("x DescribeConfigs cluster literal kafka-cluster").grants().get(0).operations())
                .containsExactly(AclOperation.DESCRIBE_CONFIGS);
        assertThatThrownBy(() -> AclMatrix.parse("x Read topic literal"))
                .hasMessageContaining("Line 1").hasMessageContaining("not 5");
        assertThatThrownBy(() -> AclMatrix.parse("\nx Peek topic literal t"))
                .hasMessageContaining("Line 2").hasMessageContaining("Peek");
    }

    @Test
    void aGrantedPrincipalWritesAndAnotherReads() throws Exception {
        // Given the writer's grant
        try (KafkaProducer<String, String> producer = producer("writer", Map.of())) {
            // When it writes its topic
            producer.send(new ProducerRecord<>("desks.booked", "desk-1", "booked")).get();
        }

        // Then the reader reads it in its own group
        assertThat(consume("reader", "desks.booked")).extracting(ConsumerRecord::value).contains("booked");
    }

    @Test
    void writingATopicWithoutAGrantIsRefused() {
        try (KafkaProducer<String, String> producer = producer("writer", Map.of())) {
            assertThatThrownBy(() -> producer.send(new ProducerRecord<>("desks.other", "desk-2", "x")).get())
                    .isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(TopicAuthorizationException.class);
        }
        // An idempotent producer of a principal with no Write anywhere is refused its producer id (KIP-679).
        try (KafkaProducer<String, String> producer = producer("reader", Map.of())) {
            assertThatThrownBy(() -> producer.send(new ProducerRecord<>("desks.booked", "desk-2", "x")).get())
                    .hasCauseInstanceOf(ClusterAuthorizationException.class);
        }
    }

    @Test
    void aTransactionalIdOutsideTheGrantIsRefused() {
        try (KafkaProducer<String, String> producer = producer("reader",
                Map.of(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "reader-tx"))) {
            assertThatThrownBy(producer::initTransactions).isInstanceOf(TransactionalIdAuthorizationException.class);
        }
    }

    @Test
    void aWrongPasswordCannotLogIn() {
        KafkaCredentials forged = new KafkaCredentials(broker.bootstrapServers(), "writer", "not-the-password");
        Map<String, Object> config = new HashMap<>(forged.clientProperties());
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(),
                new StringSerializer())) {
            assertThatThrownBy(() -> producer.send(new ProducerRecord<>("desks.booked", "desk-3", "x")).get())
                    .hasCauseInstanceOf(SaslAuthenticationException.class);
        }
    }

    private static KafkaProducer<String, String> producer(String principal, Map<String, Object> extra) {
        Map<String, Object> config = new HashMap<>(broker.credentials(principal).clientProperties());
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        config.putAll(extra);
        return new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
    }

    private static List<ConsumerRecord<String, String>> consume(String principal, String topic) {
        Map<String, Object> config = new HashMap<>(broker.credentials(principal).clientProperties());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, principal + "-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<ConsumerRecord<String, String>> received = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(received::add);
                return !received.isEmpty();
            });
        }
        return received;
    }
}
