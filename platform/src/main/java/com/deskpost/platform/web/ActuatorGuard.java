package com.deskpost.platform.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Collections;
import java.util.Enumeration;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Every actuator endpoint but the health probes ({@code /actuator/health/**}) wants
 * {@code Authorization: Bearer <deskpost.actuator.key>}: metrics, the endpoint index and info are
 * for operators and their scrapers, not for whoever can reach the port. The path is judged as the
 * container routes it, normalised ({@link ActuatorPaths}), so no spelling reaches the metrics
 * without the key. Runs before Spring Security where a service has it, so every service answers the
 * same JSON 401 (or 400 for a path that cannot be normalised).
 */
public final class ActuatorGuard extends OncePerRequestFilter implements Ordered {

    private final byte[] expected;

    public ActuatorGuard(String key) {
        if (key == null || key.length() < 16) {
            throw new IllegalStateException("deskpost.actuator.key (DESKPOST_ACTUATOR_KEY) must be at least 16 characters:"
                    + " scrapers send it as 'Authorization: Bearer <key>' to /actuator/prometheus");
        }
        this.expected = ("Bearer " + key).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return ActuatorPaths.judge(pathWithinApplication(request)) == ActuatorPaths.Verdict.OPEN;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (ActuatorPaths.judge(pathWithinApplication(request)) == ActuatorPaths.Verdict.MALFORMED) {
            refuse(response, HttpServletResponse.SC_BAD_REQUEST, "{\"error\":\"invalid_path\",\"message\":\"The path"
                    + " cannot be normalised (a malformed escape, an encoded '%', ';' or '\\\\', or '..'"
                    + " above the root); send it plainly, e.g. /actuator/prometheus.\"}");
            return;
        }
        String authorization = request.getHeader("Authorization");
        if (authorization != null
                && MessageDigest.isEqual(expected, authorization.getBytes(StandardCharsets.UTF_8))) {
            // The key is this guard's alone: the service's own security (API keys, staff logins) must not judge it.
            chain.doFilter(new WithoutAuthorization(request), response);
            return;
        }
        response.setHeader("WWW-Authenticate", "Bearer");
        refuse(response, HttpServletResponse.SC_UNAUTHORIZED, "{\"error\":\"unauthorized\",\"message\":\"Actuator"
                + " endpoints other than /actuator/health need 'Authorization: Bearer <key>' with the service's"
                + " deskpost.actuator.key (DESKPOST_ACTUATOR_KEY).\"}");
    }

    private static String pathWithinApplication(HttpServletRequest request) {
        return request.getRequestURI().substring(request.getContextPath().length());
    }

    private static void refuse(HttpServletResponse response, int status, String json) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(json);
    }

    /** The request as the rest of the chain sees it once the key was accepted: no Authorization header. */
    private static final class WithoutAuthorization extends HttpServletRequestWrapper {

        WithoutAuthorization(HttpServletRequest request) {
            super(request);
        }

        @Override
        public String getHeader(String name) {
            return "Authorization".equalsIgnoreCase(name) ? null : super.getHeader(name);
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            return "Authorization".equalsIgnoreCase(name) ? Collections.emptyEnumeration() : super.getHeaders(name);
        }

        @Override
        public Enumeration<String> getHeaderNames() {
            return Collections.enumeration(Collections.list(super.getHeaderNames()).stream()
                    .filter(name -> !"Authorization".equalsIgnoreCase(name)).toList());
        }
    }

    @Override
    public int getOrder() {
        // Ahead of Spring Security's filter chain (-100), so services with and without it answer alike.
        return Ordered.HIGHEST_PRECEDENCE + 50;
    }
}
