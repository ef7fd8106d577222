package com.deskpost.platform.streams;

import static org.assertj.core.api.Assertions.assertThat;

import com.deskpost.events.AuditEvent;
import com.deskpost.events.AuditType;
import com.deskpost.events.EmailDraft;
import com.deskpost.events.EntityStatus;
import com.deskpost.events.EntityVersion;
import com.deskpost.platform.TestDrafts;
import com.deskpost.platform.audit.AuditEvents;
import com.deskpost.platform.deadletter.DeadLetterHeaders;
import com.deskpost.platform.observability.MailLogContext;
import com.deskpost.platform.observability.MailMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import org.slf4j.MDC;
import com.deskpost.platform.serde.AvroSerdes;
import com.deskpost.platform.topic.Topics;
import com.deskpost.schemas.serde.SchemaRegistryClient;
import com.deskpost.testsupport.registry.SchemaRegistryServer;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.support.KafkaHeaders;

/** The routing step: handler output fans out to its topics; bad input is dead-lettered byte for byte with the reason. */
class EventRoutingTest {

    private SchemaRegistryServer registry;
    private AvroSerdes serdes;
    private TopologyTestDriver driver;
    private TestInputTopic<String, byte[]> versions;
    private TestOutputTopic<String, byte[]> drafts;
    private TestOutputTopic<String, byte[]> audit;
    private TestOutputTopic<String, byte[]> deadLetters;
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    /** A handler that drafts for ACTIVE versions and rejects CANCELLED ones. */
    private static final EventHandler<EntityVersion> HANDLER = (key, version) -> {
        if (version.getStatus() == EntityStatus.CANCELLED) {
            throw new RejectedEvent("Cancelled entity " + key + " has nothing to draft");
        }
        EmailDraft draft = TestDrafts.draft("d-" + key, List.of());
        return List.of(Emit.to(Topics.MAIL_DRAFTS, draft.getSupersedeKey(), draft),
                Emit.to(Topics.MAIL_AUDIT, draft.getDraftId(), AuditEvents.of(draft, AuditType.DRAFTED, "test").build()));
    };

