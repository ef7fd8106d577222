package com.deskpost.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import com.deskpost.platform.topic.Topic;
import com.deskpost.platform.topic.TopicRule;
import com.deskpost.platform.topic.Topics;
import com.deskpost.testsupport.Postgres;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The dev stack creates its topics by platform's one topic rule, as the broker reports them: consent never ages
 * out (a rebuilt consent table folds the whole topic, so an expired unsubscribe would be forgotten), directories
 * are compacted, facility.access is short-lived, dead letters are kept 30 days; partitions per topic group.
 */
class LocalStackTopicsIT {

    private static LocalStack stack;
    private static Admin admin;

    @BeforeAll
    static void startInfrastructure() {
        stack = LocalStack.infrastructure(LocalStack.Ports.RANDOM, Postgres.shared());
        admin = Admin.create(stack.clientProperties("admin"));
    }

    @AfterAll
    static void stop() {
        admin.close();
        stack.close();
    }

    @Test
    void mailConsentIsCreatedToBeKeptForEver() throws Exception {
        // Given the dev stack's broker, before any service started (so only the stack created topics)
        // When the broker is asked how it keeps mail.consent
        Config consent = describe(Topics.MAIL_CONSENT.name()).get(Topics.MAIL_CONSENT.name());

        // Then it never deletes a change for its age, and never compacts one away
        assertThat(consent.get("retention.ms").value()).isEqualTo("-1");
        assertThat(consent.get("cleanup.policy").value()).isEqualTo("delete");
    }

    @Test
    void everyTopicAndItsDeadLettersAreCreatedAsPlatformsRuleSays() throws Exception {
        List<String> names = Topics.ALL.stream()
                .flatMap(topic -> List.of(topic.name(), topic.deadLetterTopic()).stream()).toList();

        Map<String, Config> configs = describe(names.toArray(String[]::new));

        for (Topic<?> topic : Topics.ALL) {
            topic.configs().forEach((name, value) -> assertThat(configs.get(topic.name()).get(name).value())
                    .as(topic.name() + " " + name).isEqualTo(value));
            topic.deadLetterConfigs().forEach((name, value) -> assertThat(
                    configs.get(topic.deadLetterTopic()).get(name).value())
                    .as(topic.deadLetterTopic() + " " + name).isEqualTo(value));
        }
        assertThat(configs.get(Topics.FACILITY_MEMBERS.name()).get("cleanup.policy").value()).isEqualTo("compact");
        assertThat(configs.get(Topics.FACILITY_ACCESS.name()).get("retention.ms").value()).isEqualTo("259200000");
        // each with the partitions of its group (lanes 12, facility events 6, tables 3), its dead letters as many
        Map<String, TopicDescription> described = admin.describeTopics(names).allTopicNames().get();
        for (NewTopic topic : TopicRule.DEFAULT.newTopics(Topics.ALL)) {
            assertThat(described.get(topic.name()).partitions()).as(topic.name()).hasSize(topic.numPartitions());
        }
        assertThat(described.get(Topics.MAIL_OUTBOUND.name()).partitions()).hasSize(12);
    }

    private static Map<String, Config> describe(String... topics) throws Exception {
        Set<ConfigResource> resources = Arrays.stream(topics)
                .map(name -> new ConfigResource(ConfigResource.Type.TOPIC, name)).collect(Collectors.toSet());
        return admin.describeConfigs(resources).all().get().entrySet().stream()
                .collect(Collectors.toMap(entry -> entry.getKey().name(), Map.Entry::getValue));
    }
}
