package com.deskpost.mcp.tools;

import static com.deskpost.mcp.tools.Schemas.choice;
import static com.deskpost.mcp.tools.Schemas.properties;
import static com.deskpost.mcp.tools.Schemas.string;
import static com.deskpost.mcp.tools.Schemas.strings;

import com.deskpost.events.AuditEvent;
import com.deskpost.events.EmailCategory;
import com.deskpost.events.EmailDraft;
import com.deskpost.events.OversightMode;
import com.deskpost.events.RecipientRole;
import com.deskpost.mcp.agent.Scope;
import com.deskpost.mcp.audit.CallAudit;
import com.deskpost.mcp.audit.CallAudit.Result;
import com.deskpost.mcp.clients.OversightClient;
import com.deskpost.mcp.clients.Reply;
import com.deskpost.mcp.clients.ServiceUnavailable;
import com.deskpost.mcp.draft.AgentDrafts;
import com.deskpost.mcp.draft.AgentMail;
import com.deskpost.mcp.draft.DraftPublisher;
import com.deskpost.mcp.draft.EventTypes;
import com.deskpost.platform.directory.Directory;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * send_email: one mail to one recipient, as a draft under the oversight policy. The agent never
 * sends directly: oversight gives the draft the strictest of the location's default, the event
 * type's floor and what the agent asked for (at least the configured minimum), so it goes out at
 * once with staff watching (monitored) or waits for an approver (gated), and delivery applies
 * consent and suppression as to any mail.
 */
public class SendEmail implements DeskpostTool {

    static final Pattern KEY = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    static final Pattern THREAD = Pattern.compile("[A-Za-z0-9._:@-]{1,160}");
    static final Pattern MEMBER_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    static final Pattern MESSAGE_ID = Pattern.compile("<[^<>\\s]{1,250}@[^<>\\s]{1,250}>");
    static final List<String> CATEGORIES = List.of("transactional", "security", "commercial");
    static final List<String> MODES = List.of("autonomous", "monitored", "gated_send", "gated_all");
    static final List<String> ROLES = List.of("member", "sponsor", "staff", "guest", "prospect");

    private final AgentDrafts drafts;
    private final Directory directory;
    private final DraftPublisher publisher;
    private final OversightClient oversight;

    public SendEmail(AgentDrafts drafts, Directory directory, DraftPublisher publisher, OversightClient oversight) {
        this.drafts = drafts;
        this.directory = directory;
        this.publisher = publisher;
        this.oversight = oversight;
    }

    @Override
    public Scope scope() {
        return Scope.SEND;
    }

    @Override
    public McpSchema.Tool definition() {
        return McpSchema.Tool.builder().name("send_email").title("Send an email (under oversight)")
                .description("""
                        Drafts one email to one recipient and hands it to Deskpost's oversight: depending on the \
                        location's policy and the event type it goes out at once with staff watching (monitored) or \
                        waits for an approver (gated_send, gated_all). You can ask for a stricter mode, never a \
                        looser one. Consent and unsubscribes are checked at sending: a commercial mail to someone who \
                        unsubscribed is suppressed. Returns the draft id and the mode to expect; follow it with \
                        read_email(draft_id). Repeating a call with the same idempotency_key and recipient sends \
                        nothing twice. Security (access) mail must name about_member_id and go only to that member, \
                        the sponsor of a visitor or contractor, or the location's staff.""")
                .inputSchema(Schemas.object(List.of("idempotency_key", "location_id", "to", "category", "event_type",
                        "subject", "body_text"), properties(
                        "idempotency_key", string("Your unique key for this send (letters, digits, . _ : -), e.g. "
                                + "reply-2025-03-03-ada. Reuse it only to retry the same send.", 128),
                        "location_id", string("The location the mail is about, e.g. LDN-1: its sender, staff, "
                                + "time zone and consent rules apply."),
                        "to", string("One recipient address, e.g. ada@example.com. No lists, no display names."),
                        "recipient_name", string("The recipient's name, e.g. Ada Lovelace.", 200),
                        "recipient_member_id", string("The recipient's member id when they are a member, e.g. M-1001;"
                                + " required for access mail to a member."),
                        "recipient_role", choice("Why the recipient gets the mail; default member with "
                                + "recipient_member_id, else guest.", ROLES),
                        "category", choice("transactional (bookings, billing, replies), security (access: keycards,"
                                + " door codes, visitors, incidents) or commercial (announcements, promotions; needs "
                                + "consent).", CATEGORIES),
                        "event_type", string("What the mail is about; it picks the oversight floor. transactional: "
                                + EventTypes.of(EmailCategory.TRANSACTIONAL) + "; security: "
                                + EventTypes.of(EmailCategory.SECURITY) + "; commercial: "
                                + EventTypes.of(EmailCategory.COMMERCIAL) + "."),
                        "subject", string("Subject line, one line.", 200),
                        "body_text", string("Plain-text body. Deskpost builds the HTML part from it.", 20000),
                        "thread_key", string("Conversation to file the mail under, e.g. booking:B-1042 (see "
                                + "get_thread); default a new one."),
                        "in_reply_to", string("Message-ID the mail answers, e.g. <abc@mail.example>, from "
                                + "read_email; keeps it in the recipient's thread."),
                        "requested_mode", choice("Ask for stricter oversight than the policy gives, e.g. gated_send"
                                + " to have a person approve it first. Looser requests are raised.", MODES),
                        "about_member_id", string("Security mail only: the member it concerns (the credential's "
                                + "holder, or the sponsor of a visitor or contractor), e.g. M-1001."),
                        "credentials", strings("Security mail only: credential values written in the subject or"
                                + " body (door codes, keycodes). Deskpost seals them at once: staff copies, previews"
                                + " and the audit trail show ⟦credential 1⟧, ⟦credential 2⟧, ... in their place, and"
                                + " only the holder's own mail shows them; such a mail may go to their holder alone."))))
                .annotations(new McpSchema.ToolAnnotations("Send an email (under oversight)", false, false, true, true,
                        null))
                .build();
    }

