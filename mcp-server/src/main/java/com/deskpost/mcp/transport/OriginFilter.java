package com.deskpost.mcp.transport;

import io.modelcontextprotocol.server.transport.DefaultServerTransportSecurityValidator;
import io.modelcontextprotocol.server.transport.HeaderAccessor;
import io.modelcontextprotocol.server.transport.ServerTransportSecurityException;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Defends the MCP endpoint against DNS rebinding, as the MCP transport specification requires of
 * streamable HTTP servers: a request whose {@code Origin} is not an allowed origin is refused 403,
 * and one whose {@code Host} is not an allowed host 421, before authentication, with JSON saying
 * which setting admits it. A request without {@code Origin} (an agent's HTTP client, the SDK's
 * client; not a browser) passes the origin check. Localhost names are always allowed hosts, so the
 * server answers on its own machine; a page that rebinds its own name to this machine still sends
 * that name as {@code Host}, and is refused. The judgement is the MCP SDK's own validator.
 */
class OriginFilter extends OncePerRequestFilter {

    /** Localhost names, any port: the server is always reachable on its own machine. */
    static final List<String> LOCAL_HOSTS = List.of("localhost:*", "127.0.0.1:*", "[::1]:*");
    private static final Logger log = LoggerFactory.getLogger(OriginFilter.class);

    private final DefaultServerTransportSecurityValidator validator;

    OriginFilter(List<String> allowedOrigins, List<String> allowedHosts) {
        List<String> hosts = new ArrayList<>(LOCAL_HOSTS);
        hosts.addAll(allowedHosts);
        this.validator = DefaultServerTransportSecurityValidator.builder()
                .allowedOrigins(allowedOrigins).allowedHosts(hosts).build();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            validator.validate(new RequestHeaders(request));
        } catch (ServerTransportSecurityException refused) {
            boolean host = refused.getStatusCode() != HttpServletResponse.SC_FORBIDDEN;
            String message = host
                    ? "Host '" + request.getHeader("Host") + "' is not one this MCP server answers to; the operator adds "
                            + "it to deskpost.mcp.allowed-hosts (DESKPOST_MCP_ALLOWED_HOSTS)."
                    : "Origin '" + request.getHeader("Origin") + "' may not call this MCP server; the operator adds it to "
                            + "deskpost.mcp.allowed-origins (DESKPOST_MCP_ALLOWED_ORIGINS).";
            log.warn("Refused an MCP request from {}: {}", request.getRemoteAddr(), message);
            response.setStatus(refused.getStatusCode());
            response.setContentType("application/json");
            response.getOutputStream().write(("{\"error\":\"" + (host ? "host_not_allowed" : "origin_not_allowed")
                    + "\",\"message\":\"" + message.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}")
                    .getBytes(StandardCharsets.UTF_8));
            return;
        }
        chain.doFilter(request, response);
    }

    /** The request's headers as the SDK's validator reads them. */
    private record RequestHeaders(HttpServletRequest request) implements HeaderAccessor {

        @Override
        public List<String> getHeader(String name) {
            return Collections.list(request.getHeaders(name));
        }

        @Override
        public List<String> getHeaderNames() {
            return Collections.list(request.getHeaderNames());
        }
    }
}
