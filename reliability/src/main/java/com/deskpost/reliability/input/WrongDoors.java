package com.deskpost.reliability.input;

import com.deskpost.reliability.input.EndpointSweep.Endpoint;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Issue 17: a credential that is valid at one door opens no other. Every endpoint of every service
 * is called with each development credential that belongs to another service (the delivery API
 * key at oversight, the ops login at delivery, an agent key at ingest, ...); each must be refused
 * like no credential at all. The actuator key is not tried: the actuator guard strips it before
 * the service's own security sees the request, which {@code ActuatorGuardTest} proves.
 */
final class WrongDoors {

    /** The development credentials of each service's own door (README, each service's settings file). */
    static final Map<String, Map<String, String>> VALID = Map.of(
            "oversight-service", Map.of(
                    "ops login", Http.basic("ops", "ops"),
                    "MCP gateway login", Http.basic("mcp-server", "dev-only-mcp-gateway")),
            "delivery-service", Map.of(
                    "ops API key", Http.bearer(Http.DELIVERY_KEY),
                    "MCP server's API key", Http.bearer("dev-only-mcp-api-key")),
            "audit-service", Map.of(
                    "ops API key", Http.bearer(Http.DELIVERY_KEY),
                    "MCP server's API key", Http.bearer("dev-only-mcp-api-key")),
            "community-events", Map.of("inbound webhook key", Http.bearer(Http.WEBHOOK_KEY)),
            "mcp-server", Map.of(
                    "front-desk agent key", Http.bearer("dev-only-front-desk-agent-key"),
                    "reviewer agent key", Http.bearer("dev-only-reviewer-agent-key")),
            "ingest-service", Map.of("ingest key", Http.bearer("dev-only-ingest-key")));

    /** What the sweep found: calls made, refused, and each call that was let through. */
    record Result(int calls, int refused, List<String> letThrough) {
    }

    private final EndpointSweep sweep;

    WrongDoors(EndpointSweep sweep) {
        this.sweep = sweep;
    }

    Result run(InputStack input, List<Endpoint> endpoints) {
        int calls = 0;
        int refused = 0;
        List<String> letThrough = new ArrayList<>();
        for (Endpoint endpoint : endpoints) {
            if (endpoint.documentedOpen()) {
                continue;
            }
            Map<String, String> foreign = new LinkedHashMap<>();
            VALID.forEach((service, credentials) -> {
                if (!service.equals(endpoint.service())) {
                    credentials.forEach((name, authorization) -> foreign.put(name + " of " + service, authorization));
                }
            });
            for (Map.Entry<String, Http.Answer> answer : sweep.call(input, endpoint, foreign).entrySet()) {
                calls++;
                Http.Answer reply = answer.getValue();
                if (EndpointSweep.refused(reply) || EndpointSweep.sentToLogin(endpoint, reply)
                        || EndpointSweep.errorPage(endpoint, reply)) {
                    refused++;
                } else {
                    letThrough.add(endpoint + " with the " + answer.getKey() + " -> " + reply.status() + " "
                            + ApproverChecks.abbreviate(reply.body()));
                }
            }
        }
        return new Result(calls, refused, letThrough);
    }
}
