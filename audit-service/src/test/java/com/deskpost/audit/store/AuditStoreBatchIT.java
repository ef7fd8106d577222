package com.deskpost.audit.store;

import static com.deskpost.audit.testdata.AuditEventBuilder.anAuditEvent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.deskpost.audit.AuditTestStack;
import com.deskpost.audit.TestHttp;
import com.deskpost.events.AuditEvent;
import com.deskpost.platform.topic.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.support.KafkaHeaders;
import tools.jackson.databind.JsonNode;

/**
 * The store appends a poll's records of a partition together: in the partition's order, each once, and an
 * undecodable record among them is dead-lettered with its reason while the records around it are kept.
 */
class AuditStoreBatchIT {

    private static final String KEY = "draft-batch";
    private static AuditTestStack stack;

    @BeforeAll
    static void startService() {
        stack = AuditTestStack.start();
    }

    @AfterAll
    static void stopService() {
        stack.stop();
    }

    @Test
    void appendsABatchInOrderOnceAndDeadLettersTheUndecodableRecordInIt() {
        // Given 40 transitions on one partition (one key), with bytes no schema decodes after the 20th,
        // and the first 10 published a second time (a producer's replay)
        List<AuditEvent> events = IntStream.range(0, 40).mapToObj(n -> anAuditEvent(2000 + n).build()).toList();
        events.subList(0, 20).forEach(event -> stack.publish(Topics.MAIL_AUDIT, KEY, event));
        stack.publishRaw(Topics.MAIL_AUDIT.name(), KEY, "not an audit event".getBytes(StandardCharsets.UTF_8));
        events.subList(20, 40).forEach(event -> stack.publish(Topics.MAIL_AUDIT, KEY, event));
        events.subList(0, 10).forEach(event -> stack.publish(Topics.MAIL_AUDIT, KEY, event));

        // When the store has read them
        await().atMost(Duration.ofSeconds(60)).until(() -> stack.jdbc().queryForObject(
                "select count(*) from audit_log where audit_id like 'audit-20%'", Long.class) == 40);

        // Then each is stored once, in the order published, at consecutive places of one chain
        List<String> stored = stack.jdbc().queryForList(
                "select audit_id from audit_log where audit_id like 'audit-20%' order by chain_position", String.class);
        assertThat(stored).containsExactlyElementsOf(events.stream().map(AuditEvent::getAuditId).toList());
        List<Long> positions = stack.jdbc().queryForList(
                "select chain_position from audit_log where audit_id like 'audit-20%' order by chain_position", Long.class);
        assertThat(positions.get(positions.size() - 1) - positions.get(0)).isEqualTo(39);
        // And the undecodable record is in mail.audit.dlq with the reason
        List<ConsumerRecord<String, byte[]>> deadLetters = readAll(Topics.MAIL_AUDIT.name() + ".dlq", 1);
        assertThat(deadLetters).singleElement().satisfies(letter -> {
            assertThat(new String(letter.value(), StandardCharsets.UTF_8)).isEqualTo("not an audit event");
            assertThat(new String(letter.headers().lastHeader(KafkaHeaders.DLT_EXCEPTION_MESSAGE).value(),
                    StandardCharsets.UTF_8)).contains("Unknown magic byte");
        });
        // And the chain verifies
        JsonNode verification = TestHttp.json(new TestHttp(stack).get("/api/v1/audit/verification?full=true"));
        assertThat(verification.get("intact").asBoolean()).isTrue();
    }

    private static List<ConsumerRecord<String, byte[]>> readAll(String topic, int expected) {
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "it-dlq-reader",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                return records.size() >= expected;
            });
        }
        return records;
    }
}
