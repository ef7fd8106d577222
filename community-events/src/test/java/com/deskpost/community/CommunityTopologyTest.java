package com.deskpost.community;

import static com.deskpost.community.Facility.announcement;
import static com.deskpost.community.Facility.consent;
import static com.deskpost.community.Facility.inbound;
import static com.deskpost.community.Facility.inquiry;
import static com.deskpost.community.Facility.location;
import static com.deskpost.community.Facility.member;
import static org.assertj.core.api.Assertions.assertThat;

import com.deskpost.events.AuditEvent;
import com.deskpost.events.AuditType;
import com.deskpost.events.ConsentAction;
import com.deskpost.events.ConsentChange;
import com.deskpost.events.EmailCategory;
import com.deskpost.events.EmailDraft;
import com.deskpost.events.EntityVersion;
import com.deskpost.events.MemberRole;
import com.deskpost.events.MemberStatus;
import com.deskpost.events.OversightMode;
import com.deskpost.events.RecipientRole;
import com.deskpost.platform.consent.ConsentTag;
import com.deskpost.platform.pseudonym.Pseudonyms;
import com.deskpost.platform.deadletter.DeadLetterHeaders;
import com.deskpost.platform.id.DraftIds;
import com.deskpost.platform.serde.AvroSerdes;
import com.deskpost.platform.template.TemplateRenderer;
import com.deskpost.platform.topic.Lane;
import com.deskpost.platform.topic.Topic;
import com.deskpost.platform.topic.Topics;
import com.deskpost.schemas.serde.SchemaRegistryClient;
import com.deskpost.testsupport.registry.SchemaRegistryServer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyDescription;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.BuiltInDslStoreSuppliers;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The community topology, driven without a broker: fan-out with consent, slicing, triage, dead letters. */
class CommunityTopologyTest {

    private static final Logger log = LoggerFactory.getLogger(CommunityTopologyTest.class);
    private static final Duration SLICE = Duration.ofMillis(20);
    private static final String SALES = "sales@ber-1.example";
    private static final Pseudonyms PSEUDONYMS = new Pseudonyms("it-pseudonym-secret-0123456789abcdef");

    private SchemaRegistryServer registry;
    private AvroSerdes serdes;
    private TopologyTestDriver driver;
    private TestOutputTopic<String, byte[]> bulkDrafts;
    private TestOutputTopic<String, byte[]> drafts;
    private TestOutputTopic<String, byte[]> audit;

    @BeforeEach
    void start() {
        registry = SchemaRegistryServer.start();
        serdes = new AvroSerdes(new SchemaRegistryClient(registry.url()));
    }

    @AfterEach
    void stop() {
        if (driver != null) {
            driver.close();
        }
        registry.close();
    }

