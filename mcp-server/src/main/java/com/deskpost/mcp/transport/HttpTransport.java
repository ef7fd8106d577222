package com.deskpost.mcp.transport;

import com.deskpost.mcp.McpProperties;
import com.deskpost.mcp.agent.Agent;
import com.deskpost.mcp.agent.AgentCredentials;
import com.deskpost.mcp.tools.ToolSet;
import com.deskpost.mcp.tools.ToolDispatcher;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.server.McpStatelessSyncServer;
import io.modelcontextprotocol.server.transport.HttpServletStatelessServerTransport;
import java.util.Map;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * The streamable HTTP transport at {@code /mcp}, stateless: the SDK's stateless servlet behind the
 * Origin/Host check (DNS rebinding) and the agent-key filter. Every POST carries everything its
 * answer needs (the agent comes from its own Bearer key), so no {@code Mcp-Session-Id} is issued
 * and any instance behind a load balancer answers any request, without session affinity. What a
 * session would add (server-to-client requests and notifications, a GET event stream) no tool uses;
 * GET and DELETE are answered 405.
 */
@Configuration
@ConditionalOnWebApplication
class HttpTransport {

    static final String ENDPOINT = "/mcp";
    private static final String AGENT = "deskpost.agent";

    @Bean
    HttpServletStatelessServerTransport mcpTransport() {
        return HttpServletStatelessServerTransport.builder()
                .jsonMapper(McpJsonDefaults.getMapper())
                .messageEndpoint(ENDPOINT)
                // Each request's agent, as the key filter found it, reaches the tool call.
                .contextExtractor(request -> request.getAttribute(BearerAgentFilter.AGENT) instanceof Agent agent
                        ? McpTransportContext.create(Map.of(AGENT, agent)) : McpTransportContext.EMPTY)
                .build();
    }

    @Bean
    ServletRegistrationBean<HttpServletStatelessServerTransport> mcpServlet(HttpServletStatelessServerTransport transport) {
        return new ServletRegistrationBean<>(transport, ENDPOINT);
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
    McpStatelessSyncServer httpMcpServer(HttpServletStatelessServerTransport transport, ToolSet tools,
            ToolDispatcher dispatcher) {
        return McpServers.server(transport, dispatcher.statelessSpecifications(tools.tools(), "http",
                context -> context.get(AGENT) instanceof Agent agent ? agent : null));
    }
}
