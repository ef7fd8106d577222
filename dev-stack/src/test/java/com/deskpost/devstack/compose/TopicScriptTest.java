package com.deskpost.devstack.compose;

import static org.assertj.core.api.Assertions.assertThat;

import com.deskpost.platform.config.PlatformProperties;
import com.deskpost.platform.topic.Topic;
import com.deskpost.platform.topic.TopicRule;
import com.deskpost.platform.topic.Topics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docker/kafka/create-topics.sh creates exactly the topics of {@link Topics#ALL} and their dead-letter
 * topics, each with the partitions, replicas and min.insync.replicas platform's {@link TopicRule} gives it for the
 * same settings, compacts exactly the compacted ones and keeps what must be kept: the script cannot drift from the
 * rule. It runs here as in its container, with stand-ins for kafka-topics.sh and kafka-configs.sh that record how
 * they were called.
 */
class TopicScriptTest {

    private static final String THIRTY_DAYS_MS = Long.toString(30L * 24 * 60 * 60 * 1000);

    @TempDir
    Path bin;

    @Test
    void createsEveryTopicAndItsDeadLetterTopicWithTheirPolicy() throws Exception {
        Map<String, Call> created = createdByTopic(run(Map.of(), List.of()));

        Set<String> expected = Topics.ALL.stream()
                .flatMap(topic -> Stream.of(topic.name(), topic.deadLetterTopic()))
                .collect(Collectors.toSet());
        assertThat(created.keySet()).containsExactlyInAnyOrderElementsOf(expected);
        for (Topic<?> topic : Topics.ALL) {
            String policy = topic.kind() == Topic.Kind.COMPACTED ? "compact" : "delete";
            assertThat(created.get(topic.name()).configs()).as(topic.name()).containsEntry("cleanup.policy", policy);
            assertThat(created.get(topic.deadLetterTopic()).configs()).as(topic.deadLetterTopic())
                    .containsEntry("cleanup.policy", "delete")
                    .containsEntry("retention.ms", THIRTY_DAYS_MS);
        }
        assertThat(created.values()).allSatisfy(call -> {
            assertThat(call.option("--replication-factor")).isEqualTo("1");
            assertThat(call.option("--bootstrap-server")).isEqualTo("kafka:29092");
        });
        assertCreatedAsTheRuleSays(created, TopicRule.DEFAULT);
    }

    @Test
    void aMultiplierScalesEveryTopicAsTheServicesMultiplierDoes() throws Exception {
        Map<String, Call> created = createdByTopic(run(Map.of("DESKPOST_PARTITION_MULTIPLIER", "2"), List.of()));

        assertCreatedAsTheRuleSays(created, PlatformProperties.of(2, null, null, null).topicRule());
        assertThat(created.get(Topics.MAIL_OUTBOUND.name()).option("--partitions")).isEqualTo("24");
    }

    @Test
    void threeReplicasWantTwoInSyncAsTheServicesDo() throws Exception {
        List<Call> calls = run(Map.of("DESKPOST_TOPIC_REPLICATION_FACTOR", "3"), List.of(Topics.MAIL_AUDIT.name()));
        Map<String, Call> created = createdByTopic(calls);

        assertThat(created).hasSize(Topics.ALL.size() * 2 - 1).doesNotContainKey(Topics.MAIL_AUDIT.name());
        assertCreatedAsTheRuleSays(created, PlatformProperties.of(null, (short) 3, null, null).topicRule());
        // and an existing topic gets the setting too (never partitions)
        Call altered = calls.stream().filter(call -> call.tool().equals("kafka-configs.sh")).findFirst().orElseThrow();
        assertThat(altered.configs()).containsEntry("min.insync.replicas", "2");
        assertThat(altered.arguments()).doesNotContain("--partitions");
    }

    @Test
    void theRetiredSinglePartitionCountIsRefused() throws Exception {
        stub("kafka-topics.sh", "");
        stub("kafka-configs.sh", "");

        assertThat(exitCode(Map.of("DESKPOST_TOPIC_PARTITIONS", "6"))).isNotZero();
        assertThat(Files.readString(bin.resolve("output"))).contains("DESKPOST_PARTITION_MULTIPLIER");
    }

    /** Every topic and dead-letter topic with the rule's partitions, replicas and min.insync.replicas. */
    private static void assertCreatedAsTheRuleSays(Map<String, Call> created, TopicRule rule) {
        for (NewTopic topic : rule.newTopics(Topics.ALL)) {
            Call call = created.get(topic.name());
            if (call == null) {
                continue; // existed already: the callers check which topics are created
            }
            assertThat(call.option("--partitions")).as(topic.name() + " partitions")
                    .isEqualTo(String.valueOf(topic.numPartitions()));
            assertThat(call.option("--replication-factor")).as(topic.name() + " replicas")
                    .isEqualTo(String.valueOf(topic.replicationFactor()));
            assertThat(call.configs().get("min.insync.replicas")).as(topic.name() + " min.insync.replicas")
                    .isEqualTo(topic.configs().get("min.insync.replicas"));
            assertThat(call.configs()).as(topic.name()).containsEntry("cleanup.policy", topic.configs().get("cleanup.policy"));
        }
    }

    @Test
    void keepsConsentChangesForEver() throws Exception {
        Map<String, Call> created = createdByTopic(run(Map.of(), List.of()));

        // community-events rebuilds its consent table from the whole topic: nothing may age out.
        for (Topic<?> topic : Topics.ALL) {
            if (topic.kind() == Topic.Kind.KEPT) {
                assertThat(created.get(topic.name()).configs()).as(topic.name())
                        .containsEntry("cleanup.policy", "delete").containsEntry("retention.ms", "-1");
            }
        }
        assertThat(Topics.MAIL_CONSENT.kind()).isEqualTo(Topic.Kind.KEPT);
        assertThat(created.get(Topics.FACILITY_BOOKINGS.name()).configs()).containsEntry("retention.ms", THIRTY_DAYS_MS);
    }

    @Test
    void keepsAccessEventsAsShortlyAsPlatformsRuleSays() throws Exception {
        Map<String, Call> created = createdByTopic(run(Map.of(), List.of()));

        // facility.access may carry a credential a facility system sent in clear: 3 days, not 30
        for (Topic<?> topic : Topics.ALL) {
            if (topic.kind() == Topic.Kind.SHORT_LIVED) {
                assertThat(created.get(topic.name()).configs()).as(topic.name()).containsAllEntriesOf(topic.configs());
            }
        }
        assertThat(created.get(Topics.FACILITY_ACCESS.name()).configs()).containsEntry("retention.ms", "259200000");
    }

    @Test
    void retentionIsSettable() throws Exception {
        Map<String, Call> created = createdByTopic(run(Map.of("DESKPOST_DLQ_RETENTION_MS", "1000"), List.of()));

        assertThat(created.get(Topics.MAIL_AUDIT.deadLetterTopic()).configs()).containsEntry("retention.ms", "1000");
    }

    @Test
    void topicsThatExistGetThePolicyAndKeepTheirPartitions() throws Exception {
        List<Call> calls = run(Map.of(), List.of(Topics.FACILITY_MEMBERS.name(), Topics.MAIL_OUTBOUND.deadLetterTopic()));

        assertThat(createdByTopic(calls)).doesNotContainKeys(Topics.FACILITY_MEMBERS.name(), Topics.MAIL_OUTBOUND.deadLetterTopic());
        Map<String, Call> altered = calls.stream().filter(call -> call.tool().equals("kafka-configs.sh"))
                .collect(Collectors.toMap(call -> call.option("--entity-name"), call -> call));
        assertThat(altered).containsOnlyKeys(Topics.FACILITY_MEMBERS.name(), Topics.MAIL_OUTBOUND.deadLetterTopic());
        assertThat(altered.get(Topics.FACILITY_MEMBERS.name()).configs()).containsEntry("cleanup.policy", "compact");
        assertThat(altered.get(Topics.MAIL_OUTBOUND.deadLetterTopic()).configs())
                .containsEntry("cleanup.policy", "delete").containsEntry("retention.ms", THIRTY_DAYS_MS);
    }

    @Test
    void aFailedCreationFailsTheScriptSoNoServiceStarts() throws Exception {
        stub("kafka-topics.sh", "case \"$*\" in *--create*) exit 1;; esac");
        stub("kafka-configs.sh", "");

        assertThat(exitCode(Map.of())).isNotZero();
    }

    private List<Call> run(Map<String, String> environment, List<String> existing) throws Exception {
        Files.write(bin.resolve("existing"), existing);
        stub("kafka-topics.sh", "case \"$*\" in *--list*) cat \"" + bin.resolve("existing") + "\";; esac");
        stub("kafka-configs.sh", "");
        assertThat(exitCode(environment)).isZero();
        return calls();
    }

    /** A stand-in for a Kafka tool: records its arguments, one per line, then runs {@code body}. */
    private void stub(String tool, String body) throws IOException {
        Path script = bin.resolve(tool);
        Files.writeString(script, "#!/bin/sh\n{ echo '>" + tool + "'; printf '%s\\n' \"$@\"; } >> \""
                + bin.resolve("calls") + "\"\n" + body + "\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private int exitCode(Map<String, String> environment) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("sh", Repository.file("docker/kafka/create-topics.sh").toString())
                .redirectErrorStream(true)
                .redirectOutput(bin.resolve("output").toFile());
        builder.environment().put("KAFKA_BIN", bin.toString());
        builder.environment().putAll(environment);
        Process process = builder.start();
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("create-topics.sh did not finish");
        }
        return process.exitValue();
    }

    private List<Call> calls() throws IOException {
        List<Call> calls = new ArrayList<>();
        for (String line : Files.readAllLines(bin.resolve("calls"))) {
            if (line.startsWith(">")) {
                calls.add(new Call(line.substring(1), new ArrayList<>()));
            } else {
                calls.get(calls.size() - 1).arguments().add(line);
            }
        }
        return calls;
    }

    private static Map<String, Call> createdByTopic(List<Call> calls) {
        Map<String, Call> created = new LinkedHashMap<>();
        for (Call call : calls) {
            if (call.tool().equals("kafka-topics.sh") && call.arguments().contains("--create")) {
                assertThat(created.put(call.option("--topic"), call)).as("created twice: " + call.option("--topic")).isNull();
            }
        }
        return created;
    }

    /** One call of a Kafka tool. */
    private record Call(String tool, List<String> arguments) {

        String option(String name) {
            int at = arguments.indexOf(name);
            return at < 0 ? null : arguments.get(at + 1);
        }

        /** Topic configs from {@code --config k=v} (kafka-topics) or {@code --add-config k=v,k=v} (kafka-configs). */
        Map<String, String> configs() {
            Map<String, String> configs = new LinkedHashMap<>();
            for (int i = 0; i < arguments.size() - 1; i++) {
                if (arguments.get(i).equals("--config") || arguments.get(i).equals("--add-config")) {
                    Arrays.stream(arguments.get(i + 1).split(",")).map(entry -> entry.split("=", 2))
                            .forEach(entry -> configs.put(entry[0], entry[1]));
                }
            }
            return configs;
        }
    }
}
