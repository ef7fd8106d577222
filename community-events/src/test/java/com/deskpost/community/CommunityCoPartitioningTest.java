package com.deskpost.community;

import static org.assertj.core.api.Assertions.assertThat;

import com.deskpost.community.announcement.AnnouncementQueue;
import com.deskpost.platform.pseudonym.Pseudonyms;
import com.deskpost.platform.serde.AvroSerdes;
import com.deskpost.platform.streams.CoPartitioning;
import com.deskpost.platform.template.TemplateRenderer;
import com.deskpost.platform.topic.Topic;
import com.deskpost.platform.topic.TopicRule;
import com.deskpost.platform.topic.Topics;
import com.deskpost.schemas.serde.SchemaRegistryClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.TopologyDescription;
import org.junit.jupiter.api.Test;

/**
 * The community composer joins only global tables (directories, consent): facility.community, the accepted
 * announcements (with their fan-out plans) and mail.inbound are read by tasks of their own, so no two topics need
 * equal partitions; should a task come to read two, the topic rule must give them equal counts.
 */
class CommunityCoPartitioningTest {

    @Test
    void everyTaskReadsTopicsOfOnePartitionCount() {
        StreamsBuilder builder = new StreamsBuilder();
        CommunityProperties properties = new CommunityProperties(
                new CommunityProperties.FanOut(500, Duration.ofMillis(20)), "sales", List.of());
        new CommunityTopology().build(builder, new AvroSerdes(new SchemaRegistryClient("http://unused:8081")),
                new TemplateRenderer(getClass().getClassLoader()), properties,
                new Pseudonyms("it-pseudonym-secret-0123456789abcdef"));
        TopologyDescription topology = builder.build().describe();
        List<Topic<?>> topics = new ArrayList<>(Topics.ALL);
        topics.add(AnnouncementQueue.TOPIC);

        assertThat(CoPartitioning.groups(topology)).containsExactlyInAnyOrder(Set.of(Topics.FACILITY_COMMUNITY.name()),
                Set.of(AnnouncementQueue.TOPIC.name()), Set.of(Topics.MAIL_INBOUND.name()));
        for (int multiplier = 1; multiplier <= 3; multiplier++) {
            assertThat(CoPartitioning.problems(topology, new TopicRule(multiplier, (short) 1, 1), topics)).isEmpty();
        }
    }
}
