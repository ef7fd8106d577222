package com.deskpost.reliability.input;

import java.util.ArrayList;
import java.util.List;

/**
 * Issue 17: the actuator guard judges the path the server routes, not the one the client spelled.
 * Each service is asked for its metrics through spellings that a naive prefix check lets pass
 * (path parameters, dot segments, percent-encoding, doubled slashes); without the actuator key,
 * none may return the metrics.
 */
final class ActuatorPathVariants {

    static final List<String> VARIANTS = List.of(
            "/actuator/prometheus",
            "/actuator;x/prometheus",
            "/actuator/prometheus;x",
            "/actuator/health/../prometheus",
            "/actuator/health/..;/prometheus",
            "/actuator/health;x/../prometheus",
            "/actuator/./prometheus",
            "/actuator/%70rometheus",
            "/%61ctuator/prometheus",
            "/actuator/health/%2e%2e/prometheus",
            "//actuator/prometheus",
            "/actuator//prometheus",
            "/actuator",
            "/actuator;x");

    /** What the probes found: calls made, and each one that returned metrics or the endpoint index. */
    record Result(int calls, List<String> leaked) {
    }

    private final Http http;

    ActuatorPathVariants(Http http) {
        this.http = http;
    }

    Result run(InputStack input) {
        int calls = 0;
        List<String> leaked = new ArrayList<>();
        for (String service : EndpointSweep.SERVICES) {
            for (String variant : VARIANTS) {
                calls++;
                Http.Answer answer = http.send("GET", input.url(service, variant), null, null, null, "*/*");
                // Metrics in Prometheus' text format, or the actuator's index of its endpoints
                boolean metrics = answer.body().contains("# TYPE ") || answer.body().contains("\"_links\"");
                if (answer.status() == 200 || metrics) {
                    leaked.add(service + " GET " + variant + " -> " + answer.status() + " "
                            + ApproverChecks.abbreviate(answer.body()));
                }
            }
        }
        return new Result(calls, leaked);
    }
}