    @Test
    void anAnnouncementReachesExactlyTheMembersWhoseJurisdictionsConsentAllows() {
        // Given locations in the EU, California and New York, and members of each with their consent
        composer(500);
        seedLocations();
        pipe(Topics.FACILITY_MEMBERS, "M-EU-IN", member("M-EU-IN", "BER-1").setLocale("de-DE").build());
        pipe(Topics.FACILITY_MEMBERS, "M-EU-OUT", member("M-EU-OUT", "BER-1").build());
        pipe(Topics.FACILITY_MEMBERS, "M-CA-OUT", member("M-CA-OUT", "SFO-1").build());
        pipe(Topics.FACILITY_MEMBERS, "M-UNSUB", member("M-UNSUB", "NYC-1").build());
        pipe(Topics.FACILITY_MEMBERS, "M-US", member("M-US", "NYC-1").build());
        pipe(Topics.FACILITY_MEMBERS, "M-CA", member("M-CA", "SFO-1").build());
        // not in the audience: staff, a member who left, a member of another location
        pipe(Topics.FACILITY_MEMBERS, "M-STAFF", member("M-STAFF", "NYC-1").setRole(MemberRole.STAFF).build());
        pipe(Topics.FACILITY_MEMBERS, "M-LEFT", member("M-LEFT", "NYC-1").setStatus(MemberStatus.LEFT).build());
        pipe(Topics.FACILITY_MEMBERS, "M-LDN", member("M-LDN", "LDN-1").build());
        // a member of Berlin (no opt-in) and New York: New York's rule allows the mail
        pipe(Topics.FACILITY_MEMBERS, "M-BOTH", member("M-BOTH", "BER-1")
                .setLocationIds(List.of("BER-1", "NYC-1")).build());
        pipe(Topics.MAIL_CONSENT, "m-eu-in@members.example", consent("m-eu-in@members.example", ConsentTag.OPT_IN));
        pipe(Topics.MAIL_CONSENT, "m-ca-out@members.example",
                consent("m-ca-out@members.example", ConsentTag.CCPA_OPT_OUT));
        pipe(Topics.MAIL_CONSENT, "m-unsub@members.example",
                consent("m-unsub@members.example", ConsentTag.UNSUBSCRIBED));
        // and two erased New York members: one announced under the keyed pseudonym, as delivery does now, one in
        // clear, as before keyed pseudonyms
        pipe(Topics.FACILITY_MEMBERS, "M-ERASED", member("M-ERASED", "NYC-1").build());
        pipe(Topics.FACILITY_MEMBERS, "M-ERASED-BEFORE", member("M-ERASED-BEFORE", "NYC-1").build());
        String erased = PSEUDONYMS.of("m-erased@members.example");
        pipe(Topics.MAIL_CONSENT, erased, consent(erased, ConsentTag.ERASED));
        pipe(Topics.MAIL_CONSENT, "m-erased-before@members.example",
                consent("m-erased-before@members.example", ConsentTag.ERASED));

        // When the community team announces to the three locations
        pipe(Topics.FACILITY_COMMUNITY, "A-1", announcement("A-1", 1, List.of("BER-1", "SFO-1", "NYC-1"), List.of()));
        driver.advanceWallClockTime(SLICE);

        // Then exactly the members the consent rule of their location allows get a draft, in the bulk lane
        Map<String, EmailDraft> byMember = read(bulkDrafts, Topics.MAIL_DRAFTS_BULK).stream()
                .collect(Collectors.toMap(d -> d.getRecipient().getMemberId(), d -> d));
        assertThat(byMember).containsOnlyKeys("M-EU-IN", "M-US", "M-CA", "M-BOTH");
        assertThat(byMember.get("M-BOTH").getLocationId()).isEqualTo("NYC-1");
        assertThat(byMember.get("M-EU-IN").getLocationId()).isEqualTo("BER-1");
        EmailDraft german = byMember.get("M-EU-IN");
        assertThat(german.getCategory()).isEqualTo(EmailCategory.COMMERCIAL);
        assertThat(german.getEventType()).isEqualTo("community_announcement");
        assertThat(german.getSupersedeKey()).isEqualTo("announcement:A-1");
        assertThat(german.getDraftId()).isEqualTo(DraftIds.draftId("a-A-1-v1", "community-announcement",
                "m-eu-in@members.example"));
        assertThat(german.getSubject()).isEqualTo("Summer party on the roof terrace");
        assertThat(german.getBodyText()).startsWith("Hallo Member M-EU-IN,").contains("Bring a friend.");
        // the announcement's text is escaped in the HTML part
        assertThat(german.getBodyHtml()).contains("&lt;for drinks&gt; &amp; music").doesNotContain("<for drinks>");
        // and nothing of it in the standard lane
        assertThat(drafts.isEmpty()).isTrue();
        // each draft is audited, and the announcement's version is published for freshness
        assertThat(read(audit, Topics.MAIL_AUDIT)).extracting(AuditEvent::getType).containsOnly(AuditType.DRAFTED)
                .hasSize(4);
        EntityVersion version = serdes.deserialize(Topics.MAIL_ENTITY_VERSIONS,
                driver.createOutputTopic(Topics.MAIL_ENTITY_VERSIONS.name(), new StringDeserializer(),
                        new ByteArrayDeserializer()).readValue());
        assertThat(version.getSupersedeKey()).isEqualTo("announcement:A-1");
        assertThat(version.getVersion()).isEqualTo(1);
    }

    @Test
    void memberTagsNarrowTheAudience() {
        composer(500);
        seedLocations();
        pipe(Topics.FACILITY_MEMBERS, "M-1", member("M-1", "NYC-1").setTags(List.of("founders-circle")).build());
        pipe(Topics.FACILITY_MEMBERS, "M-2", member("M-2", "NYC-1").setTags(List.of("events")).build());

        pipe(Topics.FACILITY_COMMUNITY, "A-2", announcement("A-2", 1, List.of("NYC-1"), List.of("founders-circle")));
        driver.advanceWallClockTime(SLICE);

        assertThat(read(bulkDrafts, Topics.MAIL_DRAFTS_BULK)).extracting(d -> d.getRecipient().getMemberId())
                .containsExactly("M-1");
    }