    @BeforeEach
    void start() {
        registry = SchemaRegistryServer.start();
        serdes = new AvroSerdes(new SchemaRegistryClient(registry.url()));
        StreamsBuilder builder = new StreamsBuilder();
        EventRouting.route(builder, Topics.MAIL_ENTITY_VERSIONS, serdes, stores -> HANDLER);
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "routing-test");
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        config.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        config.put(MailMetrics.STREAMS_CONFIG_KEY, new MailMetrics(meters));
        driver = new TopologyTestDriver(builder.build(), config);
        versions = driver.createInputTopic(Topics.MAIL_ENTITY_VERSIONS.name(), new StringSerializer(), new ByteArraySerializer());
        drafts = driver.createOutputTopic(Topics.MAIL_DRAFTS.name(), new StringDeserializer(), new ByteArrayDeserializer());
        audit = driver.createOutputTopic(Topics.MAIL_AUDIT.name(), new StringDeserializer(), new ByteArrayDeserializer());
        deadLetters = driver.createOutputTopic(Topics.MAIL_ENTITY_VERSIONS.deadLetterTopic(), new StringDeserializer(),
                new ByteArrayDeserializer());
    }

    @AfterEach
    void stop() {
        driver.close();
        registry.close();
    }

    @Test
    void whatTheHandlerEmitsReachesEachTopicKeyedAsItChose() {
        versions.pipeInput("booking:B-1", encode(version("booking:B-1", EntityStatus.ACTIVE)));

        var draft = drafts.readRecord();
        assertThat(draft.key()).isEqualTo("door:D-1");
        assertThat(serdes.deserialize(Topics.MAIL_DRAFTS, draft.value()).getDraftId()).isEqualTo("d-booking:B-1");
        AuditEvent event = serdes.deserialize(Topics.MAIL_AUDIT, audit.readRecord().value());
        assertThat(event.getType()).isEqualTo(AuditType.DRAFTED);
        assertThat(deadLetters.isEmpty()).isTrue();
    }

    @Test
    void anUndecodableRecordIsDeadLetteredByteForByteWithTheReasonAndTheNextOneIsProcessed() {
        byte[] json = "{\"supersede_key\":\"x\"}".getBytes(StandardCharsets.UTF_8);

        versions.pipeInput("bad", json);
        versions.pipeInput("booking:B-2", encode(version("booking:B-2", EntityStatus.ACTIVE)));

        TestRecord<String, byte[]> dead = deadLetters.readRecord();
        assertThat(dead.key()).isEqualTo("bad");
        assertThat(dead.value()).isEqualTo(json);
        assertThat(DeadLetterHeaders.reason(dead.headers())).contains("magic byte");
        assertThat(new String(dead.headers().lastHeader(KafkaHeaders.ORIGINAL_TOPIC).value(), StandardCharsets.UTF_8))
                .isEqualTo(Topics.MAIL_ENTITY_VERSIONS.name());
        assertThat(ByteBuffer.wrap(dead.headers().lastHeader(KafkaHeaders.ORIGINAL_OFFSET).value()).getLong())
                .isZero();
        assertThat(drafts.readValuesToList()).hasSize(1);
    }

    @Test
    void aRejectedEventIsDeadLetteredWithTheHandlersReasonAndNothingElseIsWritten() {
        byte[] cancelled = encode(version("booking:B-3", EntityStatus.CANCELLED));

        versions.pipeInput("booking:B-3", cancelled);

        TestRecord<String, byte[]> dead = deadLetters.readRecord();
        assertThat(dead.value()).isEqualTo(cancelled);
        assertThat(DeadLetterHeaders.reason(dead.headers())).isEqualTo("Cancelled entity booking:B-3 has nothing to draft");
        assertThat(new String(dead.headers().lastHeader(KafkaHeaders.EXCEPTION_FQCN).value(), StandardCharsets.UTF_8))
                .isEqualTo(RejectedEvent.class.getName());
        assertThat(drafts.isEmpty()).isTrue();
        assertThat(audit.isEmpty()).isTrue();
    }

    @Test
    void anEmptyRecordIsDeadLettered() {
        versions.pipeInput("empty", new byte[0]);

        assertThat(DeadLetterHeaders.reason(deadLetters.readRecord().headers())).contains("Empty value");
    }

    @Test
    void eachEventIsCountedAcceptedOrDeadLetteredAndEachAuditedTransitionByCategoryAndLocation() {
        versions.pipeInput("booking:B-4", encode(version("booking:B-4", EntityStatus.ACTIVE)));
        versions.pipeInput("bad", "not avro".getBytes(StandardCharsets.UTF_8));
        versions.pipeInput("booking:B-5", encode(version("booking:B-5", EntityStatus.CANCELLED)));

        assertThat(eventsIn("accepted")).isEqualTo(1.0);
        assertThat(eventsIn("dead_lettered")).isEqualTo(2.0);
        assertThat(meters.get("deskpost.mail.drafted").tag("category", "security").tag("location", "LDN-1")
                .tag("event_type", "door_code_changed").counter().count()).isEqualTo(1.0);
    }

    @Test
    void theLoggingContextHoldsTheDraftBeingProcessedAndIsClearedAfterwards() {
        List<String> logContexts = new ArrayList<>();
        StreamsBuilder builder = new StreamsBuilder();
        EventRouting.route(builder, Topics.MAIL_DRAFTS, serdes, stores -> (key, draft) -> {
            logContexts.add(MDC.get(MailLogContext.DRAFT_ID) + "/" + MDC.get(MailLogContext.CORRELATION_ID));
            return List.of();
        });
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "routing-mdc-test");
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        try (var drafts = new TopologyTestDriver(builder.build(), config)) {
            drafts.createInputTopic(Topics.MAIL_DRAFTS.name(), new StringSerializer(), new ByteArraySerializer())
                    .pipeInput("door:D-1", serdes.serialize(Topics.MAIL_DRAFTS, TestDrafts.draft("d-9", List.of())));
        }

        assertThat(logContexts).containsExactly("d-9/corr-d-9");
        assertThat(MDC.get(MailLogContext.DRAFT_ID)).isNull();
    }

    private double eventsIn(String outcome) {
        return meters.get(MailMetrics.EVENTS_IN).tag("topic", Topics.MAIL_ENTITY_VERSIONS.name()).tag("outcome", outcome)
                .counter().count();
    }

    @Test
    void aRecordReadWhileTheRegistryIsDownIsNotDeadLetteredButFailsTheTaskAndIsProcessedOnceItIsBack() {
        byte[] record = encode(version("booking:B-9", EntityStatus.ACTIVE));
        registry.stop();

        Throwable failure = org.assertj.core.api.Assertions.catchThrowable(() -> versions.pipeInput("booking:B-9", record));

        assertThat(com.deskpost.platform.failure.Failures.classify(failure))
                .isEqualTo(com.deskpost.platform.failure.Failure.REGISTRY);
        assertThat(deadLetters.isEmpty()).isTrue();
        assertThat(drafts.isEmpty()).isTrue();

        // The replacement stream thread reads the record again from the committed offset
        registry.startAgain();
        versions.pipeInput("booking:B-9", record);

        assertThat(serdes.deserialize(Topics.MAIL_DRAFTS, drafts.readRecord().value()).getDraftId())
                .isEqualTo("d-booking:B-9");
        assertThat(deadLetters.isEmpty()).isTrue();
    }

    @Test
    void aRecordWhoseOutputIsTooLargeToWriteIsDeadLetteredBeforeAnythingIsSent() {
        driver.close();
        StreamsBuilder builder = new StreamsBuilder();
        EventRouting.route(builder, Topics.MAIL_ENTITY_VERSIONS, serdes, stores -> HANDLER);
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "routing-test");
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        config.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        // Smaller than any draft plus the record overhead the processor allows for
        config.put(StreamsConfig.producerPrefix("max.request.size"), "4100");
        driver = new TopologyTestDriver(builder.build(), config);
        versions = driver.createInputTopic(Topics.MAIL_ENTITY_VERSIONS.name(), new StringSerializer(), new ByteArraySerializer());
        drafts = driver.createOutputTopic(Topics.MAIL_DRAFTS.name(), new StringDeserializer(), new ByteArrayDeserializer());
        audit = driver.createOutputTopic(Topics.MAIL_AUDIT.name(), new StringDeserializer(), new ByteArrayDeserializer());
        deadLetters = driver.createOutputTopic(Topics.MAIL_ENTITY_VERSIONS.deadLetterTopic(), new StringDeserializer(),
                new ByteArrayDeserializer());
        byte[] record = encode(version("booking:B-10", EntityStatus.ACTIVE));

        versions.pipeInput("booking:B-10", record);

        var dead = deadLetters.readRecord();
        assertThat(dead.value()).isEqualTo(record);
        assertThat(DeadLetterHeaders.reason(dead.headers())).contains("over max.request.size 4100");
        assertThat(drafts.isEmpty()).isTrue();
        assertThat(audit.isEmpty()).isTrue();
    }

    private byte[] encode(EntityVersion version) {
        return serdes.serialize(Topics.MAIL_ENTITY_VERSIONS, version);
    }

    private static EntityVersion version(String key, EntityStatus status) {
        return EntityVersion.newBuilder().setSupersedeKey(key).setVersion(1).setStatus(status)
                .setSourceEventId("e-1").setOccurredAt(Instant.parse("2026-11-24T10:00:00Z")).build();
    }
}
