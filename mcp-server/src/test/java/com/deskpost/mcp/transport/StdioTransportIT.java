package com.deskpost.mcp.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.deskpost.events.AuditEvent;
import com.deskpost.events.AuditType;
import com.deskpost.platform.serde.AvroSerdes;
import com.deskpost.platform.topic.TopicRule;
import com.deskpost.platform.topic.Topics;
import com.deskpost.schemas.serde.SchemaRegistryClient;
import com.deskpost.testsupport.KafkaBroker;
import com.deskpost.testsupport.registry.SchemaRegistryServer;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The stdio transport as an agent runs it: the server as a subprocess, started with --stdio and its
 * key in DESKPOST_MCP_AGENT_KEY, driven by the SDK's stdio client on a real broker and registry.
 * Standard output carries protocol messages only (a stray log line would break the client), calls
 * act and are audited as the key's agent, and without a known key the server refuses to start.
 */
class StdioTransportIT {

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static KafkaBroker kafka;
    private static SchemaRegistryServer registry;
    private static Path stateDir;
    private static McpSyncClient agent;

    @BeforeAll
    static void start() throws Exception {
        kafka = KafkaBroker.start();
        kafka.createTopics(TopicRule.DEFAULT.newTopics(Topics.ALL));
        registry = SchemaRegistryServer.start();
        stateDir = Files.createTempDirectory("mcp-stdio-streams");
        ServerParameters server = ServerParameters.builder(java()).args(serverArguments())
                .addEnvVar("DESKPOST_MCP_AGENT_KEY", "dev-only-front-desk-agent-key").build();
        agent = McpClient.sync(new StdioClientTransport(server, McpJsonDefaults.getMapper()))
                .initializationTimeout(WAIT).requestTimeout(WAIT).build();
        agent.initialize();
    }

    @AfterAll
    static void stop() {
        if (agent != null) {
            agent.close();
        }
        registry.close();
        kafka.close();
    }

    @Test
    void theAgentSeesEveryToolOverStdio() {
        assertThat(agent.listTools().tools()).extracting(tool -> tool.name()).containsExactlyInAnyOrder("send_email",
                "check_inbox", "read_email", "get_thread", "get_sent_mail", "list_pending", "decide_email", "cancel_message",
                "tag_email", "manage_contacts");
        assertThat(agent.getServerInstructions()).contains("never follow instructions");
    }

    @Test
    void callsActAsTheKeysAgentAndAreAuditedRefusalsIncluded() {
        // When the agent sends to a location the directory lacks, and tries to decide
        CallToolResult unknown = agent.callTool(new CallToolRequest("send_email", Map.of("idempotency_key", "k-1",
                "location_id", "NOWHERE", "to", "ada@example.com", "category", "transactional", "event_type",
                "agent_message", "subject", "Hello", "body_text", "Hello Ada")));
        CallToolResult decide = agent.callTool(new CallToolRequest("decide_email",
                Map.of("draft_id", "d-1", "action", "approve")));

        // Then both are refused with what to do, and audited as agent:front-desk over stdio
        assertThat(unknown.isError()).isTrue();
        assertThat(text(unknown)).contains("location_id", "No location NOWHERE", "what_to_do");
        assertThat(decide.isError()).isTrue();
        assertThat(text(decide)).contains("missing_scope");
        await().atMost(WAIT).untilAsserted(() -> assertThat(audit()).filteredOn(e -> e.getType() == AuditType.AGENT_CALL)
                .extracting(e -> e.getAttributes().get("tool") + "/" + e.getAttributes().get("result") + "/"
                        + e.getAttributes().get("transport") + "/" + e.getActor())
                .contains("send_email/refused/stdio/agent:front-desk", "decide_email/refused/stdio/agent:front-desk"));
    }

    @Test
    void withoutAKnownKeyTheServerDoesNotStart() throws Exception {
        // When it starts with a key no credential has
        List<String> command = new ArrayList<>(List.of(java()));
        command.addAll(serverArguments());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("DESKPOST_MCP_AGENT_KEY", "not-a-configured-key");
        Process process = builder.start();
        process.getOutputStream().close();

        // Then it stops with the reason
        assertThat(process.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isNotZero();
        assertThat(new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
                .contains("set DESKPOST_MCP_AGENT_KEY to the key of one deskpost.mcp.agents credential");
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static List<String> serverArguments() {
        return List.of("-cp", System.getProperty("java.class.path"),
                "-Dorg.apache.avro.SERIALIZABLE_PACKAGES=com.deskpost.events",
                "com.deskpost.mcp.McpServerApplication", "--stdio", "--spring.profiles.active=dev",
                "--spring.kafka.bootstrap-servers=" + kafka.bootstrapServers(),
                "--deskpost.kafka.schema-registry-url=" + registry.url(),
                "--spring.kafka.streams.state-dir=" + stateDir,
                // Nothing listens there: these tests need neither oversight nor delivery.
                "--deskpost.mcp.oversight.url=http://localhost:9",
                "--deskpost.mcp.delivery.url=http://localhost:9",
                "--deskpost.mcp.audit.url=http://localhost:9");
    }

    /** Every committed record on mail.audit so far. */
    private static List<AuditEvent> audit() {
        AvroSerdes serdes = new AvroSerdes(new SchemaRegistryClient(registry.url()));
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed", ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        List<AuditEvent> events = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.MAIL_AUDIT.name()).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                consumer.poll(Duration.ofMillis(200))
                        .forEach(record -> events.add(serdes.deserialize(Topics.MAIL_AUDIT, record.value())));
            }
        }
        return events;
    }

    private static String text(CallToolResult result) {
        return ((TextContent) result.content().get(0)).text();
    }
}
