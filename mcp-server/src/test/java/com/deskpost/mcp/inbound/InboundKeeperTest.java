package com.deskpost.mcp.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import com.deskpost.events.ConsentAction;
import com.deskpost.events.ConsentChange;
import com.deskpost.events.InboundEmail;
import com.deskpost.platform.consent.ConsentTag;
import com.deskpost.platform.erasure.Erasures;
import com.deskpost.platform.pseudonym.Pseudonyms;
import com.deskpost.platform.serde.AvroSerdes;
import com.deskpost.platform.topic.Topic;
import com.deskpost.platform.topic.Topics;
import com.deskpost.schemas.serde.SchemaRegistryClient;
import com.deskpost.testsupport.registry.SchemaRegistryServer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The received-mail table's own topic: mail.inbound copied into it, an erased person's mail tombstoned there (and so
 * gone from the table), mail naming an erased address not copied at all, mail past its time tombstoned.
 */
class InboundKeeperTest {

    private static final Pseudonyms PSEUDONYMS = new Pseudonyms("test-pseudonym-secret-0123456789abcdef");
    private static final Instant NOW = Instant.parse("2026-06-01T08:00:00Z");

    private final SchemaRegistryServer registry = SchemaRegistryServer.start();
    private final AvroSerdes serdes = new AvroSerdes(new SchemaRegistryClient(registry.url()));
    private final TopologyTestDriver driver = driver();
    private final TestOutputTopic<String, byte[]> copies = driver.createOutputTopic(ReceivedMail.TOPIC.name(),
            new StringDeserializer(), new ByteArrayDeserializer());

    @AfterEach
    void stop() {
        driver.close();
        registry.close();
    }

    @Test
    void anErasedPersonsMailIsTombstonedOnceTheErasureHasSettledAndNotCopiedAgain() {
        // Given mail from Grace, to Grace and from Linus in the table
        receive("<1@x>", "Grace@Guests.example", "front@ber-1.example");
        receive("<2@x>", "front@ber-1.example", "grace@guests.example");
        receive("<3@x>", "linus@guests.example", "front@ber-1.example");
        assertThat(copies.readKeyValuesToList()).hasSize(3);
        assertThat(tableKeys()).containsExactlyInAnyOrder("<1@x>", "<2@x>", "<3@x>");

        // When Grace is erased
        pipe(Topics.MAIL_CONSENT, PSEUDONYMS.of("grace@guests.example"), ConsentChange.newBuilder()
                .setEmail(PSEUDONYMS.of("grace@guests.example")).setTag(ConsentTag.ERASED)
                .setAction(ConsentAction.ADDED).setSource("contacts-api").setChangedAt(NOW).build());
        driver.advanceWallClockTime(Duration.ofSeconds(31));
        assertThat(copies.readKeyValuesToList()).as("not before the erasure has settled").isEmpty();
        driver.advanceWallClockTime(Duration.ofSeconds(60));

        // Then her mail gets tombstones and leaves the table, once; Linus's stays; her new mail is not copied
        assertThat(copies.readKeyValuesToList()).containsExactlyInAnyOrder(KeyValue.pair("<1@x>", null),
                KeyValue.pair("<2@x>", null));
        assertThat(tableKeys()).containsExactly("<3@x>");
        driver.advanceWallClockTime(Duration.ofSeconds(31));
        assertThat(copies.readKeyValuesToList()).isEmpty();
        receive("<4@x>", "grace@guests.example", "front@ber-1.example");
        assertThat(copies.readKeyValuesToList()).isEmpty();
        assertThat(tableKeys()).containsExactly("<3@x>");
    }

    @Test
    void mailPastItsTimeIsTombstoned() {
        receive("<3@x>", "linus@guests.example", "front@ber-1.example");
        copies.readKeyValuesToList();

        driver.advanceWallClockTime(InboundKeeper.KEPT.plus(InboundKeeper.AGE_CHECK));

        assertThat(copies.readKeyValuesToList()).containsExactly(KeyValue.pair("<3@x>", null));
        assertThat(tableKeys()).isEmpty();
    }

    private void receive(String messageId, String from, String to) {
        pipe(Topics.MAIL_INBOUND, messageId, InboundEmail.newBuilder().setMessageId(messageId).setReceivedAt(NOW)
                .setFromAddress(from).setTo(List.of(to)).setSubject("Hello").setBodyText("Hi").build());
    }

    private <V extends SpecificRecord> void pipe(Topic<V> topic, String key, V value) {
        driver.createInputTopic(topic.name(), new StringSerializer(), new ByteArraySerializer())
                .pipeInput(key, serdes.serialize(topic, value));
    }

    private List<String> tableKeys() {
        KeyValueStore<String, ValueAndTimestamp<InboundEmail>> table = driver.getTimestampedKeyValueStore(
                InboundMail.STORE);
        List<String> keys = new ArrayList<>();
        try (KeyValueIterator<String, ValueAndTimestamp<InboundEmail>> all = table.all()) {
            all.forEachRemaining(entry -> keys.add(entry.key));
        }
        return keys;
    }

    private TopologyTestDriver driver() {
        StreamsBuilder builder = new StreamsBuilder();
        Erasures.register(builder, serdes, PSEUDONYMS);
        InboundMail.register(builder, serdes, PSEUDONYMS);
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "inbound-keeper-test");
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        return new TopologyTestDriver(builder.build(), config, NOW);
    }
}
