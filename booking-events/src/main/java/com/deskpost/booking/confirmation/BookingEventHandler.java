package com.deskpost.booking.confirmation;

import com.deskpost.events.AuditType;
import com.deskpost.events.BookingEvent;
import com.deskpost.events.EmailDraft;
import com.deskpost.platform.audit.AuditEvents;
import com.deskpost.platform.directory.Directory;
import com.deskpost.platform.streams.Emit;
import com.deskpost.platform.streams.EventHandler;
import com.deskpost.platform.topic.Topics;
import java.util.ArrayList;
import java.util.List;

/** Adapter from the stream to {@link BookingComposer}: what it composes becomes drafts, a version and audit events. */
public final class BookingEventHandler implements EventHandler<BookingEvent> {

    private final BookingComposer composer;
    private final Directory directory;

    public BookingEventHandler(BookingComposer composer, Directory directory) {
        this.composer = composer;
        this.directory = directory;
    }

    @Override
    public List<Emit<?>> handle(String key, BookingEvent event) {
        BookingComposer.Composition composition = composer.compose(event, directory);
        List<Emit<?>> out = new ArrayList<>();
        out.add(Emit.to(Topics.MAIL_ENTITY_VERSIONS, composition.version().getSupersedeKey(), composition.version()));
        for (EmailDraft draft : composition.drafts()) {
            out.add(Emit.to(Topics.MAIL_DRAFTS, draft.getSupersedeKey(), draft));
            out.add(Emit.to(Topics.MAIL_AUDIT, draft.getDraftId(),
                    AuditEvents.of(draft, AuditType.DRAFTED, BookingComposer.IDENTITY)
                            .detail("Composed " + draft.getTemplate() + " for booking " + event.getBookingId())
                            .at(draft.getCreatedAt())
                            .build()));
        }
        return out;
    }
}
