package com.deskpost.booking.confirmation;

import com.deskpost.events.BookingCancelled;
import com.deskpost.events.BookingCreated;
import com.deskpost.events.BookingEvent;
import com.deskpost.events.BookingModified;
import com.deskpost.events.EmailCategory;
import com.deskpost.events.EmailDraft;
import com.deskpost.events.EntityStatus;
import com.deskpost.events.EntityVersion;
import com.deskpost.events.Location;
import com.deskpost.events.MailThread;
import com.deskpost.events.Member;
import com.deskpost.events.Recipient;
import com.deskpost.events.RecipientRole;
import com.deskpost.platform.directory.Directory;
import com.deskpost.platform.id.DraftIds;
import com.deskpost.platform.streams.RejectedEvent;
import com.deskpost.platform.template.RenderedMail;
import com.deskpost.platform.template.TemplateRenderer;
import java.time.Clock;
import java.util.List;

/**
 * Booking mail rules. Every booking event publishes the booking's latest version (so stale
 * drafts are superseded downstream); a new booking is confirmed to the member who holds it,
 * with times in the location's time zone. A booking for a member or location missing from the
 * directory is rejected (dead-lettered), never guessed.
 */
public final class BookingComposer {

    /** The identity drafts are requested by; oversight never lets it approve. */
    public static final String IDENTITY = "booking-composer";
    static final String CONFIRMATION = "booking-confirmation";

    /** What one booking event causes: the entity's new version and the drafts to send. */
    public record Composition(EntityVersion version, List<EmailDraft> drafts) {
    }

    private final TemplateRenderer templates;
    private final Clock clock;

    public BookingComposer(TemplateRenderer templates, Clock clock) {
        this.templates = templates;
        this.clock = clock;
    }

    public Composition compose(BookingEvent event, Directory directory) {
        String locationId = event.getHeader().getLocationId();
        if (locationId == null) {
            throw new RejectedEvent("Booking " + event.getBookingId() + " has no header.location_id");
        }
        Member member = directory.member(event.getMemberId()).orElseThrow(() -> new RejectedEvent(
                "Unknown member " + event.getMemberId() + " for booking " + event.getBookingId()
                        + ": not in facility.members"));
        Location location = directory.location(locationId).orElseThrow(() -> new RejectedEvent(
                "Unknown location " + locationId + " for booking " + event.getBookingId()
                        + ": not in facility.locations"));
        Object payload = event.getPayload();
        if (payload instanceof BookingCreated created) {
            return new Composition(version(event, EntityStatus.ACTIVE),
                    List.of(confirmation(event, created, member, location)));
        }
        if (payload instanceof BookingModified) {
            return new Composition(version(event, EntityStatus.MODIFIED), List.of());
        }
        if (payload instanceof BookingCancelled) {
            return new Composition(version(event, EntityStatus.CANCELLED), List.of());
        }
        throw new RejectedEvent("Unsupported booking payload " + payload.getClass().getName());
    }

    private EmailDraft confirmation(BookingEvent event, BookingCreated created, Member member, Location location) {
        RenderedMail mail = templates.render(CONFIRMATION,
                new BookingMailModel(event.getBookingId(), member, location, created.getResource(),
                        created.getStartsAt(), created.getEndsAt()).asMap());
        return EmailDraft.newBuilder()
                .setDraftId(DraftIds.draftId(event.getHeader().getEventId(), CONFIRMATION, member.getEmail()))
                .setHeader(event.getHeader())
                .setEventType("booking_created")
                .setTemplate(CONFIRMATION)
                .setCategory(EmailCategory.TRANSACTIONAL)
                .setRecipient(Recipient.newBuilder()
                        .setEmail(member.getEmail())
                        .setName(member.getName())
                        .setMemberId(member.getMemberId())
                        .setRole(RecipientRole.MEMBER)
                        .build())
                .setLocationId(location.getLocationId())
                .setSubject(mail.subject())
                .setBodyText(mail.text())
                .setBodyHtml(mail.html())
                .setSupersedeKey(supersedeKey(event))
                .setEntityVersion(event.getHeader().getEntityVersion())
                .setRequestedBy(IDENTITY)
                .setThread(MailThread.newBuilder().setThreadKey(supersedeKey(event)).build())
                .setCreatedAt(clock.instant())
                .build();
    }

    private static EntityVersion version(BookingEvent event, EntityStatus status) {
        return EntityVersion.newBuilder()
                .setSupersedeKey(supersedeKey(event))
                .setVersion(event.getHeader().getEntityVersion())
                .setStatus(status)
                .setSourceEventId(event.getHeader().getEventId())
                .setOccurredAt(event.getHeader().getOccurredAt())
                .build();
    }

    static String supersedeKey(BookingEvent event) {
        return "booking:" + event.getBookingId();
    }
}
