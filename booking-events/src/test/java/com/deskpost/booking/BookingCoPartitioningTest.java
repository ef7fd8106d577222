package com.deskpost.booking;

import static org.assertj.core.api.Assertions.assertThat;

import com.deskpost.booking.reminder.UpcomingBookings;
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
 * The booking composer joins only global tables: facility.bookings (with each booking's state) and the upcoming
 * bookings (with the reminders) are read by tasks of their own, so no two topics need equal partitions; should a
 * task come to read two, the topic rule must give them equal counts under any multiplier.
 */
class BookingCoPartitioningTest {

    @Test
    void everyTaskReadsTopicsOfOnePartitionCount() {
        StreamsBuilder builder = new StreamsBuilder();
        new BookingTopology().build(builder, new AvroSerdes(new SchemaRegistryClient("http://unused:8081")),
                new TemplateRenderer(getClass().getClassLoader()),
                new BookingProperties(Duration.ofHours(2), Duration.ofMinutes(1), null, null),
                new Pseudonyms("dev-only-pseudonym-secret"));
        TopologyDescription topology = builder.build().describe();
        List<Topic<?>> topics = new ArrayList<>(Topics.ALL);
        topics.add(UpcomingBookings.TOPIC);

        assertThat(CoPartitioning.groups(topology))
                .containsExactlyInAnyOrder(Set.of(Topics.FACILITY_BOOKINGS.name()), Set.of(UpcomingBookings.TOPIC.name()));
        for (int multiplier = 1; multiplier <= 3; multiplier++) {
            assertThat(CoPartitioning.problems(topology, new TopicRule(multiplier, (short) 1, 1), topics)).isEmpty();
        }
    }
}
