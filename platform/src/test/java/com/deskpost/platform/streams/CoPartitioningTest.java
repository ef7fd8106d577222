package com.deskpost.platform.streams;

import static org.assertj.core.api.Assertions.assertThat;

import com.deskpost.platform.topic.Lane;
import com.deskpost.platform.topic.Topic;
import com.deskpost.platform.topic.TopicRule;
import com.deskpost.platform.topic.Topics;
import java.util.List;
import java.util.Set;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.TopologyDescription;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;

/** Sources one task reads together must be created with equal partition counts; the check names those that are not. */
class CoPartitioningTest {

    private static final TopicRule DOUBLED = new TopicRule(2, (short) 1, 1);

    @Test
    void twoSourcesSharingAStoreFromDifferentGroupsAreReported() {
        // Given facility.bookings (facility group) and mail.drafts (a lane) feeding one store
        TopologyDescription topology = sharingAStore(Topics.FACILITY_BOOKINGS, Topics.MAIL_DRAFTS);

        // Then they are one group, and the rule would give them 6 and 12 partitions
        assertThat(CoPartitioning.groups(topology)).containsExactly(Set.of("facility.bookings", "mail.drafts"));
        assertThat(CoPartitioning.problems(topology, TopicRule.DEFAULT, Topics.ALL)).singleElement()
                .asString().contains("facility.bookings=6", "mail.drafts=12");
    }

    @Test
    void aLanesDraftsAndReleasedMailAreCoPartitionedUnderAnyMultiplier() {
        for (Lane lane : Lane.values()) {
            TopologyDescription topology = sharingAStore(lane.drafts(), lane.outbound());

            assertThat(CoPartitioning.problems(topology, TopicRule.DEFAULT, Topics.ALL)).isEmpty();
            assertThat(CoPartitioning.problems(topology, DOUBLED, Topics.ALL)).isEmpty();
        }
    }

    @Test
    void aTopicTheRuleDoesNotKnowIsReported() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("somebody.elses.topic");

        assertThat(CoPartitioning.problems(builder.build().describe(), TopicRule.DEFAULT, Topics.ALL))
                .containsExactly("somebody.elses.topic is read by a topology but is no topic of the topic rule");
    }

    private static TopologyDescription sharingAStore(Topic<?> first, Topic<?> second) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("shared"), Serdes.String(),
                Serdes.String()));
        for (Topic<?> topic : List.of(first, second)) {
            builder.<String, String>stream(topic.name()).process(Ignore::new, "shared");
        }
        return builder.build().describe();
    }

    private static final class Ignore implements Processor<String, String, Void, Void> {
        @Override
        public void process(Record<String, String> record) {
            // only the topology's shape matters here
        }
    }
}
