package com.deskpost.platform.topic;

import static org.assertj.core.api.Assertions.assertThat;

import com.deskpost.platform.config.PlatformAutoConfiguration;
import com.deskpost.testsupport.KafkaBroker;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

/**
 * A service started against a broker where a topic already exists with fewer partitions (and another retention)
 * than the topic rule says: outside development it creates the missing topics by the rule and leaves the existing
 * one exactly as it was; in development it grows it, as spring-kafka does. Either way, once the service's start
 * returns, a consumer's look-up already finds what was created or grown (a Streams global table started then needs it).
 */
class TopicKeeperIT {

    private static final String SHORT = Topics.MAIL_OUTBOUND.name();

    private KafkaBroker kafka;
    private Admin admin;

    @BeforeEach
    void start() {
        kafka = KafkaBroker.start();
        admin = Admin.create(kafka.adminProperties());
        // Given mail.outbound exists with 3 partitions and a one-day retention; the rule says 12 and 7 days' default
        kafka.createTopics(3, Map.of("retention.ms", "86400000"), SHORT);
    }

    @AfterEach
    void stop() {
        admin.close();
        kafka.close();
    }

    @Test
    void outsideDevelopmentAServiceCreatesWhatIsMissingAndChangesNoExistingTopic() throws Exception {
        // When a service starts in production
        startService("production").close();

        // Then the existing topic is unchanged: its partitions and its settings
        assertThat(partitions(SHORT)).isEqualTo(3);
        assertThat(admin.describeConfigs(List.of(topic(SHORT))).all().get().get(topic(SHORT)).get("retention.ms").value())
                .isEqualTo("86400000");
        // And every missing topic was created by the rule: lanes with 12, directories with 3, dead letters as their topic
        assertThat(partitions(Topics.MAIL_DRAFTS.name())).isEqualTo(12);
        assertThat(partitions(Topics.FACILITY_MEMBERS.name())).isEqualTo(3);
        assertThat(partitions(Topics.MAIL_OUTBOUND.deadLetterTopic())).isEqualTo(12);
        Set<String> expected = TopicRule.DEFAULT.newTopics(Topics.ALL).stream().map(t -> t.name()).collect(Collectors.toSet());
        assertThat(admin.listTopics().names().get()).containsAll(expected);
        assertThat(partitionsAConsumerFinds(Topics.MAIL_DRAFTS.name())).isEqualTo(12);
        assertThat(partitionsAConsumerFinds(Topics.FACILITY_MEMBERS.name())).isEqualTo(3);
    }

    @Test
    void inDevelopmentAServiceGrowsAShortTopicToTheRule() throws Exception {
        startService("dev").close();

        // The service's start waited for the new partitions to reach the broker's metadata
        assertThat(partitionsAConsumerFinds(SHORT)).isEqualTo(12);
        assertThat(partitions(SHORT)).isEqualTo(12);
    }

    private ConfigurableApplicationContext startService(String profile) {
        return new SpringApplicationBuilder(Service.class).web(WebApplicationType.NONE).logStartupInfo(false)
                .run("--spring.profiles.active=" + profile, "--spring.main.banner-mode=off",
                        "--spring.kafka.bootstrap-servers=" + kafka.bootstrapServers());
    }

    private int partitions(String name) throws Exception {
        TopicDescription description = admin.describeTopics(List.of(name)).allTopicNames().get().get(name);
        return description.partitions().size();
    }

    /** The partitions a new consumer's metadata look-up finds, as a Streams global table's start asks for them. */
    private int partitionsAConsumerFinds(String name) {
        Map<String, Object> properties = new HashMap<>(kafka.adminProperties());
        properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(properties)) {
            List<PartitionInfo> found = consumer.partitionsFor(name);
            return found == null ? 0 : found.size();
        }
    }

    private static ConfigResource topic(String name) {
        return new ConfigResource(ConfigResource.Type.TOPIC, name);
    }

    /** A service as far as topics go: Spring Boot's Kafka wiring and the platform's. */
    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration({KafkaAutoConfiguration.class, PlatformAutoConfiguration.class})
    static class Service {
    }
}