    @Test
    void aLargeAudienceIsFannedOutInSlicesThatExamineAtMostTheSliceSizeEach() {
        // Given 7 members and slices of 3
        composer(3);
        seedLocations();
        for (int i = 1; i <= 7; i++) {
            pipe(Topics.FACILITY_MEMBERS, "M-" + i, member("M-" + i, "NYC-1").build());
        }

        // When an announcement is accepted, nothing is drafted until the punctuator runs
        pipe(Topics.FACILITY_COMMUNITY, "A-3", announcement("A-3", 1, List.of("NYC-1"), List.of()));
        assertThat(bulkDrafts.isEmpty()).isTrue();

        // Then each slice drafts at most 3, in member-id order, and the three slices cover everyone once
        driver.advanceWallClockTime(SLICE);
        assertThat(read(bulkDrafts, Topics.MAIL_DRAFTS_BULK)).extracting(d -> d.getRecipient().getMemberId())
                .containsExactly("M-1", "M-2", "M-3");
        driver.advanceWallClockTime(SLICE);
        assertThat(read(bulkDrafts, Topics.MAIL_DRAFTS_BULK)).extracting(d -> d.getRecipient().getMemberId())
                .containsExactly("M-4", "M-5", "M-6");
        driver.advanceWallClockTime(SLICE);
        assertThat(read(bulkDrafts, Topics.MAIL_DRAFTS_BULK)).extracting(d -> d.getRecipient().getMemberId())
                .containsExactly("M-7");
        driver.advanceWallClockTime(SLICE);
        assertThat(bulkDrafts.isEmpty()).isTrue();

        // And a replay of the same announcement drafts nothing again
        pipe(Topics.FACILITY_COMMUNITY, "A-3", announcement("A-3", 1, List.of("NYC-1"), List.of()));
        driver.advanceWallClockTime(SLICE);
        assertThat(bulkDrafts.isEmpty()).isTrue();
    }

    @Test
    void otherRecordsAreServedBetweenTheSlicesOfALargeFanOut() {
        // Given an announcement fanning out in slices of 2 over 6 members
        composer(2);
        seedLocations();
        for (int i = 1; i <= 6; i++) {
            pipe(Topics.FACILITY_MEMBERS, "M-" + i, member("M-" + i, "BER-1").build());
            pipe(Topics.MAIL_CONSENT, "m-" + i + "@members.example", consent("m-" + i + "@members.example",
                    ConsentTag.OPT_IN));
        }
        pipe(Topics.FACILITY_COMMUNITY, "A-4", announcement("A-4", 1, List.of("BER-1"), List.of()));
        driver.advanceWallClockTime(SLICE);
        assertThat(read(bulkDrafts, Topics.MAIL_DRAFTS_BULK)).hasSize(2);

        // When member 5 unsubscribes by mail mid-fan-out, and an inquiry arrives
        pipe(Topics.MAIL_INBOUND, "<u-5@members.example>", inbound("<u-5@members.example>",
                "m-5@members.example", "hello@ber-1.example", "Unsubscribe", "").build());
        pipe(Topics.FACILITY_COMMUNITY, "I-1", inquiry("I-1", "BER-1", null));

        // Then both are answered at once, before the fan-out finishes
        assertThat(read(drafts, Topics.MAIL_DRAFTS)).extracting(EmailDraft::getEventType)
                .containsExactly("unsubscribe_confirmation", "inquiry_reply");
        // and the rest of the fan-out skips the member who just unsubscribed
        driver.advanceWallClockTime(SLICE);
        driver.advanceWallClockTime(SLICE);
        assertThat(read(bulkDrafts, Topics.MAIL_DRAFTS_BULK)).extracting(d -> d.getRecipient().getMemberId())
                .containsExactly("M-3", "M-4", "M-6");
    }

