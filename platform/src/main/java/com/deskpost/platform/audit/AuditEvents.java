package com.deskpost.platform.audit;

import com.deskpost.events.AuditEvent;
import com.deskpost.events.AuditType;
import com.deskpost.events.EmailDraft;
import com.deskpost.events.RecipientRole;
import com.deskpost.platform.id.DraftIds;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Builds the audit event of one transition of one draft. Ids are deterministic: the same
 * transition of the same draft for the same recipient, caused by the same input ({@code cause}),
 * always has the same id, so the audit store collapses replays; a transition caused by a new
 * input (a redelivery skipped as duplicate) gets a new id. Free text is masked with the draft's
 * secrets, so credential values never reach the audit trail. Every event records why its recipient
 * receives the mail ({@code recipient_role}, a {@link RecipientRole}): the draft's recipient's role, and
 * {@code STAFF} for the staff copy ({@code COPY_SENT}, or any event its sender marks as about the copy).
 */
public final class AuditEvents {

    private final EmailDraft draft;
    private final AuditType type;
    private final String actor;
    private String recipient;
    private String detail;
    private String messageId;
    private String cause = "";
    private Instant at = Instant.now();
    private final Map<String, String> attributes = new HashMap<>();

    private AuditEvents(EmailDraft draft, AuditType type, String actor) {
        this.draft = draft;
        this.type = type;
        this.actor = actor;
        this.recipient = draft.getRecipient().getEmail();
        attributes.put("template", draft.getTemplate());
        attributes.put("category", draft.getCategory().name());
        attributes.put("event_type", draft.getEventType());
        attributes.put("supersede_key", draft.getSupersedeKey());
        attributes.put("entity_version", Long.toString(draft.getEntityVersion()));
        // A staff copy goes to the location's staff whatever the draft's own recipient is.
        attributes.put("recipient_role", (type == AuditType.COPY_SENT ? RecipientRole.STAFF
                : draft.getRecipient().getRole()).name());
    }

    public static AuditEvents of(EmailDraft draft, AuditType type, String actor) {
        return new AuditEvents(draft, type, actor);
    }

    public AuditEvents recipient(String recipient) {
        this.recipient = recipient;
        return this;
    }

    /** Why this event's recipient receives the mail, when not the draft's recipient's role: e.g. the staff copy. */
    public AuditEvents recipientRole(RecipientRole role) {
        attributes.put("recipient_role", role.name());
        return this;
    }

    public AuditEvents detail(String detail) {
        this.detail = Secrets.mask(detail, draft.getSecrets());
        return this;
    }

    public AuditEvents messageId(String messageId) {
        this.messageId = messageId;
        return this;
    }

    /** What caused this transition, when one draft can pass the same transition again (a redelivery). */
    public AuditEvents cause(String cause) {
        this.cause = cause;
        return this;
    }

    public AuditEvents at(Instant at) {
        this.at = at;
        return this;
    }

    public AuditEvents attribute(String name, String value) {
        attributes.put(name, Secrets.mask(value, draft.getSecrets()));
        return this;
    }

    public AuditEvent build() {
        String auditId = DraftIds.nameBased("audit", draft.getDraftId(), type.name(),
                recipient == null ? "" : DraftIds.normaliseEmail(recipient), cause);
        return AuditEvent.newBuilder()
                .setAuditId(auditId)
                .setDraftId(draft.getDraftId())
                .setType(type)
                .setOccurredAt(at)
                .setActor(actor)
                .setRecipient(recipient)
                .setLocationId(draft.getLocationId())
                .setThreadKey(draft.getThread().getThreadKey())
                .setCorrelationId(draft.getHeader().getCorrelationId())
                .setMessageId(messageId)
                .setDetail(detail)
                .setAttributes(Map.copyOf(attributes))
                .build();
    }
}
