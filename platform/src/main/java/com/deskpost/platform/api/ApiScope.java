package com.deskpost.platform.api;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * What an API key may do, each scope granted by name in {@code deskpost.api.clients[n].scopes}.
 * One list for the whole Deskpost API, whichever service serves an endpoint (delivery: messages,
 * contacts, erasure; audit-service: threads, draft histories, the audit query and verification), so a
 * key means the same on each. Deliverability (resuming a sender domain's paused commercial mail) and subject access (an export of everything held
 * about one person) are their own scopes too. Erasure is its own scope, not part of contacts: it cannot be undone, so a key that keeps tags
 * in sync (a CRM, the MCP server) must not be able to erase anyone. Paths match whatever the
 * method, so no method (HEAD included) reaches an endpoint around its scope.
 */
public enum ApiScope {

    /** What was sent and why: messages, the sent-mail archive, threads, draft histories, audit queries, verification. */
    READ("/api/v1/messages", "/api/v1/archive", "/api/v1/archive/**", "/api/v1/threads/**", "/api/v1/drafts/**",
            "/api/v1/audit", "/api/v1/audit/**"),
    /** The contact list, its consent tags (suppressions, opt-ins), their history and its bounce and complaint history. */
    CONTACTS("/api/v1/contacts", "/api/v1/contacts/*/tags", "/api/v1/contacts/*/feedback",
            "/api/v1/contacts/*/consent-history"),
    /** GDPR erasure of a contact. */
    ERASURE("/api/v1/contacts/*/erasure"),
    /**
     * GDPR art. 15 subject access: everything Deskpost holds about one person, in one export. Its own scope, implied
     * by no other: the export gathers what read and contacts show piecemeal, and more (held drafts, mail content).
     */
    SUBJECT_ACCESS("/api/v1/contacts/*/subject-access"),
    /** Sender-domain guardrails: a domain's bounce and complaint rates, and resuming its paused commercial mail. */
    DELIVERABILITY("/api/v1/sender-domains", "/api/v1/sender-domains/**");

    private final RequestMatcher paths;

    ApiScope(String... patterns) {
        this.paths = new OrRequestMatcher(Arrays.stream(patterns)
                .map(pattern -> (RequestMatcher) PathPatternRequestMatcher.withDefaults().matcher(pattern)).toList());
    }

    /** The name used in settings and messages: {@code read}, {@code contacts}, {@code erasure}, {@code subject-access}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    String authority() {
        return "SCOPE_" + label();
    }

    RequestMatcher paths() {
        return paths;
    }

    /** The scope the request's endpoint needs, if it is one of the API's endpoints. */
    static Optional<ApiScope> neededFor(HttpServletRequest request) {
        return Arrays.stream(values()).filter(scope -> scope.paths.matches(request)).findFirst();
    }
}
