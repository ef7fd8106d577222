package com.deskpost.mcp.transport;

import static org.assertj.core.api.Assertions.assertThat;

import com.deskpost.mcp.McpServerApplication;
import com.deskpost.mcp.inbound.ReceivedMail;
import com.deskpost.platform.topic.TopicRule;
import com.deskpost.platform.topic.Topics;
import com.deskpost.testsupport.KafkaBroker;
import com.deskpost.testsupport.registry.SchemaRegistryServer;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The streamable HTTP transport against DNS rebinding (MCP transport specification, "Security
 * Warning"): a browser page from a foreign origin, or a request naming a foreign Host, is refused
 * as JSON before it reaches the MCP servlet, even with a valid agent key; an allowed origin and a
 * request without Origin (the SDK's own client) are served. Requests are written on a socket so
 * the Origin and Host headers are exactly those listed.
 */
class HttpTransportIT {

    private static final String AGENT_KEY = "dev-only-front-desk-agent-key";
    private static final String ALLOWED_ORIGIN = "https://agents.example.com";
    private static final String INITIALIZE = """
            {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18",
             "capabilities":{},"clientInfo":{"name":"origin-test","version":"1"}}}""";
    private static KafkaBroker kafka;
    private static SchemaRegistryServer registry;
    private static ConfigurableApplicationContext server;
    private static int port;

    @BeforeAll
    static void start() throws IOException {
        kafka = KafkaBroker.start();
        kafka.createTopics(TopicRule.DEFAULT.newTopics(Topics.ALL));
        // The server's own received-mail topic too: its global table cannot start before the broker serves the topic's
        // metadata, which a topic the server itself has just created may not yet have.
        kafka.createTopics(TopicRule.DEFAULT.newTopics(ReceivedMail.TOPIC));
        registry = SchemaRegistryServer.start();
        Path stateDir = Files.createTempDirectory("mcp-http-streams");
        server = McpServerApplication.builder().run(
                "--spring.kafka.bootstrap-servers=" + kafka.bootstrapServers(),
                "--deskpost.kafka.schema-registry-url=" + registry.url(),
                "--spring.kafka.streams.state-dir=" + stateDir,
                "--server.port=0", "--spring.main.banner-mode=off",
                "--deskpost.mcp.allowed-origins=" + ALLOWED_ORIGIN + ",http://localhost:*",
                "--deskpost.mcp.allowed-hosts=mcp.example.com:*",
                // Nothing listens there: initialising and listing tools need neither oversight nor delivery.
                "--deskpost.mcp.oversight.url=http://localhost:9",
                "--deskpost.mcp.delivery.url=http://localhost:9",
                "--deskpost.mcp.audit.url=http://localhost:9");
        port = server.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        registry.close();
        kafka.close();
    }

    @Test
    void aForeignOriginIsRefusedEvenWithAValidAgentKey() throws IOException {
        // When a page on another origin posts an initialize with a valid key
        String answer = post("localhost:" + port, "http://evil.example", AGENT_KEY);

        // Then it is refused as JSON naming the origin and the setting
        assertThat(answer).startsWith("HTTP/1.1 403").contains("application/json",
                "\"error\":\"origin_not_allowed\"", "http://evil.example", "deskpost.mcp.allowed-origins");
        // And a look-alike of an allowed origin is no allowed origin
        assertThat(post("localhost:" + port, ALLOWED_ORIGIN + ".evil.example", AGENT_KEY)).startsWith("HTTP/1.1 403");
    }

    @Test
    void anAllowedOriginAndNoOriginAreServed() throws IOException {
        assertThat(post("localhost:" + port, ALLOWED_ORIGIN, AGENT_KEY)).startsWith("HTTP/1.1 200");
        assertThat(post("localhost:" + port, "http://localhost:6274", AGENT_KEY)).startsWith("HTTP/1.1 200");
        assertThat(post("localhost:" + port, null, AGENT_KEY)).startsWith("HTTP/1.1 200");
        // The origin check comes first, and the agent key is still required after it
        assertThat(post("localhost:" + port, ALLOWED_ORIGIN, null)).startsWith("HTTP/1.1 401");
    }

    @Test
    void aForeignHostIsRefusedAndLocalOrConfiguredHostsAreServed() throws IOException {
        // When a request names a host this server was not configured for, as after a DNS rebinding
        String rebound = post("attacker.example:" + port, null, AGENT_KEY);

        // Then it is refused as JSON naming the host and the setting
        assertThat(rebound).startsWith("HTTP/1.1 421").contains("\"error\":\"host_not_allowed\"",
                "attacker.example", "deskpost.mcp.allowed-hosts");
        assertThat(post("127.0.0.1:" + port, null, AGENT_KEY)).startsWith("HTTP/1.1 200");
        assertThat(post("mcp.example.com", null, AGENT_KEY)).startsWith("HTTP/1.1 200");
    }

    @Test
    void theSdksClientWhichSendsNoOriginWorks() {
        McpSyncClient client = McpClient.sync(HttpClientStreamableHttpTransport.builder("http://localhost:" + port)
                        .endpoint("/mcp")
                        .httpRequestCustomizer((request, method, uri, body, context) ->
                                request.header("Authorization", "Bearer " + AGENT_KEY))
                        .build())
                .requestTimeout(Duration.ofSeconds(60)).build();
        try {
            client.initialize();

            assertThat(client.listTools().tools()).extracting(tool -> tool.name()).contains("send_email");
        } finally {
            client.close();
        }
    }

    /** POSTs an initialize with exactly these Host and Origin headers; the status line, headers and any body. */
    private static String post(String host, String origin, String agentKey) throws IOException {
        byte[] body = INITIALIZE.getBytes(StandardCharsets.UTF_8);
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /mcp HTTP/1.1\r\nHost: " + host + "\r\n"
                    + (origin == null ? "" : "Origin: " + origin + "\r\n")
                    + (agentKey == null ? "" : "Authorization: Bearer " + agentKey + "\r\n")
                    + "Content-Type: application/json\r\nAccept: application/json, text/event-stream\r\n"
                    + "Content-Length: " + body.length + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            StringBuilder answer = new StringBuilder(in.readLine()).append('\n');
            if (answer.toString().startsWith("HTTP/1.1 200")) {
                return answer.toString(); // the session's reply; nothing more is needed
            }
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                answer.append(line).append('\n');
            }
            return answer.toString();
        }
    }
}