    @Test
    void anAnnouncementsMailIsKeyedPerMemberSpreadOverTheLaneAndACorrectionKeepsEachMembersKey() {
        // Given 60 members of a US location, fanned out in slices of 25
        composer(25);
        seedLocations();
        for (int i = 0; i < 60; i++) {
            String id = String.format("M-%02d", i);
            pipe(Topics.FACILITY_MEMBERS, id, member(id, "NYC-1").build());
        }

        // When an announcement fans out
        pipe(Topics.FACILITY_COMMUNITY, "A-K", announcement("A-K", 1, List.of("NYC-1"), List.of()));
        for (int slice = 0; slice < 3; slice++) {
            driver.advanceWallClockTime(SLICE);
        }

        // Then each member's draft has a key of their own: the announcement's supersede key and a digest of the
        // member's address (never the address), spread over the bulk lane's partitions
        Map<String, String> first = keysByMember(bulkDrafts.readRecordsToList(), 1);
        assertThat(first).hasSize(60);
        assertThat(new HashSet<>(first.values())).hasSize(60);
        assertThat(first.values()).allSatisfy(key -> assertThat(key).startsWith("announcement:A-K/")
                .doesNotContain("@").doesNotContain("members"));
        assertThat(first.values().stream().map(CommunityTopologyTest::partition).distinct()).hasSizeGreaterThan(1);

        // When the announcement is corrected after its fan-out (version 2)
        pipe(Topics.FACILITY_COMMUNITY, "A-K", announcement("A-K", 2, List.of("NYC-1"), List.of()));
        for (int slice = 0; slice < 3; slice++) {
            driver.advanceWallClockTime(SLICE);
        }

        // Then each member's corrected draft has the key of their first: same partition, after it
        assertThat(keysByMember(bulkDrafts.readRecordsToList(), 2)).isEqualTo(first);
        // and freshness still names the announcement: its versions (each, and each CLOSED once its fan-out is done)
        // keyed by the supersede key alone
        assertThat(driver.createOutputTopic(Topics.MAIL_ENTITY_VERSIONS.name(), new StringDeserializer(),
                new ByteArrayDeserializer()).readKeyValuesToList()).extracting(kv -> kv.key)
                .hasSize(4).containsOnly("announcement:A-K");
    }

    @Test
    void tenThousandMembersFanOutInBoundedSlices() {
        // Given 10,000 members of a US location and slices of 500, the directory in memory: the driver flushes and
        // checkpoints every store after each piped record, which on RocksDB costs seconds per thousand members
        composer(500, true);
        seedLocations();
        for (int i = 0; i < 10_000; i++) {
            String id = String.format("M-%05d", i);
            pipe(Topics.FACILITY_MEMBERS, id, member(id, "NYC-1").build());
        }
        pipe(Topics.FACILITY_COMMUNITY, "A-10K", announcement("A-10K", 1, List.of("NYC-1"), List.of()));

        // When the punctuator runs until the fan-out is done
        long slowestSliceNanos = 0;
        long totalNanos = 0;
        int drafted = 0;
        int slices = 0;
        while (drafted < 10_000 && slices < 40) {
            long started = System.nanoTime();
            driver.advanceWallClockTime(SLICE);
            long took = System.nanoTime() - started;
            int thisSlice = bulkDrafts.readRecordsToList().size();
            drafted += thisSlice;
            slices++;
            totalNanos += took;
            slowestSliceNanos = Math.max(slowestSliceNanos, took);
            assertThat(thisSlice).isLessThanOrEqualTo(500);
        }

        // Then every member got one draft, in 20 slices, none holding the thread long
        assertThat(drafted).isEqualTo(10_000);
        assertThat(slices).isEqualTo(20);
        log.info("10,000-member fan-out: {} slices, {} ms in all, slowest slice {} ms (render, serialise, forward)",
                slices, totalNanos / 1_000_000, slowestSliceNanos / 1_000_000);
    }

    @Test
    void aTourInquiryGetsAReplyHeldForStaffInTheProspectsThread() {
        composer(500);
        seedLocations();

        pipe(Topics.FACILITY_COMMUNITY, "I-7", inquiry("I-7", "BER-1", "<form-7@website.example>"));

        EmailDraft reply = read(drafts, Topics.MAIL_DRAFTS).get(0);
        assertThat(reply.getEventType()).isEqualTo("inquiry_reply");
        assertThat(reply.getRequestedMode()).isEqualTo(OversightMode.GATED_ALL);
        assertThat(reply.getCategory()).isEqualTo(EmailCategory.TRANSACTIONAL);
        assertThat(reply.getRecipient().getRole()).isEqualTo(RecipientRole.PROSPECT);
        assertThat(reply.getRecipient().getEmail()).isEqualTo("grace@prospect.example");
        assertThat(reply.getThread().getInReplyTo()).isEqualTo("<form-7@website.example>");
        assertThat(reply.getThread().getReferences()).containsExactly("<form-7@website.example>");
        // Berlin writes German by default
        assertThat(reply.getSubject()).isEqualTo("Ihre Besichtigung von Deskpost BER-1");
        assertThat(reply.getBodyText()).contains("Guten Tag Grace Prospect", "28. April 2026",
                "> Could I see the space next week?");
    }

