package com.deskpost.platform.api;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Reads {@code Authorization: Bearer <api key>} on every request. A recognised key authenticates
 * the request as its client for this request only (stateless: no session, no cookie); a key that
 * is presented but not recognised is answered 401 at once, as RFC 6750 has it; no key leaves the
 * request anonymous, which only the public paths accept.
 */
class BearerKeyFilter extends OncePerRequestFilter {

    private static final String BEARER = "Bearer ";

    private final AuthenticationProvider keys;
    private final AuthenticationEntryPoint rejection;
    private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();

    BearerKeyFilter(AuthenticationProvider keys, AuthenticationEntryPoint rejection) {
        this.keys = keys;
        this.rejection = rejection;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header != null && header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            try {
                SecurityContext context = contexts.createEmptyContext();
                context.setAuthentication(keys.authenticate(
                        ApiKeyAuthentication.presented(header.substring(BEARER.length()).trim())));
                contexts.setContext(context);
            } catch (AuthenticationException notRecognised) {
                contexts.clearContext();
                rejection.commence(request, response, notRecognised);
                return;
            }
        }
        chain.doFilter(request, response);
    }
}
