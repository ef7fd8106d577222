package com.deskpost.access.composer;

import com.deskpost.events.AccessEvent;
import com.deskpost.events.AuditType;
import com.deskpost.events.EmailDraft;
import com.deskpost.events.EntityVersion;
import com.deskpost.platform.audit.AuditEvents;
import com.deskpost.platform.directory.Directory;
import com.deskpost.platform.publish.DraftPublication;
import com.deskpost.platform.streams.Emit;
import com.deskpost.platform.streams.EventHandler;
import com.deskpost.platform.streams.RejectedEvent;
import com.deskpost.platform.topic.DraftKeys;
import com.deskpost.platform.topic.Lane;
import com.deskpost.platform.topic.Topics;
import java.util.ArrayList;
import java.util.List;

/**
 * Adapter from the stream to {@link AccessComposer}. Versions first, then each draft on the
 * priority lane with its DRAFTED audit event; a draft the access policy refuses goes to the
 * lane's dead letters (its credential kept sealed) with a DEAD_LETTERED audit event naming the reason; one reported
 * too late to mail is only audited, SUPPRESSED with the reason.
 * All of it and the consumed offset commit in one exactly-once transaction.
 */
public final class AccessEventHandler implements EventHandler<AccessEvent> {

    private final AccessComposer composer;
    private final Directory directory;

    public AccessEventHandler(AccessComposer composer, Directory directory) {
        this.composer = composer;
        this.directory = directory;
    }

    @Override
    public List<Emit<?>> handle(String key, AccessEvent event) {
        AccessComposer.Composition composition = composer.compose(event, directory);
        List<Emit<?>> out = new ArrayList<>();
        for (EntityVersion version : composition.versions()) {
            out.add(Emit.to(Topics.MAIL_ENTITY_VERSIONS, version.getSupersedeKey(), version));
        }
        for (EmailDraft draft : composition.drafts()) {
            out.addAll(DraftPublication.of(draft, AccessComposer.IDENTITY)
                    .detail("Composed " + draft.getTemplate() + " for access event " + event.getHeader().getEventId())
                    .emits());
        }
        for (AccessComposer.Withheld refusal : composition.refused()) {
            EmailDraft draft = refusal.draft();
            out.add(Emit.refused(Lane.of(draft).drafts(), DraftKeys.of(draft), draft,
                    new RejectedEvent(refusal.reason())));
            out.add(Emit.to(Topics.MAIL_AUDIT, draft.getDraftId(),
                    AuditEvents.of(draft, AuditType.DEAD_LETTERED, AccessComposer.IDENTITY)
                            .detail(refusal.reason())
                            .at(draft.getCreatedAt())
                            .build()));
        }
        for (AccessComposer.Withheld late : composition.suppressed()) {
            EmailDraft draft = late.draft();
            out.add(Emit.to(Topics.MAIL_AUDIT, draft.getDraftId(),
                    AuditEvents.of(draft, AuditType.SUPPRESSED, AccessComposer.IDENTITY)
                            .detail(late.reason())
                            .at(draft.getCreatedAt())
                            .build()));
        }
        return out;
    }
}