    @Override
    public Outcome call(Call call, Arguments args) {
        AgentMail mail = mail(args);
        EmailDraft draft = drafts.compose(call.agent(), mail, directory, call.at());
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("draft_id", draft.getDraftId());
        result.put("requested_by", draft.getRequestedBy());
        result.put("requested_mode", mode(draft.getRequestedMode()));
        if (mail.requestedMode() != null && mail.requestedMode() != draft.getRequestedMode()) {
            result.put("requested_mode_raised", "You asked for " + mode(mail.requestedMode()) + "; agent mail is never"
                    + " less strict than " + mode(draft.getRequestedMode()) + ".");
        }
        expectation(call, draft, result);
        String summary = "send_email " + mail.eventType() + " to " + mail.to() + " at " + mail.locationId() + ": draft "
                + draft.getDraftId() + ", expected " + result.get("expected_mode");
        AuditEvent audit = CallAudit.event(call, Result.ACCEPTED, summary, draft.getDraftId(), mail.to(),
                mail.locationId(), Map.of("arguments", String.join(",", args.names()), "event_type",
                        mail.eventType(), "category", mode(draft.getCategory())), mail.credentials());
        result.put("topic", publisher.publish(draft, audit));
        result.put("thread_key", draft.getThread().getThreadKey());
        return new Outcome(result, draft.getDraftId(), mail.to(), mail.locationId(), summary, true);
    }

    /** What oversight will make of the draft, asked before it is sent; the draft goes either way. */
    private void expectation(Call call, EmailDraft draft, Map<String, Object> result) {
        try {
            Reply verdict = oversight.policy(call.agent(), draft.getLocationId(), draft.getEventType(),
                    mode(draft.getRequestedMode()));
            if (verdict.ok()) {
                String expected = String.valueOf(verdict.map().get("mode"));
                result.put("expected_mode", expected);
                result.put("rule", verdict.map().get("rule"));
                result.put("what_happens_next", switch (expected) {
                    case "autonomous" -> "It is released for delivery at once.";
                    case "monitored" -> "It is released for delivery at once; the location's staff get a copy.";
                    case "gated_send" -> "It waits until an approver of the location approves or rejects it; "
                            + "cancel_message withdraws it while it waits.";
                    default -> "It waits until an approver approves (and may edit) or rejects it; cancel_message "
                            + "withdraws it while it waits.";
                });
                return;
            }
            result.put("expected_mode", "unknown: oversight answered " + verdict.errorCode());
        } catch (ServiceUnavailable e) {
            result.put("expected_mode", "unknown: oversight did not answer");
        }
        result.put("what_happens_next", "Oversight decides when it reads the draft; follow it with read_email.");
    }

    static AgentMail mail(Arguments args) {
        String category = args.choice("category", CATEGORIES);
        String mode = args.optionalChoice("requested_mode", MODES);
        String role = args.optionalChoice("recipient_role", ROLES);
        return new AgentMail(
                args.matching("idempotency_key", KEY, "1 to 128 letters, digits, '.', '_', ':' or '-'",
                        "reply-2025-03-03-ada"),
                args.line("location_id", 64, "LDN-1"),
                args.email("to"),
                args.optionalLine("recipient_name", 200, "Ada Lovelace"),
                args.optionalMatching("recipient_member_id", MEMBER_ID, "a member id", "M-1001"),
                role == null ? null : RecipientRole.valueOf(role.toUpperCase(Locale.ROOT)),
                EmailCategory.valueOf(category.toUpperCase(Locale.ROOT)),
                args.line("event_type", 64, "agent_message").toLowerCase(Locale.ROOT),
                args.line("subject", 200, "Your desk booking tomorrow"),
                args.text("body_text", 20000, "Hello Ada, ..."),
                args.optionalMatching("thread_key", THREAD, "a thread key (letters, digits, . _ : @ -)",
                        "booking:B-1042"),
                args.optionalMatching("in_reply_to", MESSAGE_ID, "a Message-ID in angle brackets",
                        "<abc123@mail.example>"),
                mode == null ? null : OversightMode.valueOf(mode.toUpperCase(Locale.ROOT)),
                args.optionalMatching("about_member_id", MEMBER_ID, "a member id", "M-1001"),
                args.optionalStrings("credentials", 5, 200));
    }

    private static String mode(Enum<?> value) {
        return value == null ? null : value.name().toLowerCase(Locale.ROOT);
    }
}
