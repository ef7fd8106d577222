package com.deskpost.mcp.transport;

import com.deskpost.mcp.McpProperties;
import com.deskpost.mcp.agent.Agent;
import com.deskpost.mcp.agent.AgentCredentials;
import com.deskpost.mcp.tools.ToolSet;
import com.deskpost.mcp.tools.ToolDispatcher;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import java.util.Map;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * The streamable HTTP transport at {@code /mcp}: the SDK's servlet behind the Origin/Host check
 * (DNS rebinding) and the agent-key filter.
 */
@Configuration
@ConditionalOnWebApplication
class HttpTransport {

    static final String ENDPOINT = "/mcp";
    private static final String AGENT = "deskpost.agent";

    @Bean
    HttpServletStreamableServerTransportProvider mcpTransport() {
        return HttpServletStreamableServerTransportProvider.builder()
                .jsonMapper(McpJsonDefaults.getMapper())
                .mcpEndpoint(ENDPOINT)
                // Each request's agent, as the key filter found it, reaches the tool call.
                .contextExtractor(request -> request.getAttribute(BearerAgentFilter.AGENT) instanceof Agent agent
                        ? McpTransportContext.create(Map.of(AGENT, agent)) : McpTransportContext.EMPTY)
                .build();
    }

    @Bean
    ServletRegistrationBean<HttpServletStreamableServerTransportProvider> mcpServlet(
            HttpServletStreamableServerTransportProvider transport) {
        ServletRegistrationBean<HttpServletStreamableServerTransportProvider> servlet =
                new ServletRegistrationBean<>(transport, ENDPOINT);
        servlet.setAsyncSupported(true);
        return servlet;
    }

    /** Origin and Host first: a rebinding page is refused before its request is looked at further. */
    @Bean
    FilterRegistrationBean<OriginFilter> mcpOrigins(McpProperties properties) {
        FilterRegistrationBean<OriginFilter> filter = new FilterRegistrationBean<>(
                new OriginFilter(properties.allowedOrigins(), properties.allowedHosts()));
        filter.addUrlPatterns(ENDPOINT, ENDPOINT + "/*");
        filter.setOrder(Ordered.HIGHEST_PRECEDENCE + 100);
        return filter;
    }

    @Bean
    FilterRegistrationBean<BearerAgentFilter> mcpAgentKeys(AgentCredentials credentials) {
        FilterRegistrationBean<BearerAgentFilter> filter = new FilterRegistrationBean<>(new BearerAgentFilter(credentials));
        filter.addUrlPatterns(ENDPOINT, ENDPOINT + "/*");
        filter.setOrder(Ordered.HIGHEST_PRECEDENCE + 101);
        return filter;
    }

    @Bean(destroyMethod = "closeGracefully")
    McpSyncServer httpMcpServer(HttpServletStreamableServerTransportProvider transport, ToolSet tools,
            ToolDispatcher dispatcher) {
        return McpServers.server(transport, dispatcher.specifications(tools.tools(), "http",
                exchange -> exchange.transportContext().get(AGENT) instanceof Agent agent ? agent : null));
    }
}
