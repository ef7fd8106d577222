package com.deskpost.mcp.draft;

import com.deskpost.events.EmailCategory;
import com.deskpost.events.OversightMode;
import com.deskpost.events.RecipientRole;
import java.util.List;

/**
 * A mail an agent asks to send, as its send_email arguments said it (each already checked for form).
 *
 * @param idempotencyKey the agent's key for this send: the same key to the same recipient is the same draft
 * @param recipientMemberId the directory member the address belongs to, if it does
 * @param role why the recipient gets the mail; null to derive it (MEMBER with a member id, else GUEST)
 * @param threadKey conversation to file it under; null for a new one
 * @param inReplyTo Message-ID the mail answers, if any
 * @param requestedMode the mode the agent asks for; null for none
 * @param aboutMemberId for access (security) mail, the member it concerns
 * @param credentials credential values in the body (door codes, keycodes): masked everywhere but the mail itself
 */
public record AgentMail(String idempotencyKey, String locationId, String to, String recipientName,
        String recipientMemberId, RecipientRole role, EmailCategory category, String eventType, String subject,
        String bodyText, String threadKey, String inReplyTo, OversightMode requestedMode, String aboutMemberId,
        List<String> credentials) {

    public AgentMail {
        credentials = credentials == null ? List.of() : List.copyOf(credentials);
    }
}
