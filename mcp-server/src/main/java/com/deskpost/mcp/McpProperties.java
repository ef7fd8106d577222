package com.deskpost.mcp;

import com.deskpost.events.OversightMode;
import com.deskpost.mcp.agent.AgentCredentials.Credential;
import java.net.URI;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The MCP server's settings (README, configuration table).
 *
 * @param agents agent credentials: id, key (16+ characters), scopes (send, read, oversight, contacts)
 * @param stdio the stdio transport: which environment variable holds the key of the one agent it serves
 * @param oversight the oversight service's agent API and this server's gateway account there
 * @param delivery the delivery service's API and this server's key there
 * @param audit the audit service's API and this server's key there
 * @param minimumMode the least strict mode any agent draft requests; an agent may ask for stricter, never looser
 * @param allowedOrigins browser origins allowed on the HTTP transport ({@code https://app.example.com}, or
 *                       {@code http://localhost:*} for any port); a request without Origin is always allowed
 * @param allowedHosts   Host header values the HTTP transport answers besides localhost, 127.0.0.1 and [::1]
 *                       ({@code mcp.example.com}, {@code mcp.example.com:*})
 */
@ConfigurationProperties("deskpost.mcp")
public record McpProperties(List<Credential> agents, Stdio stdio, Oversight oversight, Delivery delivery,
        Audit audit, OversightMode minimumMode, List<String> allowedOrigins, List<String> allowedHosts) {

    public McpProperties {
        agents = agents == null ? List.of() : List.copyOf(agents);
        allowedOrigins = allowedOrigins == null ? List.of() : List.copyOf(allowedOrigins);
        allowedHosts = allowedHosts == null ? List.of() : List.copyOf(allowedHosts);
        stdio = stdio == null ? new Stdio(null) : stdio;
        minimumMode = minimumMode == null ? OversightMode.MONITORED : minimumMode;
    }

    /** @param keyVariable environment variable holding the stdio agent's key */
    public record Stdio(String keyVariable) {

        public Stdio {
            keyVariable = keyVariable == null ? "DESKPOST_MCP_AGENT_KEY" : keyVariable;
        }
    }

    /** @param url base URL, e.g. http://localhost:8084; {@code gateway} / {@code password} its agent gateway account */
    public record Oversight(URI url, String gateway, String password) {
    }

    /** @param url base URL, e.g. http://localhost:8085; {@code apiKey} a key of deskpost.api.clients there */
    public record Delivery(URI url, String apiKey) {
    }

    /** @param url base URL, e.g. http://localhost:8091; {@code apiKey} a key of deskpost.api.clients there */
    public record Audit(URI url, String apiKey) {
    }
}
