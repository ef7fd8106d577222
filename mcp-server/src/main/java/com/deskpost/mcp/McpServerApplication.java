package com.deskpost.mcp;

import java.util.Arrays;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.kafka.annotation.EnableKafkaStreams;

/**
 * The MCP server: AI agents call Deskpost's tools over streamable HTTP ({@code /mcp}, Bearer agent
 * key) or, started with {@code --stdio}, over standard input and output for the one agent whose key
 * is in {@code DESKPOST_MCP_AGENT_KEY}.
 */
@SpringBootApplication
@EnableKafkaStreams
public class McpServerApplication {

    /** Its settings live in mcp-server.yml, so several services can share one classpath (dev-stack). */
    public static SpringApplicationBuilder builder() {
        return new SpringApplicationBuilder(McpServerApplication.class)
                .main(McpServerApplication.class)
                .properties("spring.config.name=mcp-server");
    }

    public static void main(String[] args) {
        boolean stdio = Arrays.asList(args).contains("--stdio")
                || "stdio".equalsIgnoreCase(System.getenv("DESKPOST_MCP_TRANSPORT"));
        if (!stdio) {
            builder().run(args);
            return;
        }
        // Standard output carries MCP messages only: no web server, no banner, logs to standard error.
        builder().web(WebApplicationType.NONE)
                .properties("deskpost.mcp.stdio.enabled=true", "spring.main.banner-mode=off",
                        "logging.config=classpath:mcp-server-stdio-logback.xml")
                .run(Arrays.stream(args).filter(arg -> !arg.equals("--stdio")).toArray(String[]::new));
    }
}
