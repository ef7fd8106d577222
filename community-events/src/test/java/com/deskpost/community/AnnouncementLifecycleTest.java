package com.deskpost.community;

import static com.deskpost.community.Facility.announcement;
import static com.deskpost.community.Facility.location;
import static com.deskpost.community.Facility.member;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.deskpost.community.announcement.AnnouncementQueue;
import com.deskpost.events.EmailDraft;
import com.deskpost.events.EntityStatus;
import com.deskpost.events.EntityVersion;
import com.deskpost.platform.freshness.EntityVersionTable;
import com.deskpost.platform.pseudonym.Pseudonyms;
import com.deskpost.platform.serde.AvroSerdes;
import com.deskpost.platform.template.TemplateRenderer;
import com.deskpost.platform.topic.Topic;
import com.deskpost.platform.topic.Topics;
import com.deskpost.schemas.serde.SchemaRegistryClient;
import com.deskpost.testsupport.registry.SchemaRegistryServer;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * An announcement whose fan-out is complete is closed on mail.entity-versions and its plan forgotten a grace
 * later; a replay of it then mails nobody again, and a newer version still fans out.
 */
class AnnouncementLifecycleTest {

    private static final Duration SLICE = Duration.ofMillis(20);
    private static final Duration GRACE = Duration.ofDays(7); // the default

    private final SchemaRegistryServer registry = SchemaRegistryServer.start();
    private final AvroSerdes serdes = new AvroSerdes(new SchemaRegistryClient(registry.url()));
    private final TopologyTestDriver driver = driver();
    private final TestOutputTopic<String, byte[]> drafts = output(Topics.MAIL_DRAFTS_BULK);
    private final TestOutputTopic<String, byte[]> versions = output(Topics.MAIL_ENTITY_VERSIONS);
    private final KeyValueStore<String, Object> plans = driver.getKeyValueStore("community-fanouts");

    @AfterEach
    void stop() {
        driver.close();
        registry.close();
    }

    @Test
    void aFannedOutAnnouncementIsClosedAndItsPlanForgottenTheGraceLater() {
        pipe(Topics.FACILITY_COMMUNITY, "A-1", announcement("A-1", 1, List.of("NYC-1"), List.of()));
        driver.advanceWallClockTime(SLICE);

        List<EmailDraft> mailed = read(drafts, Topics.MAIL_DRAFTS_BULK);
        assertThat(mailed).hasSize(2);
        assertThat(read(versions, Topics.MAIL_ENTITY_VERSIONS)).extracting(EntityVersion::getVersion,
                EntityVersion::getStatus).containsExactly(tuple(1L, EntityStatus.ACTIVE), tuple(1L, EntityStatus.CLOSED));
        // Closing supersedes none of the announcement's own drafts: they are still sent
        assertThat(EntityVersionTable.supersedingVersion(mailed.get(0),
                driver.getTimestampedKeyValueStore(EntityVersionTable.STORE))).isEmpty();

        driver.advanceWallClockTime(GRACE.minusMinutes(2));
        assertThat(plans.get("A-1")).isNotNull();
        driver.advanceWallClockTime(Duration.ofMinutes(3));
        assertThat(plans.get("A-1")).isNull();
    }

    @Test
    void aReplayAfterThePlanIsForgottenMailsNobodyAndANewerVersionStillFansOut() {
        pipe(Topics.FACILITY_COMMUNITY, "A-2", announcement("A-2", 1, List.of("NYC-1"), List.of()));
        driver.advanceWallClockTime(SLICE);
        driver.advanceWallClockTime(GRACE.plusMinutes(1));
        assertThat(plans.get("A-2")).isNull();
        drafts.readRecordsToList();
        versions.readRecordsToList();

        pipe(Topics.FACILITY_COMMUNITY, "A-2", announcement("A-2", 1, List.of("NYC-1"), List.of()));
        driver.advanceWallClockTime(SLICE);

        assertThat(drafts.isEmpty()).isTrue();
        assertThat(versions.isEmpty()).isTrue(); // its CLOSED version is not overwritten
        assertThat(plans.get("A-2")).isNull();

        pipe(Topics.FACILITY_COMMUNITY, "A-2", announcement("A-2", 2, List.of("NYC-1"), List.of()));
        driver.advanceWallClockTime(SLICE);

        assertThat(read(drafts, Topics.MAIL_DRAFTS_BULK)).extracting(EmailDraft::getEntityVersion)
                .containsExactly(2L, 2L);
    }

    @Test
    void aReplayQueuedBeforeTheHandlerSawThePlanClosedIsClosedAgain() {
        pipe(Topics.FACILITY_COMMUNITY, "A-3", announcement("A-3", 1, List.of("NYC-1"), List.of()));
        driver.advanceWallClockTime(SLICE);
        drafts.readRecordsToList();
        versions.readRecordsToList();

        // The handler had not seen CLOSED yet: it republished the version ACTIVE and queued the announcement
        pipe(Topics.MAIL_ENTITY_VERSIONS, "announcement:A-3", EntityVersion.newBuilder()
                .setSupersedeKey("announcement:A-3").setVersion(1).setStatus(EntityStatus.ACTIVE)
                .setSourceEventId("a-A-3-v1").setOccurredAt(Facility.NOW).build());
        pipe(AnnouncementQueue.TOPIC, "A-3",
                announcement("A-3", 1, List.of("NYC-1"), List.of()));
        driver.advanceWallClockTime(SLICE);

        assertThat(drafts.isEmpty()).isTrue();
        assertThat(read(versions, Topics.MAIL_ENTITY_VERSIONS)).extracting(EntityVersion::getStatus)
                .containsExactly(EntityStatus.CLOSED);
    }

    private TopologyTestDriver driver() {
        StreamsBuilder builder = new StreamsBuilder();
        CommunityProperties properties = new CommunityProperties(new CommunityProperties.FanOut(500, SLICE), "sales",
                List.of());
        new CommunityTopology().build(builder, serdes, new TemplateRenderer(getClass().getClassLoader()), properties,
                new Pseudonyms("it-pseudonym-secret-0123456789abcdef"));
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "community-lifecycle-test");
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        TopologyTestDriver created = new TopologyTestDriver(builder.build(), config, Facility.NOW);
        pipe(created, Topics.FACILITY_LOCATIONS, "NYC-1", location("NYC-1", "US", "en-US"));
        pipe(created, Topics.FACILITY_MEMBERS, "M-1", member("M-1", "NYC-1").build());
        pipe(created, Topics.FACILITY_MEMBERS, "M-2", member("M-2", "NYC-1").build());
        return created;
    }

    private <V extends SpecificRecord> void pipe(Topic<V> topic, String key, V value) {
        pipe(driver, topic, key, value);
    }

    private <V extends SpecificRecord> void pipe(TopologyTestDriver target, Topic<V> topic, String key, V value) {
        target.createInputTopic(topic.name(), new StringSerializer(), new ByteArraySerializer())
                .pipeInput(key, serdes.serialize(topic, value));
    }

    private TestOutputTopic<String, byte[]> output(Topic<?> topic) {
        return driver.createOutputTopic(topic.name(), new StringDeserializer(), new ByteArrayDeserializer());
    }

    private <V extends SpecificRecord> List<V> read(TestOutputTopic<String, byte[]> out, Topic<V> topic) {
        return out.readValuesToList().stream().map(bytes -> serdes.deserialize(topic, bytes)).toList();
    }
}
