package com.deskpost.mcp.tools;

import static com.deskpost.mcp.tools.Schemas.integer;
import static com.deskpost.mcp.tools.Schemas.properties;
import static com.deskpost.mcp.tools.Schemas.string;

import com.deskpost.mcp.agent.Scope;
import com.deskpost.mcp.clients.AuditClient;
import com.deskpost.mcp.clients.Reply;
import com.deskpost.mcp.inbound.InboundMail;
import com.deskpost.mcp.inbound.UntrustedContent;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** get_thread: a conversation's audit history and the replies received to its mails. */
final class GetThread implements DeskpostTool {

    private final AuditClient audit;
    private final InboundMail inbound;

    GetThread(AuditClient audit, InboundMail inbound) {
        this.audit = audit;
        this.inbound = inbound;
    }

    @Override
    public Scope scope() {
        return Scope.READ;
    }

    @Override
    public McpSchema.Tool definition() {
        return McpSchema.Tool.builder().name("get_thread").title("Read a conversation")
                .description("""
                        Everything that happened in one conversation, oldest first: each draft's audit rows \
                        (drafted, held, approved, sent, copies...) and the received replies to its mails (sender \
                        and subject, marked untrusted; read_email(message_id) opens one). Thread keys name the \
                        entity, e.g. booking:B-1042; check_inbox shows them.""")
                .inputSchema(Schemas.object(List.of("thread_key"), properties(
                        "thread_key", string("The conversation, e.g. booking:B-1042."),
                        "limit", integer("Audit rows per page, 1 to 200; default 100.", 1, 200),
                        "cursor", string("next_cursor of the previous page."))))
                .annotations(MailTools.READ_ONLY).build();
    }

    @Override
    @SuppressWarnings("unchecked")
    public Outcome call(Call call, Arguments args) {
        String threadKey = args.matching("thread_key", SendEmail.THREAD,
                "a thread key (letters, digits, . _ : @ -)", "booking:B-1042");
        Reply reply = audit.thread(threadKey, args.optionalLine("cursor", 500, "..."),
                Objects.requireNonNullElse(args.optionalInt("limit", 1, 200), 100));
        if (!reply.ok()) {
            throw MailTools.failed(reply, "Check the thread key: check_inbox lists the thread_key of each sent mail.");
        }
        List<Object> items = (List<Object>) reply.map().getOrDefault("items", List.of());
        List<String> messageIds = items.stream().filter(Map.class::isInstance)
                .map(row -> ((Map<String, Object>) row).get("messageId")).filter(Objects::nonNull)
                .map(Object::toString).distinct().toList();
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("thread_key", threadKey);
        result.put("events", items);
        result.put("next_cursor", reply.map().get("nextCursor"));
        result.put("replies", inbound.repliesTo(messageIds).stream().map(UntrustedContent::subjectOnly).toList());
        return Outcome.of(result, "get_thread " + threadKey);
    }
}
