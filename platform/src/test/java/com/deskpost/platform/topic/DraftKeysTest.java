package com.deskpost.platform.topic;

import static org.assertj.core.api.Assertions.assertThat;

import com.deskpost.events.EmailDraft;
import com.deskpost.events.Recipient;
import com.deskpost.platform.TestDrafts;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.junit.jupiter.api.Test;

/** A draft's record key: per recipient within its entity, so a fan-out spreads and a recipient's versions stay in order. */
class DraftKeysTest {

    /** The partitions of a mail lane (the topic rule's default for mail lanes). */
    private static final int LANE_PARTITIONS = 12;

    private final EmailDraft draft = TestDrafts.draft("d-1", List.of());

    @Test
    void theKeyIsTheEntitysSupersedeKeyAndADigestOfTheRecipientNeverTheAddress() {
        String key = DraftKeys.of(draft);

        assertThat(key).matches("door:D-1/[0-9a-f]{16}");
        assertThat(key).doesNotContain("ada").doesNotContain("example");
        // and the draft's own supersede key, which freshness reads, is the entity's still
        assertThat(draft.getSupersedeKey()).isEqualTo("door:D-1");
    }

    @Test
    void oneRecipientsSuccessiveVersionsOfAnEntityShareOneKey() {
        // Given version 2 of the same entity to the same person, the address written differently
        EmailDraft newer = EmailDraft.newBuilder(draft).setDraftId("d-2").setEntityVersion(2).setSubject("Corrected")
                .setRecipient(Recipient.newBuilder().setEmail(" Ada@Example.COM ").build()).build();

        // Then both versions have one key, so one partition: the newer is read after the older
        assertThat(DraftKeys.of(newer)).isEqualTo(DraftKeys.of(draft));
        // while another entity's mail to her, or the entity's mail to someone else, has a key of its own
        assertThat(DraftKeys.of(EmailDraft.newBuilder(draft).setSupersedeKey("door:D-2").build()))
                .isNotEqualTo(DraftKeys.of(draft));
        assertThat(DraftKeys.of("door:D-1", "grace@example.com")).isNotEqualTo(DraftKeys.of(draft));
    }

    @Test
    void anAnnouncementToAThousandMembersSpreadsOverEveryPartitionOfItsLane() {
        // Given one announcement's mail to 1,000 members
        List<String> keys = IntStream.range(0, 1_000)
                .mapToObj(i -> DraftKeys.of("announcement:A-7", "member-" + i + "@members.example")).toList();

        // When the default producer partitions them over the lane's partitions
        Map<Integer, Long> perPartition = keys.stream()
                .collect(Collectors.groupingBy(DraftKeysTest::partition, Collectors.counting()));

        // Then each member has a key of their own, and every partition (so every sending thread) gets a share,
        // where keyed by the announcement alone all 1,000 went to one
        assertThat(new HashSet<>(keys)).hasSize(1_000);
        assertThat(perPartition).hasSize(LANE_PARTITIONS);
        assertThat(perPartition.values()).allSatisfy(count -> assertThat(count).isBetween(40L, 160L));
    }

    @Test
    void theDigestIsFixedAcrossReleases() {
        // Composers and oversight derive keys apart, across versions of the code: a digest that changed between
        // releases would move a recipient's next version to another partition while the older one is in flight.
        assertThat(DraftKeys.of("booking:B-1042", "ada@example.com")).isEqualTo("booking:B-1042/e2c896935e4aa897");
        assertThat(DraftKeys.of("booking:B-1042", " ADA@example.com")).isEqualTo("booking:B-1042/e2c896935e4aa897");
    }

    /** The partition {@code KafkaProducer} chooses for a keyed record: murmur2 of the key's bytes. */
    private static int partition(String key) {
        return BuiltInPartitioner.partitionForKey(key.getBytes(StandardCharsets.UTF_8), LANE_PARTITIONS);
    }
}
