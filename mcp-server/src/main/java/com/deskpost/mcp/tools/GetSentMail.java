package com.deskpost.mcp.tools;

import static com.deskpost.mcp.tools.Schemas.integer;
import static com.deskpost.mcp.tools.Schemas.properties;
import static com.deskpost.mcp.tools.Schemas.string;

import com.deskpost.mcp.agent.Scope;
import com.deskpost.mcp.clients.DeliveryClient;
import com.deskpost.mcp.clients.Reply;
import io.modelcontextprotocol.spec.McpSchema;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * get_sent_mail: what exactly Deskpost sent a member, from delivery's sent-mail archive (scope read). Given an
 * address it lists the archived messages; given a sha256 it returns that message's text. A message whose content was
 * erased or withheld (it carried an access credential) answers with delivery's reason, never with content.
 */
final class GetSentMail implements DeskpostTool {

    static final Pattern SHA256 = Pattern.compile("[0-9a-fA-F]{64}");

    private final DeliveryClient delivery;

    GetSentMail(DeliveryClient delivery) {
        this.delivery = delivery;
    }

    @Override
    public Scope scope() {
        return Scope.READ;
    }

    @Override
    public McpSchema.Tool definition() {
        return McpSchema.Tool.builder().name("get_sent_mail").title("What exactly did we send a member")
                .description("""
                        The sent-mail archive: the exact messages the SMTP server accepted, kept for years for \
                        disputes. Give email to list what was sent to that address, when (sha256, draft_id, \
                        message_id, SENT or COPY_SENT, category, subject, sent_at, retained_until, content_held), \
                        newest first. Give sha256 (from that list, or an audit row's archive_sha256) to read that \
                        message's text. Content erased with its recipient, or that carried an access credential, \
                        is not available: the reason says so.""")
                .inputSchema(Schemas.object(List.of(), properties(
                        "email", string("The recipient's address: list their archived mail."),
                        "sha256", string("One archived message's SHA-256 (64 hex digits): its text."),
                        "since", string("Earliest send time, ISO-8601 UTC, e.g. 2025-03-03T00:00:00Z."),
                        "until", string("First send time excluded, ISO-8601 UTC."),
                        "limit", integer("How many, 1 to 100; default 20.", 1, 100),
                        "cursor", string("next_cursor of the previous page."))))
                .annotations(MailTools.READ_ONLY).build();
    }

    @Override
    public Outcome call(Call call, Arguments args) {
        String sha256 = args.optionalMatching("sha256", SHA256, "64 hexadecimal digits", "3f7a…(64 digits)");
        if (sha256 != null) {
            return message(sha256);
        }
        String email = args.optionalEmail("email");
        if (email == null) {
            throw ToolError.invalid("email", "Give email (to list what was sent to it) or sha256 (to read one)",
                    "e.g. email=ada@example.com");
        }
        Instant since = args.optionalInstant("since");
        Instant until = args.optionalInstant("until");
        Reply reply = delivery.archive(email, since == null ? null : since.toString(),
                until == null ? null : until.toString(), args.optionalLine("cursor", 500, "..."),
                Objects.requireNonNullElse(args.optionalInt("limit", 1, 100), 20));
        if (!reply.ok()) {
            throw MailTools.failed(reply, "Check the address and the time range.");
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("email", email);
        result.put("items", reply.map().get("items"));
        result.put("next_cursor", reply.map().get("nextCursor"));
        return Outcome.of(result, "get_sent_mail list").about(null, email, null);
    }

    private Outcome message(String sha256) {
        Reply reply = delivery.archivedText(sha256.toLowerCase(java.util.Locale.ROOT));
        if (!reply.ok()) {
            throw MailTools.failed(reply, reply.status() == 410 ? "Only the hash of this message remains; its entry"
                    + " is still listed by email." : "Take the sha256 from get_sent_mail(email) or an audit row.");
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("entry", reply.map().get("entry"));
        result.put("text", reply.map().get("text"));
        Object entry = reply.map().get("entry");
        String draftId = entry instanceof Map<?, ?> map && map.get("draftId") != null ? map.get("draftId").toString()
                : null;
        return Outcome.of(result, "get_sent_mail " + sha256).about(draftId, null, null);
    }
}
