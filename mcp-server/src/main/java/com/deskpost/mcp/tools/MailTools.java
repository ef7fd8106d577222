package com.deskpost.mcp.tools;


import com.deskpost.mcp.clients.AuditClient;
import com.deskpost.mcp.clients.DeliveryClient;
import com.deskpost.mcp.clients.OversightClient;
import com.deskpost.mcp.clients.Reply;
import com.deskpost.mcp.inbound.InboundMail;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.List;
import java.util.regex.Pattern;

/**
 * check_inbox, read_email, get_thread and get_sent_mail: what Deskpost sent (delivery's ledger and sent-mail
 * archive, audit-service's trail) and what it received (mail.inbound). Received mail's content is always handed over wrapped as
 * untrusted: an agent reads it as data, never as instructions.
 */
public final class MailTools {

    static final Pattern DRAFT_ID = Pattern.compile("[A-Za-z0-9:._-]{1,80}");
    static final McpSchema.ToolAnnotations READ_ONLY = new McpSchema.ToolAnnotations(null, true, false, true, false,
            null);

    private MailTools() {
    }

    public static List<DeskpostTool> all(DeliveryClient delivery, AuditClient audit, OversightClient oversight,
            InboundMail inbound) {
        return List.of(new CheckInbox(delivery, inbound), new ReadEmail(audit, oversight, inbound),
                new GetThread(audit, inbound), new GetSentMail(delivery));
    }

    /** A delivery, audit or oversight error as a tool error the agent can act on. */
    static ToolError failed(Reply reply, String hint) {
        return ToolError.refused(reply.errorCode(), reply.message(), hint, null);
    }
}
