package com.deskpost.mcp.transport;

import com.deskpost.mcp.agent.Agent;
import com.deskpost.mcp.agent.AgentCredentials;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Every request to the MCP endpoint carries an agent key ({@code Authorization: Bearer <key>});
 * without a known one the answer is a JSON 401 and the request goes no further. The agent it
 * belongs to travels with the request to the tools, which act as that agent and no other.
 */
class BearerAgentFilter extends OncePerRequestFilter {

    static final String AGENT = BearerAgentFilter.class.getName() + ".agent";
    private static final Logger log = LoggerFactory.getLogger(BearerAgentFilter.class);

    private final AgentCredentials credentials;

    BearerAgentFilter(AgentCredentials credentials) {
        this.credentials = credentials;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        Optional<Agent> agent = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)
                ? credentials.authenticate(header.substring(7).trim()) : Optional.empty();
        if (agent.isEmpty()) {
            log.warn("Refused an MCP request from {} without a known agent key", request.getRemoteAddr());
            response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
            response.setHeader("WWW-Authenticate", "Bearer realm=\"deskpost-mcp\"");
            response.setContentType("application/json");
            response.getOutputStream().write(("{\"error\":\"unauthorized\",\"message\":\"Send Authorization: Bearer "
                    + "<agent key>, a key from deskpost.mcp.agents.\"}").getBytes(StandardCharsets.UTF_8));
            return;
        }
        request.setAttribute(AGENT, agent.get());
        chain.doFilter(request, response);
    }
}
