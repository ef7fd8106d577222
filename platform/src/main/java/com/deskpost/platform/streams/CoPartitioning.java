package com.deskpost.platform.streams;

import com.deskpost.platform.topic.Topic;
import com.deskpost.platform.topic.TopicRule;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.streams.TopologyDescription;

/**
 * The co-partitioning a Kafka Streams topology needs: every source topic of one sub-topology is read by the same
 * task number, partition by partition, so a join or a store shared between them sees a key from each only if
 * they have equal partition counts. Global tables are read whole and need none. {@link #problems} names each
 * sub-topology whose sources the topic rule would create with different counts, or that reads a topic the rule
 * does not know; composers' tests run it on their real topologies.
 */
public final class CoPartitioning {

    private CoPartitioning() {
    }

    /** The source topics of each sub-topology, in the topology's order; a sub-topology of one source needs nothing. */
    public static List<Set<String>> groups(TopologyDescription topology) {
        List<Set<String>> groups = new ArrayList<>();
        for (TopologyDescription.Subtopology subtopology : topology.subtopologies()) {
            Set<String> sources = new LinkedHashSet<>();
            for (TopologyDescription.Node node : subtopology.nodes()) {
                if (node instanceof TopologyDescription.Source source && source.topicSet() != null) {
                    sources.addAll(source.topicSet());
                }
            }
            groups.add(sources);
        }
        return groups;
    }

    /**
     * What is wrong with {@code topology} under {@code rule}: one line per sub-topology whose sources would have
     * different partition counts, or per source topic not among {@code topics}; empty when it is co-partitioned.
     */
    public static List<String> problems(TopologyDescription topology, TopicRule rule, Collection<Topic<?>> topics) {
        Map<String, Topic<?>> byName = topics.stream().collect(Collectors.toMap(Topic::name, Function.identity()));
        List<String> problems = new ArrayList<>();
        for (Set<String> group : groups(topology)) {
            Map<String, Integer> partitions = new TreeMap<>();
            for (String name : group) {
                Topic<?> topic = byName.get(name);
                if (topic == null) {
                    problems.add(name + " is read by a topology but is no topic of the topic rule");
                } else {
                    partitions.put(name, rule.partitions(topic));
                }
            }
            if (partitions.values().stream().distinct().count() > 1) {
                problems.add("sources read together by one task have different partition counts: " + partitions);
            }
        }
        return problems;
    }
}
