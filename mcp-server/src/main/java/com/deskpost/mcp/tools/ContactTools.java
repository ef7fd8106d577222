package com.deskpost.mcp.tools;

import static com.deskpost.mcp.tools.Schemas.choice;
import static com.deskpost.mcp.tools.Schemas.integer;
import static com.deskpost.mcp.tools.Schemas.properties;
import static com.deskpost.mcp.tools.Schemas.string;

import com.deskpost.mcp.agent.Scope;
import com.deskpost.mcp.clients.DeliveryClient;
import com.deskpost.mcp.clients.Reply;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * tag_email and manage_contacts, through delivery's contacts API. An agent may only make consent
 * stricter: it can record that someone unsubscribed, opted out under CCPA or bounced, and withdraw
 * an opt-in, but never give consent on someone's behalf (opt_in) nor lift a restriction; only the
 * person themselves or staff do that. Erasure stays with staff.
 */
public final class ContactTools {

    static final List<String> TAGS = List.of("unsubscribed", "opt_in", "ccpa_opt_out", "hard_bounced");

    private ContactTools() {
    }

    public static List<DeskpostTool> all(DeliveryClient delivery) {
        return List.of(new TagEmail(delivery), new ManageContacts(delivery));
    }

    /** Whether an agent may make this change: only ones that send less mail. */
    static boolean restricts(String tag, String action) {
        return action.equals("add") ? !tag.equals("opt_in") : tag.equals("opt_in");
    }

    static final class TagEmail implements DeskpostTool {

        private final DeliveryClient delivery;

        TagEmail(DeliveryClient delivery) {
            this.delivery = delivery;
        }

        @Override
        public Scope scope() {
            return Scope.CONTACTS;
        }

        @Override
        public McpSchema.Tool definition() {
            return McpSchema.Tool.builder().name("tag_email").title("Record a consent change")
                    .description("""
                            Adds or removes a consent tag on an address, effective at once for the next mail: \
                            unsubscribed (no more commercial mail), ccpa_opt_out (none in California), hard_bounced \
                            (no mail at all). You may only make consent stricter: add unsubscribed, ccpa_opt_out or \
                            hard_bounced, or remove opt_in. Giving consent (adding opt_in) or lifting a restriction is \
                            for the person themselves or staff.""")
                    .inputSchema(Schemas.object(List.of("email", "tag", "action"), properties(
                            "email", string("The contact's address, e.g. ada@example.com."),
                            "tag", choice("unsubscribed, ccpa_opt_out, hard_bounced, or opt_in (remove only).", TAGS),
                            "action", choice("add or remove.", List.of("add", "remove")))))
                    .annotations(new McpSchema.ToolAnnotations(null, false, false, true, false, null)).build();
        }

        @Override
        public Outcome call(Call call, Arguments args) {
            String email = args.email("email");
            String tag = args.choice("tag", TAGS);
            String action = args.choice("action", List.of("add", "remove"));
            if (!restricts(tag, action)) {
                throw ToolError.refused("consent_not_loosened", "Agents may not " + action + " " + tag + ": that would"
                        + " allow mail the person has not agreed to", "Only the person (one-click unsubscribe, a "
                        + "reply) or staff can give consent or lift a restriction. Tell staff if they should.", null);
            }
            Reply reply = delivery.tag(email, tag, action.equals("add") ? "ADDED" : "REMOVED",
                    call.agent().identity());
            if (!reply.ok()) {
                throw MailTools.failed(reply, "Check the address and tag.");
            }
            Map<String, Object> result = new LinkedHashMap<>(reply.map());
            return Outcome.of(result, "tag_email " + action + " " + tag).about(null, email, null);
        }
    }

    static final class ManageContacts implements DeskpostTool {

        private final DeliveryClient delivery;

        ManageContacts(DeliveryClient delivery) {
            this.delivery = delivery;
        }

        @Override
        public Scope scope() {
            return Scope.CONTACTS;
        }

        @Override
        public McpSchema.Tool definition() {
            return McpSchema.Tool.builder().name("manage_contacts").title("List contacts by consent and region")
                    .description("""
                            Lists contacts carrying a consent tag, members with a location in a jurisdiction, or \
                            both combined; each with its tags and its locations' jurisdictions. Give tag, \
                            jurisdiction or both. Or give email alone for that contact's bounce and complaint \
                            history (time, kind, status, source, draft id): why it may be suppressed. Change a \
                            contact's consent with tag_email.""")
                    .inputSchema(Schemas.object(List.of(), properties(
                            "tag", choice("unsubscribed, opt_in, ccpa_opt_out, hard_bounced, soft_bounced, "
                                    + "complained or erased.", List.of("unsubscribed", "opt_in", "ccpa_opt_out",
                                    "hard_bounced", "soft_bounced", "complained", "erased")),
                            "jurisdiction", string("EU, UK, US-CA, US, ..."),
                            "email", string("One contact's address: its bounces and complaints instead of a list."),
                            "limit", integer("How many, 1 to 500; default 50.", 1, 500),
                            "cursor", string("next_cursor of the previous page."))))
                    .annotations(MailTools.READ_ONLY).build();
        }

        @Override
        public Outcome call(Call call, Arguments args) {
            String email = args.optionalLine("email", 320, "ada@example.com");
            if (email != null) {
                return history(email);
            }
            String tag = args.optionalChoice("tag", List.of("unsubscribed", "opt_in", "ccpa_opt_out", "hard_bounced",
                    "soft_bounced", "complained", "erased"));
            String jurisdiction = args.optionalLine("jurisdiction", 16, "UK");
            if (tag == null && jurisdiction == null) {
                throw ToolError.invalid("tag", "Give tag, jurisdiction or both", "e.g. tag=unsubscribed, or "
                        + "jurisdiction=UK.");
            }
            Reply reply = delivery.contacts(tag, jurisdiction, args.optionalLine("cursor", 500, "..."),
                    args.optionalInt("limit", 1, 500));
            if (!reply.ok()) {
                throw MailTools.failed(reply, "Check tag and jurisdiction.");
            }
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("contacts", reply.map().get("items"));
            result.put("next_cursor", reply.map().get("nextCursor"));
            return Outcome.of(result, "manage_contacts");
        }

        /** The contact's bounces and complaints, newest first, from delivery's contacts API (scope contacts). */
        private Outcome history(String email) {
            Reply reply = delivery.feedback(email);
            if (!reply.ok()) {
                throw MailTools.failed(reply, "Check the address.");
            }
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("email", reply.map().get("email"));
            result.put("feedback", reply.map().get("entries"));
            return Outcome.of(result, "manage_contacts");
        }
    }
}
