package com.deskpost.oversight.api;

import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * An agent gateway acts only for the agent ids it is bound to
 * ({@code deskpost.oversight.agent-gateways[n].agents}): a gateway's password lets it speak for
 * those agents and no other, so one leaked gateway account cannot decide as every agent approver
 * in the directory. Each bound agent is an authority of the gateway's account; a call for another
 * agent is refused 403 and logged before the agent API sees it.
 */
final class AgentGatewayBinding implements AuthorizationManager<RequestAuthorizationContext> {

    /** The agent API's paths; {@code agentId} is the agent the gateway acts for. */
    static final String AGENT_PATHS = "/api/v1/agents/{agentId}/**";
    static final String GATEWAY_ROLE = "ROLE_AGENT_GATEWAY";
    private static final String AGENT_PREFIX = "AGENT_";
    private static final RequestMatcher AGENT_API = PathPatternRequestMatcher.withDefaults().matcher(AGENT_PATHS);
    private static final Logger log = LoggerFactory.getLogger(AgentGatewayBinding.class);

    /** The account's authorities: the gateway role and one per agent it is bound to. */
    static List<GrantedAuthority> authorities(StaffProperties.Gateway gateway) {
        List<GrantedAuthority> authorities = new ArrayList<>();
        authorities.add(new SimpleGrantedAuthority(GATEWAY_ROLE));
        gateway.agents().forEach(agent -> authorities.add(new SimpleGrantedAuthority(AGENT_PREFIX + agent)));
        return authorities;
    }

    @Override
    public AuthorizationResult authorize(Supplier<? extends Authentication> authentication,
            RequestAuthorizationContext context) {
        Authentication caller = authentication.get();
        if (caller == null || !caller.isAuthenticated() || !has(caller, GATEWAY_ROLE)) {
            return new AuthorizationDecision(false);
        }
        String agentId = context.getVariables().get("agentId");
        boolean bound = agentId != null && has(caller, AGENT_PREFIX + agentId);
        if (!bound) {
            log.warn("Refused agent gateway {} acting for agent:{} ({} {}): not among its deskpost.oversight."
                    + "agent-gateways[n].agents", caller.getName(), agentId, context.getRequest().getMethod(),
                    context.getRequest().getRequestURI());
        }
        return new AuthorizationDecision(bound);
    }

    /** The refusal's message when a gateway called for an agent it is not bound to; empty for other refusals. */
    static Optional<String> refusal(HttpServletRequest request, Authentication caller) {
        if (caller == null || !has(caller, GATEWAY_ROLE)) {
            return Optional.empty();
        }
        RequestMatcher.MatchResult match = AGENT_API.matcher(request);
        if (!match.isMatch()) {
            return Optional.empty();
        }
        return Optional.of("The agent gateway " + caller.getName() + " may not act for agent:"
                + match.getVariables().get("agentId") + "; the operator binds a gateway to its agents in "
                + "deskpost.oversight.agent-gateways[n].agents.");
    }

    private static boolean has(Authentication caller, String authority) {
        return caller.getAuthorities().stream().anyMatch(granted -> authority.equals(granted.getAuthority()));
    }
}
