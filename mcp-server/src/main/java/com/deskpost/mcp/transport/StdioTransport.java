package com.deskpost.mcp.transport;

import com.deskpost.mcp.McpProperties;
import com.deskpost.mcp.agent.Agent;
import com.deskpost.mcp.agent.AgentCredentials;
import com.deskpost.mcp.tools.ToolSet;
import com.deskpost.mcp.tools.ToolDispatcher;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The stdio transport, for an agent that starts the server as its subprocess: one agent, whose key
 * is in the environment variable {@code deskpost.mcp.stdio.key-variable} names (not on the command
 * line, where other users could read it). Without a known key the server does not start. When the
 * agent closes standard input, the server stops.
 */
@Configuration
@ConditionalOnProperty(name = "deskpost.mcp.stdio.enabled", havingValue = "true")
class StdioTransport {

    private static final Logger log = LoggerFactory.getLogger(StdioTransport.class);

    @Bean(destroyMethod = "closeGracefully")
    McpSyncServer stdioMcpServer(McpProperties properties, AgentCredentials credentials, ToolSet tools,
            ToolDispatcher dispatcher, ConfigurableApplicationContext context) {
        String variable = properties.stdio().keyVariable();
        Agent agent = credentials.authenticate(System.getenv(variable)).orElseThrow(() -> new IllegalStateException(
                "The stdio transport serves one agent: set " + variable + " to the key of one deskpost.mcp.agents"
                        + " credential"));
        log.info("MCP over stdio for {}", agent.identity());
        InputStream in = new StopAtEnd(System.in, () -> new Thread(() -> System.exit(SpringApplication.exit(context)),
                "mcp-stdio-exit").start());
        return McpServers.server(new StdioServerTransportProvider(McpJsonDefaults.getMapper(), in, System.out),
                dispatcher.specifications(tools.tools(), "stdio", exchange -> agent));
    }

    /** Standard input that tells when the agent closed it. */
    private static final class StopAtEnd extends FilterInputStream {

        private final Runnable atEnd;
        private boolean ended;

        StopAtEnd(InputStream in, Runnable atEnd) {
            super(in);
            this.atEnd = atEnd;
        }

        @Override
        public int read() throws IOException {
            return ended(super.read());
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            return ended(super.read(buffer, offset, length));
        }

        private int ended(int read) {
            if (read < 0 && !ended) {
                ended = true;
                atEnd.run();
            }
            return read;
        }
    }
}
