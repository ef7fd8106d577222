package com.deskpost.platform.topic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.deskpost.events.BookingEvent;
import com.deskpost.platform.config.PlatformProperties;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;

/**
 * The one topic rule as every service and stack creates topics: facility.access short-lived (it may carry
 * a credential a facility system sent in clear), consent kept for ever, directories compacted, dead letters 30 days,
 * internal topics without dead letters; partitions per group (lanes 12), scaled together; replicas and
 * min.insync.replicas as the deployment says.
 */
class TopicRuleTest {

    private static final String THREE_DAYS_MS = "259200000";

    private final Map<String, NewTopic> created = byName(
            PlatformProperties.of(null, null, null, null).topicRule().newTopics(Topics.ALL));

    @Test
    void facilityAccessIsKeptThreeDaysSoAClearCredentialDoesNotLinger() {
        assertThat(Topic.SHORT_RETENTION.toMillis()).isEqualTo(259_200_000L);
        assertThat(created.get(Topics.FACILITY_ACCESS.name()).configs())
                .containsEntry("retention.ms", THREE_DAYS_MS).containsEntry("cleanup.policy", "delete");
        // Only facility.access: the other facility topics keep the broker's default, long enough to replay
        assertThat(Topics.ALL).filteredOn(topic -> topic.kind() == Topic.Kind.SHORT_LIVED)
                .containsExactly(Topics.FACILITY_ACCESS);
        assertThat(created.get(Topics.FACILITY_BOOKINGS.name()).configs()).doesNotContainKey("retention.ms");
    }

    @Test
    void everyTopicAndItsDeadLettersAreCreatedWithTheirRule() {
        assertThat(created).hasSize(Topics.ALL.size() * 2);
        for (Topic<?> topic : Topics.ALL) {
            assertThat(created.get(topic.name()).configs()).as(topic.name()).isEqualTo(topic.configs());
            assertThat(created.get(topic.deadLetterTopic()).configs()).as(topic.deadLetterTopic())
                    .containsEntry("retention.ms", Long.toString(30L * 24 * 60 * 60 * 1000))
                    .containsEntry("cleanup.policy", "delete");
        }
        assertThat(created.get(Topics.MAIL_CONSENT.name()).configs())
                .containsEntry("retention.ms", "-1").containsEntry("cleanup.policy", "delete");
        assertThat(created.get(Topics.FACILITY_MEMBERS.name()).configs()).containsEntry("cleanup.policy", "compact");
        assertThat(created.get(Topics.FACILITY_ACCESS.name()).numPartitions()).isEqualTo(6);
    }

    @Test
    void everyTopicHasThePartitionsOfItsGroupAndItsDeadLettersAsMany() {
        for (Lane lane : Lane.values()) {
            assertThat(created.get(lane.drafts().name()).numPartitions()).as(lane.drafts().name()).isEqualTo(12);
            assertThat(created.get(lane.outbound().name()).numPartitions()).as(lane.outbound().name()).isEqualTo(12);
        }
        assertThat(created.get(Topics.MAIL_AUDIT.name()).numPartitions()).isEqualTo(12);
        assertThat(created.get(Topics.FACILITY_BOOKINGS.name()).numPartitions()).isEqualTo(6);
        assertThat(created.get(Topics.FACILITY_MEMBERS.name()).numPartitions()).isEqualTo(3);
        assertThat(created.get(Topics.MAIL_CONSENT.name()).numPartitions()).isEqualTo(3);
        assertThat(created.get(Topics.MAIL_DECISIONS.name()).numPartitions()).isEqualTo(3);
        for (Topic<?> topic : Topics.ALL) {
            assertThat(created.get(topic.deadLetterTopic()).numPartitions()).as(topic.deadLetterTopic())
                    .isEqualTo(created.get(topic.name()).numPartitions());
        }
    }

    @Test
    void aMultiplierScalesEveryGroupSoCoPartitionedTopicsStayEqualButTheProgressTopicStaysAtOne() {
        TopicRule doubled = PlatformProperties.of(2, null, null, null).topicRule();

        for (Lane lane : Lane.values()) {
            // a lane's drafts and released mail: one group, whatever the multiplier
            assertThat(doubled.partitions(lane.drafts())).isEqualTo(doubled.partitions(lane.outbound())).isEqualTo(24);
        }
        for (Topic<?> topic : Topics.ALL) {
            assertThat(doubled.partitions(topic)).as(topic.name()).isEqualTo(2 * TopicRule.DEFAULT.partitions(topic));
        }
        assertThat(doubled.progressTopic("deskpost.test.progress").numPartitions()).isEqualTo(1);
    }

