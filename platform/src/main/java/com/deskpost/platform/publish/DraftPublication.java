package com.deskpost.platform.publish;

import com.deskpost.events.AuditEvent;
import com.deskpost.events.AuditType;
import com.deskpost.events.EmailDraft;
import com.deskpost.platform.audit.AuditEvents;
import com.deskpost.platform.streams.Emit;
import com.deskpost.platform.topic.DraftKeys;
import com.deskpost.platform.topic.Lane;
import com.deskpost.platform.topic.Topic;
import com.deskpost.platform.topic.Topics;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a composed draft is published, by every composer and the MCP server: the draft on the drafts topic of
 * its category's lane ({@link Lane#of(EmailDraft)}), keyed per recipient within its entity ({@link DraftKeys}) so
 * one recipient's versions of an entity stay in order while a fan-out spreads over the lane's partitions,
 * followed by its {@code DRAFTED} audit event, keyed by draft id, stamped with the draft's
 * creation time and naming the identity that drafted it. Both records come from {@link #emits()}: a Kafka
 * Streams handler returns them, a punctuator forwards them and a producer sends them in its transaction, so
 * the lane and the audit cannot differ between paths (a draft never waits in a lane its category does not
 * name, and never exists without its audit).
 */
public final class DraftPublication {

    private final EmailDraft draft;
    private final String draftedBy;
    private String detail;
    private final Map<String, String> attributes = new LinkedHashMap<>();

    private DraftPublication(EmailDraft draft, String draftedBy) {
        this.draft = draft;
        this.draftedBy = draftedBy;
    }

    /** @param draftedBy the identity that drafted it: a composer's, or the agent's that asked for it */
    public static DraftPublication of(EmailDraft draft, String draftedBy) {
        return new DraftPublication(draft, draftedBy);
    }

    /** Why it was drafted, for the audit trail (masked with the draft's secrets). */
    public DraftPublication detail(String detail) {
        this.detail = detail;
        return this;
    }

    /** An attribute of the audit event beyond those every audit event of a draft carries. */
    public DraftPublication attribute(String name, String value) {
        attributes.put(name, value);
        return this;
    }

    /** The drafts topic of the draft's lane. */
    public Topic<EmailDraft> topic() {
        return Lane.of(draft).drafts();
    }

    /** The draft's record key on its lane ({@link DraftKeys#of(EmailDraft)}). */
    public String key() {
        return DraftKeys.of(draft);
    }

    /** The DRAFTED audit event (deterministic: the same draft always yields the same event). */
    public AuditEvent drafted() {
        AuditEvents audit = AuditEvents.of(draft, AuditType.DRAFTED, draftedBy).at(draft.getCreatedAt());
        if (detail != null) {
            audit.detail(detail);
        }
        attributes.forEach(audit::attribute);
        return audit.build();
    }

    /** The draft on its lane, then its DRAFTED audit event: the records to write together. */
    public List<Emit<?>> emits() {
        return List.of(Emit.to(topic(), key(), draft),
                Emit.to(Topics.MAIL_AUDIT, draft.getDraftId(), drafted()));
    }
}
