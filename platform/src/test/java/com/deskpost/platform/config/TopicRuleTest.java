package com.deskpost.platform.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.deskpost.platform.topic.Topic;
import com.deskpost.platform.topic.Topics;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;

/**
 * The one topic rule (Topic#configs) as the services create topics: facility.access short-lived (it may carry
 * a credential a facility system sent in clear), consent kept for ever, directories compacted, dead letters 30 days.
 */
class TopicRuleTest {

    private static final String THREE_DAYS_MS = "259200000";

    private final Map<String, NewTopic> created = PlatformAutoConfiguration
            .newTopics(new PlatformProperties(null, null, null, null)).stream()
            .collect(Collectors.toMap(NewTopic::name, Function.identity()));

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
        assertThat(created.get(Topics.MAIL_CONSENT.name()).configs()).containsEntry("retention.ms", "-1");
        assertThat(created.get(Topics.FACILITY_MEMBERS.name()).configs()).containsEntry("cleanup.policy", "compact");
        assertThat(created.get(Topics.FACILITY_ACCESS.name()).numPartitions()).isEqualTo(3);
    }
}
