package com.deskpost.mcp.tools;

import static org.assertj.core.api.Assertions.assertThat;

import com.deskpost.events.AuditEvent;
import com.deskpost.events.AuditType;
import com.deskpost.mcp.agent.Agent;
import com.deskpost.mcp.agent.Scope;
import com.deskpost.mcp.audit.CallAudit;
import com.deskpost.schemas.ContractClasses;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every call is checked against the credential's scopes and audited, whatever becomes of it. */
class ToolDispatcherTest {

    static {
        ContractClasses.trust();
    }

    private final List<AuditEvent> audited = new ArrayList<>();
    private final ToolDispatcher dispatcher = new ToolDispatcher(new CallAudit(null) {
        @Override
        public void publish(AuditEvent event) {
            audited.add(event);
        }
    }, Clock.fixed(Instant.parse("2026-11-24T09:00:00Z"), ZoneOffset.UTC));

    /** A decide-like tool that needs the oversight scope. */
    private final DeskpostTool decide = new DeskpostTool() {
        @Override
        public McpSchema.Tool definition() {
            return McpSchema.Tool.builder().name("decide_email").inputSchema(Map.of("type", "object")).build();
        }

        @Override
        public Scope scope() {
            return Scope.OVERSIGHT;
        }

        @Override
        public Outcome call(Call call, Arguments arguments) {
            arguments.text("draft_id", 80, "d-1");
            return Outcome.of(Map.of("outcome", "approved"), "approved").about("d-1", null, null);
        }
    };

    @Test
    void aCredentialWithoutTheToolsScopeIsRefusedAndTheRefusalAudited() {
        // Given a sending agent
        Agent writer = new Agent("writer", Set.of(Scope.SEND, Scope.READ));

        // When it tries to decide
        CallToolResult result = dispatcher.call(decide, writer, "http", new CallToolRequest("decide_email",
                Map.of("draft_id", "d-1")));

        // Then
        assertThat(result.isError()).isTrue();
        assertThat(text(result)).contains("missing_scope", "lacks the 'oversight' scope", "never allowed to the same");
        assertThat(audited).singleElement().satisfies(event -> {
            assertThat(event.getType()).isEqualTo(AuditType.AGENT_CALL);
            assertThat(event.getActor()).isEqualTo("agent:writer");
            assertThat(event.getDraftId()).isEqualTo("agent:writer");
            assertThat(event.getAttributes()).containsEntry("tool", "decide_email").containsEntry("result", "refused")
                    .containsEntry("transport", "http");
        });
    }

    @Test
    void anAcceptedCallIsAuditedAgainstItsDraftAndAnInvalidOneAsRefused() {
        Agent reviewer = new Agent("reviewer", Set.of(Scope.OVERSIGHT));

        CallToolResult accepted = dispatcher.call(decide, reviewer, "stdio", new CallToolRequest("decide_email",
                Map.of("draft_id", "d-1")));
        CallToolResult invalid = dispatcher.call(decide, reviewer, "stdio", new CallToolRequest("decide_email",
                Map.of()));

        assertThat(accepted.isError()).isFalse();
        assertThat(text(accepted)).contains("approved");
        assertThat(invalid.isError()).isTrue();
        assertThat(text(invalid)).contains("invalid_argument", "draft_id is required", "what_to_do");
        assertThat(audited).extracting(AuditEvent::getDraftId).containsExactly("d-1", "agent:reviewer");
        assertThat(audited).extracting(event -> event.getAttributes().get("result"))
                .containsExactly("accepted", "refused");
        assertThat(audited).extracting(AuditEvent::getAuditId).doesNotHaveDuplicates();
    }

    @Test
    void aCallWithoutAnAgentIsRefusedBeforeAnything() {
        CallToolResult result = dispatcher.call(decide, null, "http", new CallToolRequest("decide_email", Map.of()));

        assertThat(result.isError()).isTrue();
        assertThat(text(result)).contains("unauthenticated");
        assertThat(audited).isEmpty();
    }

    private static String text(CallToolResult result) {
        return ((McpSchema.TextContent) result.content().get(0)).text();
    }
}
