package com.deskpost.reliability.input;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping;

/**
 * Every HTTP endpoint every service serves, read from its running context (each request-mapping
 * handler mapping, actuator's included, and each extra servlet such as the MCP server's), called
 * without credentials and with wrong ones. DESIGN §4: every HTTP API requires authentication; only
 * the documented open paths answer without it.
 */
final class EndpointSweep {

    static final List<String> SERVICES = List.of("booking-events", "billing-events", "access-events",
            "community-events", "oversight-service", "delivery-service", "audit-service", "mcp-server", "ingest-service");

    /**
     * README: health probes, one-click unsubscribe and the preference page (the signed token is the authority),
     * OpenAPI, ops login page.
     */
    private static final List<Pattern> DOCUMENTED_OPEN = List.of(
            Pattern.compile("/actuator/health(/.*)?"),
            Pattern.compile("/unsubscribe/\\{[^}]+}"),
            Pattern.compile("/preferences/\\{[^}]+}"),
            Pattern.compile("/v3/api-docs.*"),
            Pattern.compile("/ops/login"));

    /** One endpoint: service, method, path pattern. */
    record Endpoint(String service, String method, String pattern) {

        String probePath() {
            String path = pattern.replaceAll("\\{\\*[^}]+}", "probe").replace("/**", "/probe").replace("*", "probe");
            path = path.replace("{email}", "probe@example.com");
            return path.replaceAll("\\{([^}:]+)(:[^}]*)?}", "probe-$1");
        }

        boolean documentedOpen() {
            return DOCUMENTED_OPEN.stream().anyMatch(open -> open.matcher(pattern).matches());
        }

        @Override
        public String toString() {
            return service + " " + method + " " + pattern;
        }
    }

    /** What one endpoint answered to each kind of caller. */
    record Outcome(Endpoint endpoint, Map<String, Http.Answer> answers) {
    }

    private final Http http;

    EndpointSweep(Http http) {
        this.http = http;
    }

    static List<Endpoint> enumerate(InputStack input) {
        Set<Endpoint> endpoints = new LinkedHashSet<>();
        for (String service : SERVICES) {
            ConfigurableApplicationContext context;
            try {
                context = input.stack.service(service);
            } catch (IllegalArgumentException notStarted) {
                continue; // a stack without this service (ingest-service is newer than some)
            }
            for (RequestMappingInfoHandlerMapping mapping
                    : context.getBeansOfType(RequestMappingInfoHandlerMapping.class).values()) {
                for (RequestMappingInfo info : mapping.getHandlerMethods().keySet()) {
                    Set<String> methods = new TreeSet<>();
                    for (RequestMethod method : info.getMethodsCondition().getMethods()) {
                        methods.add(method.name());
                    }
                    if (methods.isEmpty()) {
                        methods.addAll(List.of("GET", "POST"));
                    }
                    for (String pattern : info.getPatternValues()) {
                        methods.forEach(method -> endpoints.add(new Endpoint(service, method, pattern)));
                    }
                }
            }
            for (ServletRegistrationBean<?> servlet : context.getBeansOfType(ServletRegistrationBean.class).values()) {
                for (String mapping : servlet.getUrlMappings()) {
                    if (!"/".equals(mapping)) {
                        for (String method : List.of("GET", "POST", "DELETE")) {
                            endpoints.add(new Endpoint(service, method, mapping));
                        }
                    }
                }
            }
        }
        return new ArrayList<>(endpoints);
    }

    /** Calls each endpoint without credentials, with a wrong bearer key and with a wrong password. */
    List<Outcome> call(InputStack input, List<Endpoint> endpoints) {
        Map<String, String> callers = new LinkedHashMap<>();
        callers.put("none", null);
        callers.put("wrong-bearer", Http.bearer("wrong-key-wrong-key-wrong-key"));
        callers.put("wrong-basic", Http.basic("ops", "wrong-password"));
        List<Outcome> outcomes = new ArrayList<>();
        for (Endpoint endpoint : endpoints) {
            outcomes.add(new Outcome(endpoint, call(input, endpoint, callers)));
        }
        return outcomes;
    }

    /** Calls one endpoint once per caller (name to Authorization header value, null for none). */
    Map<String, Http.Answer> call(InputStack input, Endpoint endpoint, Map<String, String> callers) {
        Map<String, Http.Answer> answers = new LinkedHashMap<>();
        String url = input.url(endpoint.service(), endpoint.probePath());
        // Accept anything, as a scraper or browser would: a JSON-only Accept hides text endpoints behind a 406
        callers.forEach((caller, authorization) -> answers.put(caller, http.send(endpoint.method(), url,
                authorization, "application/json", "GET".equals(endpoint.method()) ? null : "{}", "*/*")));
        return answers;
    }

    /** A refusal: 401 or 403 with a JSON error body. */
    static boolean refused(Http.Answer answer) {
        return (answer.status() == 401 || answer.status() == 403) && answer.isJson()
                && answer.body().contains("\"error\"");
    }

    /** The ops page is for browsers: it refuses by sending them to its login page. */
    static boolean sentToLogin(Endpoint endpoint, Http.Answer answer) {
        return endpoint.pattern().startsWith("/ops") && (answer.status() == 302 || answer.status() == 303)
                && answer.location() != null && answer.location().contains("/ops/login");
    }

    /** Spring's error page (the container forwards errors there); called directly it answers only an error. */
    static boolean errorPage(Endpoint endpoint, Http.Answer answer) {
        return endpoint.pattern().equals("/error") && answer.status() >= 400;
    }
}
