package com.deskpost.mcp.draft;

import com.deskpost.events.EmailCategory;
import com.deskpost.events.EmailDraft;
import com.deskpost.events.EventHeader;
import com.deskpost.events.Location;
import com.deskpost.events.MailThread;
import com.deskpost.events.Member;
import com.deskpost.events.OversightMode;
import com.deskpost.events.Recipient;
import com.deskpost.events.RecipientRole;
import com.deskpost.mcp.agent.Agent;
import com.deskpost.mcp.tools.ToolError;
import com.deskpost.platform.access.AccessScope;
import com.deskpost.platform.credential.CredentialSealer;
import com.deskpost.platform.directory.Directory;
import com.deskpost.platform.id.DraftIds;
import com.samskivert.mustache.Escapers;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Turns what an agent asks to send into a draft, or refuses it with what to change. The draft is
 * requested by the agent's identity, so oversight never lets that identity approve it; its id is
 * the contract's name-based id of (the agent's request, template, recipient), so repeating a send
 * with the same idempotency key to the same recipient yields the same draft, which oversight holds
 * once and delivery sends once. The requested mode is never looser than the configured minimum;
 * oversight then applies the mailbox default and the event type's floor on top. Access mail is
 * judged by the same {@link AccessScope} policy the composers and delivery apply. Credentials the
 * agent lists are sealed here, where Deskpost first sees them ({@link WrittenCredentials}): the draft
 * shows {@code ⟦credential n⟧} in their place and carries them only sealed.
 */
public final class AgentDrafts {

    public static final String TEMPLATE = "agent-message";
    public static final String SOURCE = "deskpost-mcp-server";

    private final OversightMode minimumMode;
    private final CredentialSealer sealer;

    public AgentDrafts(OversightMode minimumMode, CredentialSealer sealer) {
        this.minimumMode = minimumMode;
        this.sealer = sealer;
    }

    /** The mode the draft asks for: the agent's request, raised to the minimum. */
    public OversightMode requestedMode(AgentMail mail) {
        OversightMode asked = mail.requestedMode() == null ? minimumMode : mail.requestedMode();
        return asked.compareTo(minimumMode) >= 0 ? asked : minimumMode;
    }

    public EmailDraft compose(Agent agent, AgentMail mail, Directory directory, Instant now) {
        Location location = directory.location(mail.locationId()).orElseThrow(() -> ToolError.invalid("location_id",
                "No location " + mail.locationId() + " in the directory",
                "Use a location id the directory holds, e.g. the locationId of a mail check_inbox lists."));
        if (!EventTypes.of(mail.category()).contains(mail.eventType())) {
            throw ToolError.invalid("event_type", mail.eventType() + " is not a " + label(mail.category())
                    + " event type", label(mail.category()) + " mail uses one of " + EventTypes.of(mail.category())
                    + "; or pick the category that fits the mail.");
        }
        Optional<Member> member = Optional.ofNullable(mail.recipientMemberId()).map(id -> directory.member(id)
                .orElseThrow(() -> ToolError.invalid("recipient_member_id", "No member " + id + " in the directory",
                        "Leave recipient_member_id out for someone who is not a member, or use their member id.")));
        if (member.isPresent() && !DraftIds.normaliseEmail(member.get().getEmail()).equals(mail.to())) {
            throw ToolError.invalid("to", "Member " + mail.recipientMemberId() + " has a different address than "
                    + mail.to(), "Send to the member's own address, or leave recipient_member_id out.");
        }
        boolean security = mail.category() == EmailCategory.SECURITY;
        if (security && mail.aboutMemberId() == null) {
            throw ToolError.invalid("about_member_id", "Access mail (" + mail.eventType() + ") must name the member"
                    + " it concerns", "Give about_member_id: the credential's holder, or the sponsoring member of a"
                    + " visitor or contractor.");
        }
        if (!mail.credentials().isEmpty() && !security) {
            throw ToolError.invalid("credentials", "Only security mail may carry credential values",
                    "Send door codes and keycodes as security mail, to their holder alone.");
        }
        for (String credential : mail.credentials()) {
            if (!mail.bodyText().contains(credential) && !mail.subject().contains(credential)) {
                throw ToolError.invalid("credentials", "A listed credential does not appear in the mail",
                        "List in credentials exactly the values written in subject or body_text, so they can be"
                                + " sealed.");
            }
        }
        WrittenCredentials credentials = new WrittenCredentials(mail.credentials());
        String bodyText = credentials.withPlaceholders(mail.bodyText());
        String requestId = "agent:" + agent.id() + ":" + mail.idempotencyKey();
        String draftId = DraftIds.draftId(requestId, TEMPLATE, mail.to());
        String eventId = DraftIds.nameBased("agent-request", agent.id(), mail.idempotencyKey());
        String threadKey = mail.threadKey() == null ? requestId : mail.threadKey();
        EmailDraft draft = EmailDraft.newBuilder()
                .setDraftId(draftId)
                .setHeader(EventHeader.newBuilder().setEventId(eventId).setOccurredAt(now).setSource(SOURCE)
                        .setEntityVersion(1).setLocationId(location.getLocationId()).setCorrelationId(eventId).build())
                .setEventType(mail.eventType())
                .setTemplate(TEMPLATE)
                .setCategory(mail.category())
                .setRecipient(Recipient.newBuilder().setEmail(mail.to()).setName(mail.recipientName())
                        .setMemberId(mail.recipientMemberId()).setRole(role(mail)).build())
                .setLocationId(location.getLocationId())
                .setSubject(credentials.withPlaceholders(mail.subject()))
                .setBodyText(bodyText)
                // Delivery fills the placeholders in, HTML-escaped, at send time.
                .setBodyHtml("<!DOCTYPE html><html><body><div style=\"white-space: pre-wrap; font-family: sans-serif\">"
                        + Escapers.HTML.escape(bodyText) + "</div></body></html>")
                .setAttachments(List.of())
                // A mail of its own: no entity version on mail.entity-versions supersedes it.
                .setSupersedeKey(requestId)
                .setEntityVersion(1)
                .setRequestedMode(requestedMode(mail))
                .setRequestedBy(agent.identity())
                .setThread(MailThread.newBuilder().setThreadKey(threadKey).setInReplyTo(mail.inReplyTo())
                        .setReferences(mail.inReplyTo() == null ? List.of() : List.of(mail.inReplyTo())).build())
                .setSecrets(credentials.sealed(sealer, location.getLocationId(), mail.aboutMemberId()))
                .setCreatedAt(now)
                .setAboutMemberId(mail.aboutMemberId())
                .build();
        Optional<String> violation = AccessScope.violation(draft, directory);
        if (violation.isPresent()) {
            throw ToolError.refused("outside_access_scope", violation.get(), "Access mail goes only to the member it"
                    + " concerns (named in about_member_id, with recipient_member_id and their own address), the"
                    + " sponsor of a visitor or contractor (recipient_role sponsor), or the location's staff. A"
                    + " credential value goes to its holder alone.", null);
        }
        return draft;
    }

    private static RecipientRole role(AgentMail mail) {
        if (mail.role() != null) {
            return mail.role();
        }
        return mail.recipientMemberId() == null ? RecipientRole.GUEST : RecipientRole.MEMBER;
    }

    private static String label(EmailCategory category) {
        return category.name().toLowerCase();
    }
}
