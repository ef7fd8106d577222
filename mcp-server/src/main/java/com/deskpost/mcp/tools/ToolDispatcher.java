package com.deskpost.mcp.tools;

import com.deskpost.mcp.agent.Agent;
import com.deskpost.mcp.audit.CallAudit;
import com.deskpost.mcp.audit.CallAudit.Result;
import com.deskpost.mcp.clients.ServiceUnavailable;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpStatelessServerFeatures;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs every tool call the same way: who is calling (no identity, no call), whether their
 * credential has the tool's scope, the tool itself, and one audit record of the call whatever
 * became of it. Errors come back as tool results an agent can recover from, never as protocol
 * failures; an unexpected one is logged with its stack trace and reported as internal.
 */
public class ToolDispatcher {

    private static final Logger log = LoggerFactory.getLogger(ToolDispatcher.class);

    private final CallAudit audit;
    private final Clock clock;

    public ToolDispatcher(CallAudit audit, Clock clock) {
        this.audit = audit;
        this.clock = clock;
    }

    /** The SDK's tool specifications, with the calling agent taken from each call's exchange (stdio). */
    public List<SyncToolSpecification> specifications(List<DeskpostTool> tools, String transport,
            Function<McpSyncServerExchange, Agent> agentOf) {
        return tools.stream().map(tool -> SyncToolSpecification.builder().tool(tool.definition())
                .callHandler((exchange, request) -> call(tool, agentOf.apply(exchange), transport, request))
                .build()).toList();
    }

    /**
     * The stateless server's tool specifications (HTTP): no session, so the calling agent comes from
     * the call's own HTTP request, as its transport context carries it.
     */
    public List<McpStatelessServerFeatures.SyncToolSpecification> statelessSpecifications(List<DeskpostTool> tools,
            String transport, Function<McpTransportContext, Agent> agentOf) {
        return tools.stream().map(tool -> McpStatelessServerFeatures.SyncToolSpecification.builder()
                .tool(tool.definition())
                .callHandler((context, request) -> call(tool, agentOf.apply(context), transport, request))
                .build()).toList();
    }

    public CallToolResult call(DeskpostTool tool, Agent agent, String transport, CallToolRequest request) {
        if (agent == null) {
            log.warn("Refused {} without an agent credential", tool.name());
            return ToolResults.error("unauthenticated", "No agent credential came with this call",
                    "Connect with Authorization: Bearer <your agent key>.", null);
        }
        Call call = new Call(UUID.randomUUID().toString(), agent, tool.name(), transport, clock.instant());
        try {
            return run(tool, call, new Arguments(request.arguments()));
        } catch (AuditUnavailable e) {
            return ToolResults.error("audit_unavailable", e.getMessage(), "Stop and tell staff: Deskpost cannot"
                    + " record what agents do, so it does not let them go on.", null);
        }
    }

    private CallToolResult run(DeskpostTool tool, Call call, Arguments arguments) {
        Agent agent = call.agent();
        Map<String, String> facts = Map.of("arguments", String.join(",", arguments.names()));
        if (!agent.may(tool.scope())) {
            String message = agent.identity() + " may not call " + tool.name() + ": its credential lacks the '"
                    + tool.scope().label() + "' scope (it has " + agent.scopes().stream().map(s -> s.label()).sorted()
                    .toList() + ")";
            record(CallAudit.event(call, Result.REFUSED, message, null, null, null, facts, List.of()));
            return ToolResults.error("missing_scope", message, "Use a tool your credential allows. Sending and"
                    + " approving are never allowed to the same credential: another agent or a person with the"
                    + " oversight scope decides on mail you send.", null);
        }
        Outcome outcome;
        try {
            outcome = tool.call(call, arguments);
        } catch (ToolError e) {
            record(CallAudit.event(call, Result.REFUSED, e.code() + ": " + e.getMessage(), e.draftId(), null, null,
                    facts, List.of()));
            return ToolResults.error(e.code(), e.getMessage(), e.hint(), e.field());
        } catch (ServiceUnavailable e) {
            log.warn("{} by {} failed: {}", tool.name(), agent.identity(), e.getMessage(), e);
            record(CallAudit.event(call, Result.FAILED, e.getMessage(), null, null, null, facts, List.of()));
            return ToolResults.error("service_unavailable", e.getMessage(),
                    "Nothing was changed; try again in a minute.", null);
        } catch (RuntimeException e) {
            log.error("{} by {} failed unexpectedly", tool.name(), agent.identity(), e);
            record(CallAudit.event(call, Result.FAILED, "internal error: " + e, null, null, null, facts, List.of()));
            return ToolResults.error("internal_error", tool.name() + " failed: " + e.getMessage(),
                    "Check the arguments; if they are right, try again later and tell staff if it persists.", null);
        }
        if (!outcome.audited()) {
            try {
                record(CallAudit.event(call, Result.ACCEPTED, outcome.summary(), outcome.draftId(),
                        outcome.recipient(), outcome.locationId(), facts, List.of()));
            } catch (AuditUnavailable e) {
                throw new AuditUnavailable("Done (" + outcome.summary() + "), but " + e.getMessage(), e);
            }
        }
        return ToolResults.success(outcome.result());
    }

    private void record(com.deskpost.events.AuditEvent event) {
        try {
            audit.publish(event);
        } catch (RuntimeException e) {
            log.error("Could not audit agent call {} ({})", event.getCorrelationId(), event.getDetail(), e);
            throw new AuditUnavailable("The call's audit record could not be written: " + e.getMessage(), e);
        }
    }

    /** The audit record of a call could not be written. */
    static class AuditUnavailable extends RuntimeException {

        AuditUnavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