    @Test
    void aMailToTheSalesMailboxGetsAReplyInItsThread() {
        composer(500);
        seedLocations();

        pipe(Topics.MAIL_INBOUND, "<q-1@prospect.example>", inbound("<q-1@prospect.example>",
                "alan@prospect.example", SALES, "Desk for a team of 4?", "Hi, do you have room for 4 of us?")
                .setFromName("Alan Prospect").setReferences(List.of("<root@prospect.example>")).build());

        EmailDraft reply = read(drafts, Topics.MAIL_DRAFTS).get(0);
        assertThat(reply.getRequestedMode()).isEqualTo(OversightMode.GATED_ALL);
        assertThat(reply.getLocationId()).isEqualTo("BER-1");
        assertThat(reply.getSubject()).isEqualTo("AW: Desk for a team of 4?");
        assertThat(reply.getThread().getInReplyTo()).isEqualTo("<q-1@prospect.example>");
        assertThat(reply.getThread().getReferences())
                .containsExactly("<root@prospect.example>", "<q-1@prospect.example>");
        assertThat(reply.getThread().getThreadKey()).isEqualTo("inquiry:<root@prospect.example>");
        assertThat(read(audit, Topics.MAIL_AUDIT)).extracting(AuditEvent::getDraftId)
                .containsExactly(reply.getDraftId());
    }

    @Test
    void aConfiguredSalesAddressNamesItsLocationAndOurOwnMailboxesAreNeverAnswered() {
        composer(500);
        seedLocations();

        pipe(Topics.MAIL_INBOUND, "<q-2@prospect.example>", inbound("<q-2@prospect.example>",
                "alan@prospect.example", "team@bookings.example", "Tour", "Can I visit?").build());
        pipe(Topics.MAIL_INBOUND, "<loop@ber-1.example>", inbound("<loop@ber-1.example>",
                "hello@ber-1.example", SALES, "Re: Tour", "Can I visit?").build());

        assertThat(read(drafts, Topics.MAIL_DRAFTS)).extracting(d -> d.getRecipient().getEmail())
                .containsExactly("alan@prospect.example");
    }

    @Test
    void anUnsubscribeByMailTagsTheSenderAtOnceAndIsConfirmedOnce() {
        composer(500);
        seedLocations();
        TestOutputTopic<String, byte[]> consentOut = output(Topics.MAIL_CONSENT);

        // When a member answers an announcement asking to be taken off the list
        var mail = inbound("<r-1@members.example>", "Ada@Members.example", "unsubscribe@nyc-1.example",
                "Re: Summer party", "Please remove me from this list.\n\n> Summer party on the roof").build();
        pipe(Topics.MAIL_INBOUND, mail.getMessageId(), mail);

        // Then the address is tagged unsubscribed, keyed by its normalised form, naming the mail
        TestRecord<String, byte[]> change = consentOut.readRecord();
        assertThat(change.key()).isEqualTo("ada@members.example");
        ConsentChange recorded = serdes.deserialize(Topics.MAIL_CONSENT, change.value());
        assertThat(recorded.getTag()).isEqualTo(ConsentTag.UNSUBSCRIBED);
        assertThat(recorded.getAction()).isEqualTo(ConsentAction.ADDED);
        assertThat(recorded.getSource()).isEqualTo("inbound-mail");
        assertThat(recorded.getSourceRef()).isEqualTo("<r-1@members.example>");
        assertThat(recorded.getChangedAt()).isEqualTo(Facility.NOW);
        // and one confirmation, from the location it was written to, in the sender's thread
        EmailDraft confirmation = read(drafts, Topics.MAIL_DRAFTS).get(0);
        assertThat(confirmation.getEventType()).isEqualTo("unsubscribe_confirmation");
        assertThat(confirmation.getCategory()).isEqualTo(EmailCategory.TRANSACTIONAL);
        assertThat(confirmation.getLocationId()).isEqualTo("NYC-1");
        assertThat(confirmation.getThread().getInReplyTo()).isEqualTo("<r-1@members.example>");

        // When the same request arrives again (the other door, a provider retry)
        pipe(Topics.MAIL_INBOUND, mail.getMessageId(), mail);
        // Then no second confirmation
        assertThat(drafts.isEmpty()).isTrue();
    }

