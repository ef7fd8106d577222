package com.deskpost.mcp.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.deskpost.mcp.agent.Agent;
import com.deskpost.mcp.agent.Scope;
import com.deskpost.mcp.clients.DeliveryClient;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * get_sent_mail against an HTTP server answering as delivery's archive API does (delivery-service's own tests run the
 * real API; the MCP server may not depend on that module): what the agent asks becomes the right request, with the
 * server's key, and delivery's answers and refusals reach the agent.
 */
class GetSentMailTest {

    private static final String HASH = "3f7a".repeat(16);

    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final HttpServer delivery = archiveApi();
    private final GetSentMail tool = new GetSentMail(new DeliveryClient(
            URI.create("http://127.0.0.1:" + delivery.getAddress().getPort()), "mcp-key", JsonMapper.builder().build()));
    private final Call call = new Call("c-1", new Agent("front-desk", java.util.Set.of(Scope.READ)), "get_sent_mail",
            "stdio", Instant.parse("2026-12-07T09:00:00Z"));

    @AfterEach
    void stop() {
        delivery.stop(0);
    }

    @Test
    void anAddressListsTheArchiveAndAHashReturnsTheMessagesText() {
        // When the agent lists Ada's mail, then reads one message
        Outcome listed = tool.call(call, new Arguments(Map.of("email", "Ada@Example.com", "limit", 5)));
        Outcome read = tool.call(call, new Arguments(Map.of("sha256", HASH.toUpperCase())));

        // Then delivery was asked for her archive and for that message's text, with the server's key
        assertThat(requests).containsExactly(
                "GET /api/v1/archive?recipient=ada%40example.com&limit=5 Bearer mcp-key",
                "GET /api/v1/archive/" + HASH + "/text Bearer mcp-key");
        assertThat((List<?>) listed.result().get("items")).hasSize(1);
        assertThat(read.result().get("text")).isEqualTo("Desk 12 is yours on Monday.");
        assertThat(read.draftId()).isEqualTo("d-1");
    }

    @Test
    void erasedContentIsRefusedWithDeliverysReasonAndNoArgumentIsInvalid() {
        // When the agent asks for a message whose content was erased, and for nothing at all
        ToolError gone = catchThrowableOfType(ToolError.class,
                () -> tool.call(call, new Arguments(Map.of("sha256", "0".repeat(64)))));
        ToolError nothing = catchThrowableOfType(ToolError.class, () -> tool.call(call, new Arguments(Map.of())));

        // Then each says what happened and what to do
        assertThat(gone).isNotNull();
        assertThat(gone.getMessage()).contains("erased");
        assertThat(nothing).isNotNull();
        assertThat(nothing.getMessage()).contains("email");
        assertThat(requests).containsExactly("GET /api/v1/archive/" + "0".repeat(64) + "/text Bearer mcp-key");
    }

    private HttpServer archiveApi() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/api/v1/archive", exchange -> {
                String path = exchange.getRequestURI().getRawPath();
                String query = exchange.getRequestURI().getRawQuery();
                requests.add(exchange.getRequestMethod() + " " + path + (query == null ? "" : "?" + query) + " "
                        + exchange.getRequestHeaders().getFirst("Authorization"));
                int status;
                String body;
                if (path.equals("/api/v1/archive")) {
                    status = 200;
                    body = "{\"items\":[{\"sha256\":\"" + HASH + "\",\"draftId\":\"d-1\",\"kind\":\"SENT\"}]}";
                } else if (path.equals("/api/v1/archive/" + HASH + "/text")) {
                    status = 200;
                    body = "{\"entry\":{\"sha256\":\"" + HASH + "\",\"draftId\":\"d-1\"},"
                            + "\"text\":\"Desk 12 is yours on Monday.\"}";
                } else {
                    status = 410;
                    body = "{\"error\":\"gone\",\"message\":\"The content was erased with its recipient's address.\"}";
                }
                byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(status, bytes.length);
                exchange.getResponseBody().write(bytes);
                exchange.close();
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
