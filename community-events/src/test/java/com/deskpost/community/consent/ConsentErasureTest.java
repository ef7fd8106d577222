package com.deskpost.community.consent;

import static org.assertj.core.api.Assertions.assertThat;

import com.deskpost.events.ConsentAction;
import com.deskpost.events.ConsentChange;
import com.deskpost.platform.consent.ConsentTag;
import com.deskpost.platform.pseudonym.Pseudonyms;
import com.deskpost.platform.serde.AvroSerdes;
import com.deskpost.platform.topic.Topics;
import com.deskpost.schemas.serde.SchemaRegistryClient;
import com.deskpost.testsupport.registry.SchemaRegistryServer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The consent table keeps no erased address: an erasure deletes the address's entry, and a change of an erased
 * address is not stored, in whichever order they are read (a rebuild reads mail.consent's partitions in any order).
 */
class ConsentErasureTest {

    private static final Pseudonyms PSEUDONYMS = new Pseudonyms("test-pseudonym-secret-0123456789abcdef");
    private static final String ADA = "ada@members.example";
    private static final Instant AT = Instant.parse("2026-06-01T08:00:00Z");

    private final SchemaRegistryServer registry = SchemaRegistryServer.start();
    private final AvroSerdes serdes = new AvroSerdes(new SchemaRegistryClient(registry.url()));
    private final TopologyTestDriver driver = driver();

    @AfterEach
    void stop() {
        driver.close();
        registry.close();
    }

    @Test
    void anErasureDeletesTheAddressesEntryAndKeepsTheErasureUnderThePseudonym() {
        change(ADA, ConsentTag.OPT_IN, 0);
        change("bob@members.example", ConsentTag.OPT_IN, 0);
        assertThat(keys()).contains(ADA);

        change(PSEUDONYMS.of(ADA), ConsentTag.ERASED, 1);

        assertThat(keys()).containsExactlyInAnyOrder("bob@members.example", PSEUDONYMS.of(ADA));
        assertThat(store().get(PSEUDONYMS.of(ADA)).tags()).containsExactly(ConsentTag.ERASED);
    }

    @Test
    void aChangeOfAnErasedAddressReadAfterTheErasureIsNotStored() {
        change(PSEUDONYMS.of(ADA), ConsentTag.ERASED, 1);

        change(" Ada@Members.example", ConsentTag.UNSUBSCRIBED, 0);

        assertThat(keys()).containsExactly(PSEUDONYMS.of(ADA));
    }

    @Test
    void anErasurePublishedInClearBeforeKeyedPseudonymsIsKeptUnderThePseudonymOnly() {
        change(ADA, ConsentTag.OPT_IN, 0);

        change(ADA, ConsentTag.ERASED, 1);

        assertThat(keys()).containsExactly(PSEUDONYMS.of(ADA));
    }

    private void change(String email, String tag, long second) {
        ConsentChange change = ConsentChange.newBuilder().setEmail(email).setTag(tag).setAction(ConsentAction.ADDED)
                .setSource("test").setChangedAt(AT.plusSeconds(second)).build();
        driver.createInputTopic(Topics.MAIL_CONSENT.name(), new StringSerializer(), new ByteArraySerializer())
                .pipeInput(email, serdes.serialize(Topics.MAIL_CONSENT, change));
    }

    private KeyValueStore<String, ConsentState> store() {
        return driver.getKeyValueStore(ConsentTable.STORE);
    }

    private List<String> keys() {
        List<String> keys = new ArrayList<>();
        try (KeyValueIterator<String, ConsentState> all = store().all()) {
            all.forEachRemaining(entry -> keys.add(entry.key));
        }
        return keys;
    }

    private TopologyTestDriver driver() {
        StreamsBuilder builder = new StreamsBuilder();
        new ConsentTable(PSEUDONYMS).register(builder, serdes);
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "consent-erasure-test");
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        return new TopologyTestDriver(builder.build(), config);
    }
}