    @Test
    void anUnsubscribeByMailFromAnErasedAddressPutsNothingOnMailConsent() {
        // Given Ada's erasure, announced under her pseudonym
        composer(500);
        seedLocations();
        String pseudonym = PSEUDONYMS.of("ada@members.example");
        pipe(Topics.MAIL_CONSENT, pseudonym, consent(pseudonym, ConsentTag.ERASED));

        // When an unsubscribe mail from her address arrives
        pipe(Topics.MAIL_INBOUND, "<r-2@members.example>", inbound("<r-2@members.example>", "Ada@Members.example",
                "unsubscribe@nyc-1.example", "Unsubscribe", "").build());

        // Then nothing names her again on mail.consent, and no confirmation is drafted
        assertThat(output(Topics.MAIL_CONSENT).isEmpty()).isTrue();
        assertThat(drafts.isEmpty()).isTrue();
    }

    @Test
    void aReplyThatIsNeitherAnUnsubscribeNorAnInquiryCausesNothing() {
        composer(500);
        seedLocations();

        pipe(Topics.MAIL_INBOUND, "<x@members.example>", inbound("<x@members.example>", "ada@members.example",
                "hello@nyc-1.example", "Re: Summer party", "Great, see you there!\n\n> To unsubscribe, click here")
                .build());

        assertThat(drafts.isEmpty()).isTrue();
        assertThat(output(Topics.MAIL_CONSENT).isEmpty()).isTrue();
        assertThat(output(Topics.MAIL_INBOUND.deadLetterTopic()).isEmpty()).isTrue();
    }

    @Test
    void unusableInputIsDeadLetteredWithAReasonAndTheStreamCarriesOn() {
        composer(500);
        seedLocations();

        // Given bytes that are not Avro, an announcement to an unknown location, an inquiry without one
        driver.createInputTopic(Topics.FACILITY_COMMUNITY.name(), new StringSerializer(), new ByteArraySerializer())
                .pipeInput("junk", "not avro".getBytes(StandardCharsets.UTF_8));
        pipe(Topics.FACILITY_COMMUNITY, "A-9", announcement("A-9", 1, List.of("XXX-9"), List.of()));
        var noLocation = inquiry("I-9", "BER-1", null);
        noLocation.getHeader().setLocationId(null);
        pipe(Topics.FACILITY_COMMUNITY, "I-9", noLocation);
        // and an inbound mail whose sender is not one address
        pipe(Topics.MAIL_INBOUND, "<bad@x>", inbound("<bad@x>", "not an address", SALES, "Hi", "Hello").build());

        // Then each is dead-lettered with what is wrong: bad input at once
        var communityDeadLetters = output(Topics.FACILITY_COMMUNITY.deadLetterTopic());
        List<String> community = communityDeadLetters.readRecordsToList().stream()
                .map(r -> DeadLetterHeaders.reason(r.headers())).toList();
        assertThat(community).hasSize(2);
        assertThat(community.get(1)).contains("Inquiry I-9 has no header.location_id");
        // and the location the directory never gets once the grace has passed
        driver.advanceWallClockTime(Duration.ofMinutes(5));
        assertThat(communityDeadLetters.readRecordsToList()).extracting(r -> DeadLetterHeaders.reason(r.headers()))
                .containsExactly("Announcement A-9 names unknown location XXX-9: not in facility.locations; waited 5m"
                        + " for the directory");
        assertThat(output(Topics.MAIL_INBOUND.deadLetterTopic()).readRecordsToList())
                .extracting(r -> DeadLetterHeaders.reason(r.headers()))
                .containsExactly("sender 'not an address' is not one email address");

        // And the next good event is handled as usual
        pipe(Topics.FACILITY_COMMUNITY, "I-10", inquiry("I-10", "BER-1", null));
        assertThat(read(drafts, Topics.MAIL_DRAFTS)).hasSize(1);
    }

