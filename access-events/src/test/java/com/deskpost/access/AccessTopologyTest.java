package com.deskpost.access;

import static com.deskpost.access.testdata.AccessEvents.afterHours;
import static com.deskpost.access.testdata.AccessEvents.contractor;
import static com.deskpost.access.testdata.AccessEvents.doorCode;
import static com.deskpost.access.testdata.AccessEvents.event;
import static com.deskpost.access.testdata.AccessEvents.incident;
import static com.deskpost.access.testdata.AccessEvents.masterReset;
import static com.deskpost.access.testdata.AccessEvents.visitor;
import static com.deskpost.access.testdata.TestDirectory.newLocation;
import static com.deskpost.access.testdata.TestDirectory.newMember;
import static com.deskpost.access.testdata.TestDirectory.newStaff;
import static org.assertj.core.api.Assertions.assertThat;

import com.deskpost.access.composer.LateReports;
import com.deskpost.events.AccessEvent;
import com.deskpost.events.AfterHoursAccess;
import com.deskpost.events.AuditEvent;
import com.deskpost.events.AuditType;
import com.deskpost.events.DoorCodeChanged;
import com.deskpost.events.EmailDraft;
import com.deskpost.events.EntityVersion;
import com.deskpost.platform.credential.CredentialKeys;
import com.deskpost.platform.credential.CredentialOpener;
import com.deskpost.platform.credential.CredentialPlaceholders;
import com.deskpost.platform.credential.CredentialSealer;
import com.deskpost.platform.deadletter.CredentialRedaction;
import com.deskpost.platform.directory.DirectoryTables;
import com.deskpost.platform.streams.TemplateOverrideTable;
import com.deskpost.platform.deadletter.DeadLetterHeaders;
import com.deskpost.platform.serde.AvroSerdes;
import com.deskpost.platform.template.TemplateRenderer;
import com.deskpost.platform.topic.Lane;
import com.deskpost.platform.topic.Topic;
import com.deskpost.platform.streams.EventRouting;
import com.deskpost.platform.topic.Topics;
import com.deskpost.schemas.serde.SchemaRegistryClient;
import com.deskpost.testsupport.registry.SchemaRegistryServer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyDescription;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.support.KafkaHeaders;

/**
 * The access composer's topology: priority lane, audit, refusals and dead letters, without a broker.
 * Credentials arrive in clear (or sealed) on facility.access and leave only sealed: on every topic the
 * topology writes, dead letters included, and in no state store.
 */
class AccessTopologyTest {

    private static final String CODE = "4821-7730";

    private final CredentialKeys.PrivateKey key = CredentialKeys.generate("topology-key");
    private final CredentialSealer sealer = new CredentialSealer(List.of(key.publicKey()));
    private final CredentialOpener opener = new CredentialOpener(List.of(key));
    private SchemaRegistryServer registry;
    private AvroSerdes serdes;
    private Topology topology;
    private TopologyTestDriver driver;