    @Test
    void theServicesDefaultSettingsAreTheDefaultRule() {
        assertThat(PlatformProperties.of(null, null, null, null).topicRule()).isEqualTo(TopicRule.DEFAULT);
        assertThat(PlatformProperties.of(2, (short) 3, null, null).topicRule().newTopics(Topics.MAIL_AUDIT))
                .allSatisfy(topic -> {
                    assertThat(topic.numPartitions()).isEqualTo(24);
                    assertThat(topic.replicationFactor()).isEqualTo((short) 3);
                    // one less than the replicas unless set: a write survives one broker's loss
                    assertThat(topic.configs()).containsEntry("min.insync.replicas", "2");
                });
        // one broker: the broker's default, nothing written
        assertThat(created.values()).allSatisfy(topic -> assertThat(topic.configs()).doesNotContainKey("min.insync.replicas"));
    }

    @Test
    void minInsyncReplicasAreSetOnEveryTopicTheRuleCreatesWhenMoreThanOne() {
        TopicRule rule = PlatformProperties.of(null, (short) 3, 3, null).topicRule();

        assertThat(rule.newTopics(Topics.ALL)).allSatisfy(topic -> {
            assertThat(topic.replicationFactor()).isEqualTo((short) 3);
            assertThat(topic.configs()).containsEntry("min.insync.replicas", "3");
        });
        assertThat(rule.progressTopic("deskpost.test.progress").configs())
                .containsEntry("min.insync.replicas", "3").containsEntry("cleanup.policy", "compact");
        // and on a retry topic spring-kafka declares
        assertThat(rule.withReplicas(new NewTopic("mail.outbound.retry", 12, (short) 3)).configs())
                .containsExactly(Map.entry("min.insync.replicas", "3"));
    }

    @Test
    void moreInsyncReplicasThanReplicasAreRefusedWithTheSettingsNamed() {
        assertThatThrownBy(() -> PlatformProperties.of(null, (short) 2, 3, null))
                .hasMessageContaining("deskpost.kafka.min-insync-replicas").hasMessageContaining("acks=all");
    }

    @Test
    void anInternalTopicIsCreatedWithItsKindButWithoutDeadLetters() {
        // Given a service's own compacted topic
        Topic<BookingEvent> own = Topic.internal("deskpost.test.own", BookingEvent.class, Topic.Kind.COMPACTED,
                Partitioning.FACILITY);

        // When the rule creates it
        List<NewTopic> topics = TopicRule.DEFAULT.newTopics(own);

        // Then it is compacted, with the rule's partitions, and has no dead-letter topic
        assertThat(topics).singleElement().satisfies(topic -> {
            assertThat(topic.name()).isEqualTo("deskpost.test.own");
            assertThat(topic.configs()).containsEntry("cleanup.policy", "compact");
            assertThat(topic.numPartitions()).isEqualTo(6);
        });
    }

    @Test
    void aProgressTopicIsCompactedInOnePartitionWithTheDeploymentsReplicas() {
        NewTopic progress = new TopicRule(4, (short) 3, 1).progressTopic("deskpost.test.progress");

        assertThat(progress.numPartitions()).isEqualTo(1);
        assertThat(progress.replicationFactor()).isEqualTo((short) 3);
        assertThat(progress.configs()).containsExactly(Map.entry("cleanup.policy", "compact"));
        assertThat(Topics.outboxProgress("oversight").partitioning()).isEqualTo(Partitioning.SINGLE);
    }

    @Test
    void aTopicNeedsAPartitionAndAReplica() {
        assertThatThrownBy(() -> new TopicRule(0, (short) 1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TopicRule(1, (short) 0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TopicRule(1, (short) 1, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    private static Map<String, NewTopic> byName(List<NewTopic> topics) {
        return topics.stream().collect(Collectors.toMap(NewTopic::name, Function.identity()));
    }
}
