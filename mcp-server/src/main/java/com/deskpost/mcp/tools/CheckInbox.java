package com.deskpost.mcp.tools;

import static com.deskpost.mcp.tools.Schemas.choice;
import static com.deskpost.mcp.tools.Schemas.integer;
import static com.deskpost.mcp.tools.Schemas.properties;
import static com.deskpost.mcp.tools.Schemas.string;

import com.deskpost.mcp.agent.Scope;
import com.deskpost.mcp.clients.DeliveryClient;
import com.deskpost.mcp.clients.Reply;
import com.deskpost.mcp.inbound.InboundMail;
import com.deskpost.mcp.inbound.UntrustedContent;
import io.modelcontextprotocol.spec.McpSchema;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** check_inbox: sent mail from delivery's ledger, or received mail with the sender's subject marked untrusted. */
final class CheckInbox implements DeskpostTool {

    private final DeliveryClient delivery;
    private final InboundMail inbound;

    CheckInbox(DeliveryClient delivery, InboundMail inbound) {
        this.delivery = delivery;
        this.inbound = inbound;
    }

    @Override
    public Scope scope() {
        return Scope.READ;
    }

    @Override
    public McpSchema.Tool definition() {
        return McpSchema.Tool.builder().name("check_inbox").title("List sent or received mail")
                .description("""
                        Lists mail newest first. box=sent (default): mail the SMTP server accepted from Deskpost, \
                        with draft_id, recipient, subject, thread_key. box=received: mail that came in (replies, \
                        inquiries), with message_id and sender; the sender's subject is marked untrusted. Open one \
                        with read_email. Mail that was held, suppressed or failed is not 'sent': read_email(draft_id) \
                        tells what became of a draft.""")
                .inputSchema(Schemas.object(List.of(), properties(
                        "box", choice("sent (default) or received", List.of("sent", "received")),
                        "address", string("Only mail to (sent) or to or from (received) this address."),
                        "since", string("Earliest time, ISO-8601 UTC, e.g. 2025-03-03T00:00:00Z."),
                        "until", string("First time excluded, ISO-8601 UTC."),
                        "subject", string("Case-insensitive part of the subject."),
                        "limit", integer("How many, 1 to 100; default 20.", 1, 100),
                        "cursor", string("box=sent: next_cursor of the previous page."))))
                .annotations(MailTools.READ_ONLY).build();
    }

    @Override
    public Outcome call(Call call, Arguments args) {
        String box = Objects.requireNonNullElse(args.optionalChoice("box", List.of("sent", "received")), "sent");
        String address = args.optionalEmail("address");
        Instant since = args.optionalInstant("since");
        Instant until = args.optionalInstant("until");
        String subject = args.optionalLine("subject", 200, "desk");
        int limit = Objects.requireNonNullElse(args.optionalInt("limit", 1, 100), 20);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("box", box);
        if (box.equals("received")) {
            List<Map<String, Object>> items = inbound.find(address, since, until, subject, limit).stream()
                    .map(UntrustedContent::subjectOnly).toList();
            result.put("items", items);
            return Outcome.of(result, "check_inbox received: " + items.size() + " mails");
        }
        Reply reply = delivery.messages(address, since == null ? null : since.toString(),
                until == null ? null : until.toString(), subject, args.optionalLine("cursor", 500, "..."), limit);
        if (!reply.ok()) {
            throw MailTools.failed(reply, "Check the filters and try again.");
        }
        result.put("items", reply.map().get("items"));
        result.put("next_cursor", reply.map().get("nextCursor"));
        return Outcome.of(result, "check_inbox sent");
    }
}