    @BeforeEach
    void start() {
        registry = SchemaRegistryServer.start();
        serdes = new AvroSerdes(new SchemaRegistryClient(registry.url()));
        StreamsBuilder builder = new StreamsBuilder();
        new AccessTopology().build(builder, serdes, new TemplateRenderer(getClass().getClassLoader()), sealer,
                LateReports.DEFAULTS);
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "access-test");
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        topology = builder.build();
        driver = new TopologyTestDriver(topology, config);
        pipe(Topics.FACILITY_LOCATIONS, "LDN", newLocation("LDN"));
        pipe(Topics.FACILITY_MEMBERS, "ADA", newMember("ADA", "LDN"));
        pipe(Topics.FACILITY_MEMBERS, "SAM", newStaff("SAM", "LDN"));
    }

    @AfterEach
    void stop() {
        driver.close();
        registry.close();
    }

    @Test
    void accessMailTakesThePriorityLaneWithItsVersionAndDraftedAudit() {
        pipe(Topics.FACILITY_ACCESS, "ADA", event("e-1", 2, "LDN", "ADA", doorCode("D1", CODE)));

        EmailDraft draft = only(read(Lane.PRIORITY.drafts()));
        assertThat(draft.getRecipient().getEmail()).isEqualTo("ada@members.example");
        assertThat(draft.getBodyText()).contains(CredentialPlaceholders.of(1));
        assertThat(draft.toString()).doesNotContain(CODE);
        assertThat(opener.open(draft.getSecrets().get(0), draft.getLocationId(), draft.getAboutMemberId()))
                .isEqualTo(CODE);
        assertThat(output(Topics.MAIL_DRAFTS).isEmpty()).as("nothing on the standard lane").isTrue();
        EntityVersion version = only(read(Topics.MAIL_ENTITY_VERSIONS));
        assertThat(version.getSupersedeKey()).isEqualTo("door-code:D1:ADA");
        AuditEvent drafted = only(read(Topics.MAIL_AUDIT));
        assertThat(drafted.getType()).isEqualTo(AuditType.DRAFTED);
        assertThat(drafted.toString()).doesNotContain(CODE);
    }

    @Test
    void anIncidentsNoticesAreKeyedPerRecipientSpreadOverTheLaneAndAnUpdateKeepsEachRecipientsKey() {
        // Given 40 more members at the location
        for (int i = 0; i < 40; i++) {
            pipe(Topics.FACILITY_MEMBERS, "M-" + i, newMember("M-" + i, "LDN"));
        }

        // When a fire alarm is reported
        pipe(Topics.FACILITY_ACCESS, "SAM", event("e-1", 1, "LDN", "SAM", incident("INC-9")));

        // Then each recipient's notice (the staff mailbox's, ADA's, SAM's and the 40 members') has a key of its own,
        // the incident's supersede key and a digest of the recipient, spread over the priority lane's partitions
        Map<String, String> first = keysByRecipient(output(Lane.PRIORITY.drafts()).readRecordsToList());
        assertThat(first).hasSize(43);
        assertThat(new HashSet<>(first.values())).hasSize(43);
        assertThat(first.values()).allSatisfy(key -> assertThat(key).startsWith("incident:INC-9/").doesNotContain("@"));
        assertThat(first.values().stream().map(AccessTopologyTest::partition).distinct()).hasSizeGreaterThan(1);

        // When the incident is updated (version 2)
        pipe(Topics.FACILITY_ACCESS, "SAM", event("e-2", 2, "LDN", "SAM", incident("INC-9")));

        // Then each recipient's newer notice has the key of their first one: one partition, in order
        List<TestRecord<String, byte[]>> updated = output(Lane.PRIORITY.drafts()).readRecordsToList();
        assertThat(keysByRecipient(updated)).isEqualTo(first);
        assertThat(updated).extracting(record -> serdes.deserialize(Topics.MAIL_DRAFTS_PRIORITY, record.value()))
                .allSatisfy(draft -> {
                    assertThat(draft.getSupersedeKey()).isEqualTo("incident:INC-9");
                    assertThat(draft.getEntityVersion()).isEqualTo(2);
                });
        // and freshness is the entity's as before: its versions keyed by the supersede key alone
        assertThat(output(Topics.MAIL_ENTITY_VERSIONS).readKeyValuesToList()).extracting(kv -> kv.key)
                .containsExactly("incident:INC-9", "incident:INC-9");
    }

    private Map<String, String> keysByRecipient(List<TestRecord<String, byte[]>> records) {
        Map<String, String> keys = new HashMap<>();
        for (TestRecord<String, byte[]> record : records) {
            EmailDraft draft = serdes.deserialize(Topics.MAIL_DRAFTS_PRIORITY, record.value());
            assertThat(keys.put(draft.getRecipient().getEmail(), record.key())).as("one notice per recipient").isNull();
        }
        return keys;
    }

    /** The partition the default producer picks for the key among a mail lane's 12. */
    private static int partition(String key) {
        return BuiltInPartitioner.partitionForKey(key.getBytes(StandardCharsets.UTF_8), 12);
    }

    @Test
    void visitorAndContractorMailGoesToTheSponsorAndStaffWithTheirRolesOnDraftAndAudit() {
        // When a visitor (who gave an address) and a contractor are pre-authorised by ADA
        pipe(Topics.FACILITY_ACCESS, "ADA", event("e-1", 1, "LDN", "ADA", visitor("Grace", CODE)));
        pipe(Topics.FACILITY_ACCESS, "ADA", event("e-2", 1, "LDN", "ADA", contractor("Ivan", CODE)));

        // Then each goes to the sponsor, with the code sealed, and to the staff mailbox, without it
        List<EmailDraft> drafts = read(Lane.PRIORITY.drafts());
        assertThat(drafts).hasSize(4).extracting(draft -> draft.getEventType() + " " + draft.getRecipient().getRole()
                + " " + draft.getRecipient().getEmail() + " " + draft.getSecrets().size()).containsExactlyInAnyOrder(
                "visitor_pre_authorized SPONSOR ada@members.example 1",
                "visitor_pre_authorized STAFF " + newLocation("LDN").getStaffMailbox() + " 0",
                "contractor_access_granted SPONSOR ada@members.example 1",
                "contractor_access_granted STAFF " + newLocation("LDN").getStaffMailbox() + " 0");
        // and never to the visitor's own address: their entry code reaches them through their sponsor
        assertThat(drafts).noneMatch(draft -> draft.getRecipient().getEmail().equals("visitor@guests.example"));
        // and each DRAFTED audit row records the role its draft's recipient has
        Map<String, String> roles = new HashMap<>();
        drafts.forEach(draft -> roles.put(draft.getDraftId(), draft.getRecipient().getRole().name()));
        List<AuditEvent> audits = read(Topics.MAIL_AUDIT);
        assertThat(audits).hasSize(4).allSatisfy(audit -> {
            assertThat(audit.getType()).isEqualTo(AuditType.DRAFTED);
            assertThat(audit.getAttributes()).containsEntry("recipient_role", roles.get(audit.getDraftId()));
        });
    }

    @Test
    void anAfterHoursEntryReportedDaysLateIsAuditedSuppressedAndNeverDrafted() {
        // Given an offline lock reporting, today, an entry of 24 November (the wall clock is days past it)
        pipe(Topics.FACILITY_ACCESS, "ADA", event("e-1", 1, "LDN", "ADA", afterHours("D1")));
        // and one from a minute ago
        AfterHoursAccess recent = AfterHoursAccess.newBuilder().setDoorId("D2").setDoorName("Door D2")
                .setAccessedAt(Instant.now().minusSeconds(60)).build();
        pipe(Topics.FACILITY_ACCESS, "ADA", event("e-2", 1, "LDN", "ADA", recent));

        // Then only the recent one is drafted
        EmailDraft drafted = only(read(Lane.PRIORITY.drafts()));
        assertThat(drafted.getBodyText()).contains("Door D2");
        // and the late one is audited SUPPRESSED with the reason, nothing dead-lettered: it is not bad input
        List<AuditEvent> audits = read(Topics.MAIL_AUDIT);
        assertThat(audits).extracting(AuditEvent::getType)
                .containsExactlyInAnyOrder(AuditType.SUPPRESSED, AuditType.DRAFTED);
        AuditEvent suppressed = audits.stream().filter(a -> a.getType() == AuditType.SUPPRESSED).findFirst().orElseThrow();
        assertThat(suppressed.getDetail()).contains("Not mailed: reported late", "2026-11-24T18:30:00Z");
        assertThat(suppressed.getRecipient()).isEqualTo("ada@members.example");
        assertThat(output(Lane.PRIORITY.drafts().deadLetterTopic()).isEmpty()).isTrue();
    }

    @Test
    void aDraftOutsideThePolicyIsRefusedToTheLanesDeadLettersSealedAndAudited() {
        // Given a master keycode reset naming a member, not staff, as its holder
        pipe(Topics.FACILITY_ACCESS, "ADA", event("e-1", 1, "LDN", "ADA", masterReset(CODE, "SAM")));

        // Then nothing is drafted, the refused draft is a dead letter with the reason and the code sealed
        assertThat(output(Lane.PRIORITY.drafts()).isEmpty()).isTrue();
        TestRecord<String, byte[]> dead = only(output(Lane.PRIORITY.drafts().deadLetterTopic()).readRecordsToList());
        assertThat(DeadLetterHeaders.reason(dead.headers())).contains("master keycode of LDN to ADA, who is not staff there");
        assertThat(text(dead.headers().lastHeader(CredentialRedaction.HEADER))).isEqualTo(CredentialRedaction.SEALED);
        EmailDraft kept = serdes.deserialize(Lane.PRIORITY.drafts(), dead.value());
        assertThat(kept.getBodyText()).contains(CredentialPlaceholders.of(1));
        assertThat(kept.getSecrets()).singleElement().asString().startsWith("sealed:v1:topology-key:");
        assertThat(new String(dead.value(), StandardCharsets.ISO_8859_1)).doesNotContain(CODE);
        // and audited DEAD_LETTERED with the reason, without the code
        AuditEvent audit = only(read(Topics.MAIL_AUDIT));
        assertThat(audit.getType()).isEqualTo(AuditType.DEAD_LETTERED);
        assertThat(audit.getDetail()).contains("Refused by the access policy");
        assertThat(audit.toString()).doesNotContain(CODE);
    }

    @Test
    void anEventForAMemberTheDirectoryNeverGetsWaitsSealedIsDeadLetteredSealedAfterTheGraceAndTheNextIsComposed() {
        // Given a door-code event, code in clear, for a member the directory does not know
        pipe(Topics.FACILITY_ACCESS, "NOBODY", event("e-1", 1, "LDN", "NOBODY", doorCode("D1", CODE)));
        // and a good one after it
        pipe(Topics.FACILITY_ACCESS, "ADA", event("e-2", 1, "LDN", "ADA", doorCode("D2", "1111-2222")));

        // When the grace passes without the member being published
        var deadLetters = output(Topics.FACILITY_ACCESS.deadLetterTopic());
        assertThat(deadLetters.isEmpty()).isTrue();
        driver.advanceWallClockTime(Duration.ofMinutes(5));

        // Then the dead letter keeps the event with its code sealed for its location and member, so once the
        // member is published a redrive delivers it
        TestRecord<String, byte[]> dead = only(deadLetters.readRecordsToList());
        assertThat(DeadLetterHeaders.reason(dead.headers())).contains("Member NOBODY").endsWith("waited 5m for the directory");
        assertThat(text(dead.headers().lastHeader(CredentialRedaction.HEADER))).isEqualTo(CredentialRedaction.SEALED);
        AccessEvent kept = serdes.deserialize(Topics.FACILITY_ACCESS, dead.value());
        assertThat(opener.open(((DoorCodeChanged) kept.getPayload()).getNewCode(), "LDN", "NOBODY")).isEqualTo(CODE);
        assertThat(((DoorCodeChanged) kept.getPayload()).getDoorName()).isEqualTo("Door D1");
        assertThat(new String(dead.value(), StandardCharsets.ISO_8859_1)).doesNotContain(CODE);
        EmailDraft next = only(read(Lane.PRIORITY.drafts()));
        assertThat(opener.reveal(next).getBodyText()).contains("1111-2222");
        assertThat(next.toString()).doesNotContain("1111-2222");
    }

    @Test
    void aCodeSealedUnderAKeyDeskpostDoesNotPublishIsDeadLetteredWithTheReasonAndNeverDrafted() {
        String foreign = new CredentialSealer(List.of(CredentialKeys.generate("old-2025").publicKey()))
                .seal(CODE, "LDN", "ADA");

        pipe(Topics.FACILITY_ACCESS, "ADA", event("e-1", 1, "LDN", "ADA", doorCode("D1", foreign)));

        assertThat(output(Lane.PRIORITY.drafts()).isEmpty()).isTrue();
        TestRecord<String, byte[]> dead = only(output(Topics.FACILITY_ACCESS.deadLetterTopic()).readRecordsToList());
        assertThat(DeadLetterHeaders.reason(dead.headers())).contains("sealed under key id old-2025",
                "which Deskpost does not publish (published: topology-key)");
        AccessEvent kept = serdes.deserialize(Topics.FACILITY_ACCESS, dead.value());
        assertThat(((DoorCodeChanged) kept.getPayload()).getNewCode()).isEqualTo(foreign);
    }

    @Test
    void noCredentialIsInClearOnAnyTopicTheTopologyWritesNorInAnyStore() {
        // Given the topology keeps one store of its own, where events wait for the directory, and the
        // directory's and the staff template overrides' global tables (no changelog)
        List<String> stores = new ArrayList<>();
        for (TopologyDescription.Subtopology sub : topology.describe().subtopologies()) {
            sub.nodes().stream().filter(node -> node instanceof TopologyDescription.Processor)
                    .forEach(node -> stores.addAll(((TopologyDescription.Processor) node).stores()));
        }
        String parking = EventRouting.parkingStore(Topics.FACILITY_ACCESS);
        assertThat(stores).containsExactly(parking);
        assertThat(topology.describe().globalStores()).hasSize(3);

        // When door-code, master-keycode, visitor and contractor events arrive with their codes in clear,
        // one of them refused by the policy and one for a member nobody knows
        List<String> codes = List.of("5150-0001", "5150-0002", "5150-0003", "5150-0004", "5150-0005", "5150-0006");
        pipe(Topics.FACILITY_ACCESS, "ADA", event("e-1", 1, "LDN", "ADA", doorCode("D1", codes.get(0))));
        pipe(Topics.FACILITY_ACCESS, "SAM", event("e-2", 1, "LDN", "SAM", masterReset(codes.get(1), "SAM")));
        pipe(Topics.FACILITY_ACCESS, "ADA", event("e-3", 1, "LDN", "ADA", visitor("Grace", codes.get(2))));
        pipe(Topics.FACILITY_ACCESS, "ADA", event("e-4", 1, "LDN", "ADA", contractor("Ivan", codes.get(3))));
        pipe(Topics.FACILITY_ACCESS, "ADA", event("e-5", 2, "LDN", "ADA", masterReset(codes.get(4), "SAM")));
        pipe(Topics.FACILITY_ACCESS, "NOBODY", event("e-6", 1, "LDN", "NOBODY", doorCode("D1", codes.get(5))));

        // Then the event for the unknown member waits with its code sealed
        assertThat(storedTexts(parking)).hasSize(1).allSatisfy(text -> assertThat(codes).noneMatch(text::contains));
        // and, the grace passed, every record of every topic it wrote holds no code in clear
        driver.advanceWallClockTime(Duration.ofMinutes(5));
        int records = 0;
        for (String topic : driver.producedTopicNames()) {
            for (TestRecord<String, byte[]> record : output(topic).readRecordsToList()) {
                records++;
                // (a null value: the parking store's changelog forgetting a record it released)
                String seen = record.key() + (record.value() == null ? "" : new String(record.value(),
                        StandardCharsets.ISO_8859_1))
                        + Arrays.stream(record.headers().toArray()).map(AccessTopologyTest::text).toList();
                assertThat(codes).as(topic).noneMatch(seen::contains);
            }
        }
        assertThat(driver.producedTopicNames()).contains(Lane.PRIORITY.drafts().name(),
                Lane.PRIORITY.drafts().deadLetterTopic(), Topics.FACILITY_ACCESS.deadLetterTopic());
        assertThat(records).isGreaterThanOrEqualTo(6 + 4 + 2);
        // and no store holds one
        for (Map.Entry<String, StateStore> store : driver.getAllStateStores().entrySet()) {
            assertThat(store.getKey()).isIn(DirectoryTables.MEMBERS_STORE, DirectoryTables.LOCATIONS_STORE,
                    TemplateOverrideTable.STORE, parking);
            assertThat(storedTexts(store.getKey())).allSatisfy(text -> assertThat(codes).noneMatch(text::contains));
        }
        assertThat(storedTexts(parking)).isEmpty();
    }

    /** Every value of a store as text (bytes as Latin-1, so a code in clear would show). */
    private List<String> storedTexts(String store) {
        List<String> texts = new ArrayList<>();
        try (KeyValueIterator<?, ?> all = ((ReadOnlyKeyValueStore<?, ?>) driver.getAllStateStores().get(store)).all()) {
            all.forEachRemaining(entry -> texts.add(entry.value instanceof byte[] bytes
                    ? new String(bytes, StandardCharsets.ISO_8859_1) : String.valueOf(entry.value)));
        }
        return texts;
    }

    @Test
    void anUndecodableAccessRecordIsWithheldFromTheDeadLetterAndPointedTo() {
        byte[] garbage = ("\0\0\0\0\7door " + CODE).getBytes(StandardCharsets.UTF_8);
        driver.createInputTopic(Topics.FACILITY_ACCESS.name(), new StringSerializer(), new ByteArraySerializer())
                .pipeInput("ADA", garbage);

        TestRecord<String, byte[]> dead = only(output(Topics.FACILITY_ACCESS.deadLetterTopic()).readRecordsToList());
        assertThat(dead.value()).isEmpty();
        assertThat(text(dead.headers().lastHeader(CredentialRedaction.HEADER))).contains("value withheld",
                garbage.length + " bytes");
        assertThat(text(dead.headers().lastHeader(KafkaHeaders.ORIGINAL_TOPIC))).isEqualTo("facility.access");
        assertThat(Arrays.stream(dead.headers().toArray()).map(h -> text(h))).noneMatch(v -> v.contains(CODE));
    }

    private static String text(Header header) {
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private <V extends SpecificRecord> void pipe(Topic<V> topic, String key, V value) {
        driver.createInputTopic(topic.name(), new StringSerializer(), new ByteArraySerializer())
                .pipeInput(key, serdes.serialize(topic, value));
    }

    private TestOutputTopic<String, byte[]> output(Topic<?> topic) {
        return output(topic.name());
    }

    private TestOutputTopic<String, byte[]> output(String topic) {
        return driver.createOutputTopic(topic, new StringDeserializer(), new ByteArrayDeserializer());
    }

    private <V extends SpecificRecord> List<V> read(Topic<V> topic) {
        return output(topic).readValuesToList().stream().map(bytes -> serdes.deserialize(topic, bytes)).toList();
    }

    private static <T> T only(List<T> items) {
        assertThat(items).hasSize(1);
        return items.get(0);
    }
}
