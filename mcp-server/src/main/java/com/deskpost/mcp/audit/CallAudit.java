package com.deskpost.mcp.audit;

import com.deskpost.events.AuditEvent;
import com.deskpost.events.AuditType;
import com.deskpost.mcp.tools.Call;
import com.deskpost.platform.audit.Secrets;
import com.deskpost.platform.id.DraftIds;
import com.deskpost.platform.publish.TopicPublisher;
import com.deskpost.platform.topic.Topics;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Every tool call of every agent, accepted, refused or failed, as an {@code AGENT_CALL} audit
 * event on mail.audit, so it lands in the hash-chained audit store with everything else. Its actor
 * is the agent ({@code agent:<id>}). Its draft id is the draft the call concerns; a call about no
 * draft (reading the inbox, tagging a contact) is filed under the agent's identity instead, so
 * {@code GET /api/v1/drafts/agent:<id>/history} lists those calls, and {@code GET
 * /api/v1/threads/agent:<id>} every call of the agent. The audit id derives from the call's id,
 * unique per call; message bodies never go into the record. The agent's arguments held credentials in
 * clear (the draft carries them sealed), so the detail is still masked against those clear values.
 */
public class CallAudit {

    /** Accepted, refused by a rule or a check, or failed because a service did not answer. */
    public enum Result { ACCEPTED, REFUSED, FAILED }

    private final TopicPublisher publisher;

    public CallAudit(TopicPublisher publisher) {
        this.publisher = publisher;
    }

    public void publish(AuditEvent event) {
        publisher.publish(Topics.MAIL_AUDIT, event.getDraftId(), event);
    }

    public static AuditEvent event(Call call, Result result, String detail, String draftId, String recipient,
            String locationId, Map<String, String> facts, List<String> secrets) {
        String identity = call.agent().identity();
        Map<String, String> attributes = new HashMap<>(facts);
        attributes.put("tool", call.tool());
        attributes.put("result", result.name().toLowerCase());
        attributes.put("transport", call.transport());
        return AuditEvent.newBuilder()
                .setAuditId(DraftIds.nameBased("agent-call", call.id()))
                .setDraftId(draftId == null ? identity : draftId)
                .setType(AuditType.AGENT_CALL)
                .setOccurredAt(call.at())
                .setActor(identity)
                .setRecipient(recipient)
                .setLocationId(locationId)
                .setThreadKey(identity)
                .setCorrelationId(call.id())
                .setDetail(Secrets.mask(detail, secrets))
                .setAttributes(Map.copyOf(attributes))
                .build();
    }
}
