package com.deskpost.mcp.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.deskpost.events.ConsentAction;
import com.deskpost.events.ConsentChange;
import com.deskpost.events.InboundEmail;
import com.deskpost.platform.consent.ConsentTag;
import com.deskpost.platform.erasure.Erasures;
import com.deskpost.platform.pseudonym.Pseudonyms;
import com.deskpost.platform.serde.AvroSerdes;
import com.deskpost.platform.topic.Topic;
import com.deskpost.platform.topic.TopicRule;
import com.deskpost.platform.topic.Topics;
import com.deskpost.schemas.serde.SchemaRegistryClient;
import com.deskpost.testsupport.CompactedView;
import com.deskpost.testsupport.KafkaBroker;
import com.deskpost.testsupport.registry.SchemaRegistryServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.util.FileSystemUtils;

/**
 * The MCP server's received-mail topology on a real broker: an erased person's mail leaves the table, and a table
 * rebuilt from nothing (state directory wiped) holds none of it, nor does its topic or any changelog, folded by key.
 */
class InboundErasureIT {

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final String APP = "inbound-erasure-it";
    private static final Pseudonyms PSEUDONYMS = new Pseudonyms("it-pseudonym-secret-0123456789abcdef");

    private static KafkaBroker kafka;
    private static SchemaRegistryServer registry;
    private static AvroSerdes serdes;
    private static Path stateDir;

    @BeforeAll
    static void start() throws IOException {
        kafka = KafkaBroker.start();
        registry = SchemaRegistryServer.start();
        serdes = new AvroSerdes(new SchemaRegistryClient(registry.url()));
        stateDir = Files.createTempDirectory("inbound-erasure");
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            TopicRule.DEFAULT.create(admin, List.of(Topics.MAIL_INBOUND, Topics.MAIL_CONSENT, ReceivedMail.TOPIC));
        }
    }

    @AfterAll
    static void stop() {
        registry.close();
        kafka.close();
        FileSystemUtils.deleteRecursively(stateDir.toFile());
    }

    @Test
    void anErasedPersonsMailIsInNoTableTopicOrChangelogAfterTheTableIsRebuilt() {
        // Given mail from Grace and from Linus in the table
        KafkaStreams streams = run();
        publish(Topics.MAIL_INBOUND, "<1@x>", mail("<1@x>", "grace.hopper@guests.example"));
        publish(Topics.MAIL_INBOUND, "<2@x>", mail("<2@x>", "linus@guests.example"));
        await().atMost(WAIT).ignoreExceptions().until(() -> table(streams).size() == 2);

        // When Grace is erased (two minutes ago: it has settled), and the table is rebuilt from nothing
        String pseudonym = PSEUDONYMS.of("grace.hopper@guests.example");
        publish(Topics.MAIL_CONSENT, pseudonym, ConsentChange.newBuilder().setEmail(pseudonym)
                .setTag(ConsentTag.ERASED).setAction(ConsentAction.ADDED).setSource("contacts-api")
                .setChangedAt(Instant.now().minus(Duration.ofMinutes(2))).build());
        await().atMost(WAIT).ignoreExceptions().until(() -> table(streams).keySet().equals(Set.of("<2@x>")));
        streams.close(Duration.ofSeconds(30));
        FileSystemUtils.deleteRecursively(stateDir.resolve(APP).toFile());
        KafkaStreams restored = run();

        // Then the rebuilt table has Linus's mail only, and the topic and changelogs nothing of Grace
        try {
            await().atMost(WAIT).ignoreExceptions().until(() -> table(restored).containsKey("<2@x>"));
            assertThat(table(restored).values()).noneSatisfy(mail -> assertThat(mail).contains("grace"));
            Map<String, String> folded = CompactedView.of(kafka.bootstrapServers(), APP, ReceivedMail.TOPIC.name());
            assertThat(folded.keySet()).anySatisfy(key -> assertThat(key).startsWith(ReceivedMail.TOPIC.name()));
            assertThat(folded.values()).anySatisfy(value -> assertThat(value).contains("linus@guests.example"));
            assertThat(folded.values()).noneSatisfy(value -> assertThat(value.toLowerCase(Locale.ROOT))
                    .contains("grace"));
        } finally {
            restored.close(Duration.ofSeconds(30));
        }
    }

    private static KafkaStreams run() {
        StreamsBuilder builder = new StreamsBuilder();
        Erasures.register(builder, serdes, PSEUDONYMS);
        // Erasures looked for every second, not every 30: the wait is the sweep's, not the behaviour's.
        InboundMail.register(builder, serdes, PSEUDONYMS, Duration.ofSeconds(1));
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, APP);
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        config.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.resolve(APP).toString());
        config.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        config.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
        // The closed instance does not leave its group: the restarted one waits out its session, kept short.
        config.put(StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), 6000);
        KafkaStreams streams = new KafkaStreams(builder.build(), config);
        streams.start();
        return streams;
    }

    /** The received-mail table: Message-ID to the mail as text. */
    private static Map<String, String> table(KafkaStreams streams) {
        ReadOnlyKeyValueStore<String, ValueAndTimestamp<InboundEmail>> store = streams.store(
                StoreQueryParameters.fromNameAndType(InboundMail.STORE, QueryableStoreTypes.timestampedKeyValueStore()));
        Map<String, String> mail = new HashMap<>();
        try (KeyValueIterator<String, ValueAndTimestamp<InboundEmail>> all = store.all()) {
            all.forEachRemaining(entry -> mail.put(entry.key, entry.value.value().toString().toLowerCase(Locale.ROOT)));
        }
        return mail;
    }

    private static InboundEmail mail(String messageId, String from) {
        return InboundEmail.newBuilder().setMessageId(messageId).setReceivedAt(Instant.now()).setFromAddress(from)
                .setTo(List.of("front@ber-1.example")).setSubject("Hello").setBodyText("Hi").build();
    }

    private static <V extends SpecificRecord> void publish(Topic<V> topic, String key, V value) {
        try (var producer = new KafkaProducer<>(Map.<String, Object>of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic.name(), key, serdes.serialize(topic, value))).get();
        } catch (Exception e) {
            throw new IllegalStateException("Could not publish to " + topic.name(), e);
        }
    }
}
