package com.deskpost.mcp.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.deskpost.mcp.McpServerApplication;
import com.deskpost.mcp.inbound.ReceivedMail;
import com.deskpost.mcp.testdata.Facility;
import com.deskpost.platform.serde.AvroSerdes;
import com.deskpost.platform.streams.GlobalStores;
import com.deskpost.platform.topic.TopicRule;
import com.deskpost.platform.topic.Topics;
import com.deskpost.schemas.serde.SchemaRegistryClient;
import com.deskpost.testsupport.KafkaBroker;
import com.deskpost.testsupport.registry.SchemaRegistryServer;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two MCP servers on one broker and registry, as two replicas behind a load balancer without
 * session affinity: a client that initialised on A lists and calls tools on B. The HTTP transport
 * is stateless, so no Mcp-Session-Id is issued or needed; every request carries its agent key, and
 * each call acts as that request's agent, whichever instance answers it.
 */
class LoadBalancedHttpTransportIT {

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final String FRONT_DESK_KEY = "dev-only-front-desk-agent-key";
    private static final String REVIEWER_KEY = "dev-only-reviewer-agent-key";
    private static final Pattern RPC_METHOD = Pattern.compile("\"method\"\\s*:\\s*\"([^\"]+)\"");

    private static KafkaBroker kafka;
    private static SchemaRegistryServer registry;
    private static ConfigurableApplicationContext a;
    private static ConfigurableApplicationContext b;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        kafka = KafkaBroker.start();
        kafka.createTopics(TopicRule.DEFAULT.newTopics(Topics.ALL));
        // The server's own received-mail topic too: its global table cannot start before the broker serves the topic's
        // metadata, which a topic the server itself has just created may not yet have.
        kafka.createTopics(TopicRule.DEFAULT.newTopics(ReceivedMail.TOPIC));
        registry = SchemaRegistryServer.start();
        publishLocation();
        a = server();
        b = server();
        // B knows the location from facility.locations before the test sends mail there through it.
        GlobalStores directory = b.getBean(GlobalStores.class);
        await().atMost(WAIT).ignoreExceptions().until(() -> directory.location(Facility.LOCATION).isPresent());
    }

    @AfterAll
    static void stop() {
        for (ConfigurableApplicationContext server : new ConfigurableApplicationContext[] {a, b}) {
            if (server != null) {
                server.close();
            }
        }
        registry.close();
        kafka.close();
    }

    @Test
    void initializeOnOneInstanceThenListAndCallOnTheOtherWithoutASessionId() throws Exception {
        // When an agent initialises on A
        HttpResponse<String> initialized = post(a, FRONT_DESK_KEY, """
                {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18",
                 "capabilities":{},"clientInfo":{"name":"balanced-test","version":"1"}}}""");

        // Then A answers, and issues no session id
        assertThat(initialized.statusCode()).isEqualTo(200);
        assertThat(initialized.body()).contains("\"serverInfo\"", "\"deskpost\"");
        assertThat(initialized.headers().firstValue("Mcp-Session-Id")).isEmpty();

        // And B, which never saw it, answers its next requests: the initialised notification, tools/list, tools/call
        assertThat(post(b, FRONT_DESK_KEY, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}")
                .statusCode()).isEqualTo(202);
        HttpResponse<String> tools = post(b, FRONT_DESK_KEY, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}");
        assertThat(tools.statusCode()).isEqualTo(200);
        assertThat(tools.body()).contains("\"send_email\"", "\"decide_email\"");
        HttpResponse<String> called = post(b, REVIEWER_KEY, """
                {"jsonrpc":"2.0","id":3,"method":"tools/call","params":{"name":"send_email","arguments":{}}}""");
        assertThat(called.statusCode()).isEqualTo(200);
        // Each request is its own agent's: the reviewer's key may not send, whoever initialised
        assertThat(called.body()).contains("missing_scope", "agent:reviewer may not call send_email");

        // And without a key B refuses, as A does
        assertThat(post(b, null, "{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"tools/list\"}").statusCode())
                .isEqualTo(401);
    }

    @Test
    void theSdksClientWorksThroughABalancerThatSendsEverythingAfterInitializeToTheOtherInstance() {
        // Given the SDK's client behind a balancer: initialize to A, every later request to B
        List<String> routed = new CopyOnWriteArrayList<>();
        McpSyncClient client = McpClient.sync(HttpClientStreamableHttpTransport.builder(url(a, ""))
                        .endpoint(HttpTransport.ENDPOINT)
                        .httpRequestCustomizer((request, method, uri, body, context) -> {
                            String rpc = rpcMethod(body);
                            ConfigurableApplicationContext target = "initialize".equals(rpc) ? a : b;
                            request.uri(URI.create(url(target, uri.getRawPath())));
                            request.header("Authorization", "Bearer " + FRONT_DESK_KEY);
                            routed.add(method + " " + rpc + " -> " + (target == a ? "A" : "B"));
                        })
                        .build())
                .requestTimeout(WAIT).build();
        try {
            // When it initialises, lists the tools and sends a mail
            client.initialize();
            List<String> names = client.listTools().tools().stream().map(tool -> tool.name()).toList();
            CallToolResult sent = client.callTool(new CallToolRequest("send_email", mail()));

            // Then B listed the tools and took the mail, as the key's agent
            assertThat(names).contains("send_email", "check_inbox", "read_email");
            assertThat(sent.isError()).as(String.valueOf(sent.content())).isFalse();
            @SuppressWarnings("unchecked")
            Map<String, Object> result = (Map<String, Object>) sent.structuredContent();
            assertThat(result).containsEntry("requested_by", "agent:front-desk").containsKey("draft_id");
            assertThat(routed).contains("POST initialize -> A", "POST tools/list -> B", "POST tools/call -> B");
            assertThat(routed).filteredOn(line -> line.endsWith("-> A")).containsExactly("POST initialize -> A");
        } finally {
            client.close();
        }
    }

    private static Map<String, Object> mail() {
        Map<String, Object> mail = new HashMap<>();
        mail.put("idempotency_key", "balanced-1");
        mail.put("location_id", Facility.LOCATION);
        mail.put("to", "ada@example.com");
        mail.put("category", "transactional");
        mail.put("event_type", "agent_message");
        mail.put("subject", "Your desk tomorrow");
        mail.put("body_text", "Hello Ada, your desk is ready.");
        return mail;
    }

    private HttpResponse<String> post(ConfigurableApplicationContext server, String key, String json)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(server, HttpTransport.ENDPOINT)))
                .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String rpcMethod(String body) {
        Matcher method = RPC_METHOD.matcher(body == null ? "" : body);
        return method.find() ? method.group(1) : null;
    }

    private static String url(ConfigurableApplicationContext server, String path) {
        return "http://localhost:" + server.getEnvironment().getRequiredProperty("local.server.port") + path;
    }

    private static ConfigurableApplicationContext server() throws IOException {
        Path stateDir = Files.createTempDirectory("mcp-balanced-streams");
        return McpServerApplication.builder().run(
                "--spring.kafka.bootstrap-servers=" + kafka.bootstrapServers(),
                "--deskpost.kafka.schema-registry-url=" + registry.url(),
                "--spring.kafka.streams.state-dir=" + stateDir,
                "--server.port=0", "--spring.main.banner-mode=off",
                // Nothing listens there: send_email then says oversight did not answer, and sends anyway.
                "--deskpost.mcp.oversight.url=http://localhost:9",
                "--deskpost.mcp.delivery.url=http://localhost:9",
                "--deskpost.mcp.audit.url=http://localhost:9");
    }

    private static void publishLocation() throws Exception {
        AvroSerdes serdes = new AvroSerdes(new SchemaRegistryClient(registry.url()));
        try (var producer = new KafkaProducer<>(Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                kafka.bootstrapServers()), new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(Topics.FACILITY_LOCATIONS.name(), Facility.LOCATION,
                    serdes.serialize(Topics.FACILITY_LOCATIONS, Facility.londonLocation()))).get();
        }
    }
}
