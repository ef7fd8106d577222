package com.deskpost.community.inbound;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Every request to {@code /api/**} must carry {@code Authorization: Bearer <webhook key>} (DESIGN §4:
 * every HTTP API requires authentication). The key is compared as a SHA-256 digest with
 * {@link MessageDigest#isEqual}, so the time taken tells a caller nothing about how much of it was
 * right. Anything else is answered 401 with a JSON error saying how to authenticate (RFC 6750).
 */
class WebhookKeyFilter extends OncePerRequestFilter {

    private static final String BEARER = "Bearer ";

    private final byte[] key;

    WebhookKeyFilter(String key) {
        this.key = sha256(key);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        boolean bearer = header != null && header.regionMatches(true, 0, BEARER, 0, BEARER.length());
        if (bearer && MessageDigest.isEqual(key, sha256(header.substring(BEARER.length()).trim()))) {
            chain.doFilter(request, response);
            return;
        }
        response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"deskpost-inbound\"");
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write("{\"error\":\"unauthorized\",\"message\":\"" + (bearer
                ? "The webhook key sent was not recognised. " : "")
                + "Send Authorization: Bearer <webhook key>; the operator sets it in "
                + "deskpost.community.inbound.webhook-key.\"}");
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