    @Test
    void everySubTopologyReadsOneTopicSoNoTaskWaitsForAnotherTopicsPartition() {
        // Given the composer's whole topology (facility.community, mail.inbound, the announcement fan-out)
        StreamsBuilder builder = new StreamsBuilder();
        new CommunityTopology().build(builder, serdes, new TemplateRenderer(getClass().getClassLoader()),
                new CommunityProperties(new CommunityProperties.FanOut(10, SLICE), "sales", List.of()), PSEUDONYMS);

        // Then each sub-topology (each task) has one source topic: nothing to order across topics, which is what
        // max.task.idle.ms: -1 in the services' settings relies on
        var subTopologies = builder.build().describe().subtopologies();
        assertThat(subTopologies).hasSizeGreaterThanOrEqualTo(3).allSatisfy(sub -> assertThat(sub.nodes().stream()
                .filter(node -> node instanceof TopologyDescription.Source)
                .flatMap(node -> ((TopologyDescription.Source) node).topicSet().stream()).toList()).hasSize(1));
    }

    // --- helpers ---

    private void composer(int sliceSize) {
        composer(sliceSize, false);
    }

    private void composer(int sliceSize, boolean inMemoryTables) {
        StreamsBuilder builder = new StreamsBuilder();
        CommunityProperties properties = new CommunityProperties(new CommunityProperties.FanOut(sliceSize, SLICE),
                "sales", List.of(new CommunityProperties.SalesMailbox("team@bookings.example", "BER-1")));
        new CommunityTopology().build(builder, serdes, new TemplateRenderer(getClass().getClassLoader()), properties,
                PSEUDONYMS);
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "community-test");
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        if (inMemoryTables) {
            config.put(StreamsConfig.DSL_STORE_SUPPLIERS_CLASS_CONFIG,
                    BuiltInDslStoreSuppliers.InMemoryDslStoreSuppliers.class);
        }
        driver = new TopologyTestDriver(builder.build(), config);
        bulkDrafts = output(Lane.BULK.drafts());
        drafts = output(Lane.STANDARD.drafts());
        audit = output(Topics.MAIL_AUDIT);
    }

    private void seedLocations() {
        pipe(Topics.FACILITY_LOCATIONS, "BER-1", location("BER-1", "EU", "de-DE"));
        pipe(Topics.FACILITY_LOCATIONS, "SFO-1", location("SFO-1", "US-CA", "en-US"));
        pipe(Topics.FACILITY_LOCATIONS, "NYC-1", location("NYC-1", "US", "en-US"));
        pipe(Topics.FACILITY_LOCATIONS, "LDN-1", location("LDN-1", "UK", "en-GB"));
    }

    private TestOutputTopic<String, byte[]> output(Topic<?> topic) {
        return output(topic.name());
    }

    private TestOutputTopic<String, byte[]> output(String topic) {
        return driver.createOutputTopic(topic, new StringDeserializer(), new ByteArrayDeserializer());
    }

    private <V extends SpecificRecord> List<V> read(TestOutputTopic<String, byte[]> topic, Topic<V> type) {
        return topic.readValuesToList().stream().map(bytes -> serdes.deserialize(type, bytes)).toList();
    }

    /** Member id to record key, checking each draft is the announcement's at that version, one per member. */
    private Map<String, String> keysByMember(List<TestRecord<String, byte[]>> records, long version) {
        Map<String, String> keys = new HashMap<>();
        for (TestRecord<String, byte[]> record : records) {
            EmailDraft draft = serdes.deserialize(Topics.MAIL_DRAFTS_BULK, record.value());
            assertThat(draft.getSupersedeKey()).isEqualTo("announcement:A-K");
            assertThat(draft.getEntityVersion()).isEqualTo(version);
            assertThat(keys.put(draft.getRecipient().getMemberId(), record.key())).as("one draft per member").isNull();
        }
        return keys;
    }

    /** The partition the default producer picks for the key among a mail lane's 12. */
    private static int partition(String key) {
        return BuiltInPartitioner.partitionForKey(key.getBytes(StandardCharsets.UTF_8), 12);
    }

    private <V extends SpecificRecord> void pipe(Topic<V> topic, String key, V value) {
        driver.createInputTopic(topic.name(), new StringSerializer(), new ByteArraySerializer())
                .pipeInput(key, serdes.serialize(topic, value));
    }
}
