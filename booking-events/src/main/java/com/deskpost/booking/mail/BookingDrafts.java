package com.deskpost.booking.mail;

import com.deskpost.booking.calendar.CalendarInvite;
import com.deskpost.booking.calendar.CalendarInvite.Method;
import com.deskpost.booking.calendar.CalendarInvite.Party;
import com.deskpost.events.Attachment;
import com.deskpost.events.BookingEvent;
import com.deskpost.events.EmailCategory;
import com.deskpost.events.EmailDraft;
import com.deskpost.events.Location;
import com.deskpost.events.MailThread;
import com.deskpost.events.Member;
import com.deskpost.events.Recipient;
import com.deskpost.platform.directory.PostalAddresses;
import com.deskpost.platform.id.DraftIds;
import com.deskpost.platform.template.RenderedMail;
import com.deskpost.platform.template.TemplateRenderer;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;

/** Renders one booking mail for one recipient into a draft, with its calendar invitation when it has one. */
final class BookingDrafts {

    /** The booking a mail is about: the event that caused it, the directories' view, the details as now known. */
    record Context(BookingEvent event, String eventType, Member host, Location location, BookingDetails details,
            String reason) {
    }

    /** One mail: its template, recipient, the language it is written in, and its calendar method (null for none). */
    record Mail(String template, Recipient recipient, Locale locale, Method calendar) {
    }

    private final TemplateRenderer templates;
    private final Clock clock;

    BookingDrafts(TemplateRenderer templates, Clock clock) {
        this.templates = templates;
        this.clock = clock;
    }

    EmailDraft draft(Context booking, Mail mail) {
        BookingEvent event = booking.event();
        Location location = booking.location();
        BookingMailModel model = new BookingMailModel(event.getBookingId(), booking.host(), location, mail.locale(),
                mail.recipient().getName() == null ? "" : mail.recipient().getName());
        RenderedMail rendered = templates.render(mail.template(), mail.locale(), location.getLocationId(),
                model.asMap(booking.details(), booking.reason()));
        String supersedeKey = BookingComposer.supersedeKey(event.getBookingId());
        return EmailDraft.newBuilder()
                .setDraftId(DraftIds.draftId(event.getHeader().getEventId(), mail.template(),
                        mail.recipient().getEmail()))
                .setHeader(event.getHeader())
                .setEventType(booking.eventType())
                .setTemplate(mail.template())
                .setCategory(EmailCategory.TRANSACTIONAL)
                .setRecipient(mail.recipient())
                .setLocationId(location.getLocationId())
                .setSubject(rendered.subject())
                .setBodyText(rendered.text())
                .setBodyHtml(rendered.html())
                .setAttachments(mail.calendar() == null ? List.of() : List.of(invite(booking, mail)))
                .setSupersedeKey(supersedeKey)
                .setEntityVersion(event.getHeader().getEntityVersion())
                .setRequestedBy(BookingComposer.IDENTITY)
                .setThread(MailThread.newBuilder().setThreadKey(supersedeKey).build())
                .setCreatedAt(clock.instant())
                .build();
    }

    private static Attachment invite(Context booking, Mail mail) {
        BookingEvent event = booking.event();
        Location location = booking.location();
        BookingDetails details = booking.details();
        String what = details == null ? new BookingWords(mail.locale()).untitled(event.getBookingId())
                : details.resource().getName();
        CalendarInvite invite = new CalendarInvite(mail.calendar(), CalendarInvite.uid(event.getBookingId()),
                event.getHeader().getEntityVersion(),
                // The event's own time, not the clock: a replay writes the same bytes.
                event.getHeader().getOccurredAt(),
                details == null ? null : details.startsAt(), details == null ? null : details.endsAt(),
                ZoneId.of(location.getTimeZone()), what + " – " + location.getName(),
                location.getName() + ", " + PostalAddresses.oneLine(location.getAddress()),
                new Party(location.getSenderName(), location.getSenderMailbox()),
                new Party(mail.recipient().getName() == null ? mail.recipient().getEmail() : mail.recipient().getName(),
                        mail.recipient().getEmail()));
        return Attachment.newBuilder()
                .setFilename(invite.filename(event.getBookingId()))
                .setContentType(invite.contentType())
                .setContent(ByteBuffer.wrap(invite.toBytes()))
                .build();
    }
}
