package com.deskpost.booking.mail;

import com.deskpost.booking.calendar.CalendarInvite.Method;
import com.deskpost.booking.mail.BookingDrafts.Context;
import com.deskpost.booking.mail.BookingDrafts.Mail;
import com.deskpost.events.BookingCancelled;
import com.deskpost.events.BookingCreated;
import com.deskpost.events.BookingEvent;
import com.deskpost.events.BookingModified;
import com.deskpost.events.EmailDraft;
import com.deskpost.events.EntityStatus;
import com.deskpost.events.EntityVersion;
import com.deskpost.events.Guest;
import com.deskpost.events.Location;
import com.deskpost.events.Member;
import com.deskpost.events.Recipient;
import com.deskpost.events.RecipientRole;
import com.deskpost.platform.directory.Directory;
import com.deskpost.platform.id.DraftIds;
import com.deskpost.platform.streams.DirectoryMiss;
import com.deskpost.platform.streams.RejectedEvent;
import com.deskpost.platform.template.MailLocales;
import com.deskpost.platform.template.TemplateRenderer;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Booking mail rules. An event only counts if its entity_version is newer than the booking's
 * latest one: an older (or repeated) version arriving late changes nothing — no draft, no version.
 * A counted event publishes the booking's new version (so stale drafts are superseded downstream)
 * and mails the member who holds it — confirmation, modification or cancellation, each with a
 * calendar invitation — and each guest with an address the visitor version; a guest a
 * modification drops gets a cancellation. A booking for a member or location missing from the
 * directory is never guessed: it waits for the directory ({@link DirectoryMiss}) and is dead-lettered
 * if the entry does not come within the grace.
 */
public final class BookingComposer {

    /** The identity drafts are requested by; oversight never lets it approve. */
    public static final String IDENTITY = "booking-composer";
    static final String CONFIRMATION = "booking-confirmation";
    static final String MODIFICATION = "booking-modification";
    static final String CANCELLATION = "booking-cancellation";
    static final String REMINDER = "booking-reminder";
    static final String GUEST_INVITATION = "booking-guest-invitation";
    static final String GUEST_UPDATE = "booking-guest-update";
    static final String GUEST_CANCELLATION = "booking-guest-cancellation";

    /** What one booking event causes. */
    public sealed interface Outcome {
    }

    /** The event counts: the booking's new version and state, and the mails to send. */
    public record Composed(EntityVersion version, BookingState state, List<EmailDraft> drafts) implements Outcome {
    }

    /** The event is not newer than what is known: nothing happens, for this reason. */
    public record Ignored(String reason) implements Outcome {
    }

    private final BookingDrafts drafts;

    public BookingComposer(TemplateRenderer templates, Clock clock) {
        this.drafts = new BookingDrafts(templates, clock);
    }

    /** @param previous the booking as known before this event; null if never heard of */
    public Outcome compose(BookingEvent event, BookingState previous, Directory directory) {
        long version = event.getHeader().getEntityVersion();
        if (previous != null && version <= previous.version()) {
            return new Ignored("Booking " + event.getBookingId() + " version " + version + " (event "
                    + event.getHeader().getEventId() + ") is not newer than version " + previous.version()
                    + " (" + previous.status() + "): ignored");
        }
        Member member = member(event, directory);
        Location location = location(event, directory);
        Object payload = event.getPayload();
        BookingDetails before = previous == null ? null : BookingDetails.of(previous.details()).orElse(null);
        List<Guest> previousGuests = previous == null ? List.of() : previous.guests();
        List<EmailDraft> out = new ArrayList<>();
        if (payload instanceof BookingCreated || payload instanceof BookingModified) {
            boolean created = payload instanceof BookingCreated;
            BookingDetails details = BookingDetails.of(event).orElseThrow();
            Context booking = new Context(event, created ? "booking_created" : "booking_modified", member, location,
                    details, null);
            out.add(drafts.draft(booking, new Mail(created ? CONFIRMATION : MODIFICATION, memberRecipient(member),
                    memberLocale(member, location), Method.REQUEST)));
            Map<String, Guest> known = byEmail(previousGuests);
            Map<String, Guest> now = byEmail(details.guests());
            for (Guest guest : now.values()) {
                String template = known.containsKey(DraftIds.normaliseEmail(guest.getEmail())) ? GUEST_UPDATE
                        : GUEST_INVITATION;
                out.add(drafts.draft(booking, guestMail(template, guest, location, Method.REQUEST)));
            }
            Context dropped = new Context(event, "booking_modified", member, location, before, null);
            for (Map.Entry<String, Guest> guest : known.entrySet()) {
                if (!now.containsKey(guest.getKey())) {
                    out.add(drafts.draft(dropped, guestMail(GUEST_CANCELLATION, guest.getValue(), location,
                            Method.CANCEL)));
                }
            }
            EntityStatus status = created ? EntityStatus.ACTIVE : EntityStatus.MODIFIED;
            return new Composed(version(event, status), new BookingState(version, event.getHeader().getEventId(),
                    status, event), out);
        }
        if (payload instanceof BookingCancelled cancelled) {
            Context booking = new Context(event, "booking_cancelled", member, location, before, cancelled.getReason());
            out.add(drafts.draft(booking, new Mail(CANCELLATION, memberRecipient(member),
                    memberLocale(member, location), Method.CANCEL)));
            for (Guest guest : byEmail(previousGuests).values()) {
                out.add(drafts.draft(booking, guestMail(GUEST_CANCELLATION, guest, location, Method.CANCEL)));
            }
            return new Composed(version(event, EntityStatus.CANCELLED), new BookingState(version,
                    event.getHeader().getEventId(), EntityStatus.CANCELLED,
                    previous == null ? null : previous.details()), out);
        }
        throw new RejectedEvent("Unsupported booking payload " + payload.getClass().getName());
    }

    /** The reminder of an upcoming booking (created or modified event of its current version), to its member. */
    public EmailDraft remind(BookingEvent booking, Directory directory) {
        Member member = member(booking, directory);
        Location location = location(booking, directory);
        Context context = new Context(booking, "booking_reminder", member, location,
                BookingDetails.of(booking).orElseThrow(() -> new IllegalArgumentException(
                        "Booking " + booking.getBookingId() + " has no details to remind of")), null);
        return drafts.draft(context, new Mail(REMINDER, memberRecipient(member), memberLocale(member, location), null));
    }

    private static Member member(BookingEvent event, Directory directory) {
        return directory.member(event.getMemberId()).orElseThrow(() -> DirectoryMiss.member(event.getMemberId(),
                "Unknown member " + event.getMemberId() + " for booking " + event.getBookingId()
                        + ": not in facility.members"));
    }

    private static Location location(BookingEvent event, Directory directory) {
        String locationId = event.getHeader().getLocationId();
        if (locationId == null) {
            throw new RejectedEvent("Booking " + event.getBookingId() + " has no header.location_id");
        }
        return directory.location(locationId).orElseThrow(() -> DirectoryMiss.location(locationId,
                "Unknown location " + locationId + " for booking " + event.getBookingId()
                        + ": not in facility.locations"));
    }

    private static Recipient memberRecipient(Member member) {
        return Recipient.newBuilder().setEmail(member.getEmail()).setName(member.getName())
                .setMemberId(member.getMemberId()).setRole(RecipientRole.MEMBER).build();
    }

    /** Guests have no directory entry: they read the location's default language (else English). */
    private static Mail guestMail(String template, Guest guest, Location location, Method method) {
        Recipient recipient = Recipient.newBuilder().setEmail(guest.getEmail()).setName(guest.getName())
                .setRole(RecipientRole.GUEST).build();
        return new Mail(template, recipient, MailLocales.resolve(null, location.getDefaultLocale()), method);
    }

    private static Locale memberLocale(Member member, Location location) {
        return MailLocales.resolve(member.getLocale(), location.getDefaultLocale());
    }

    /** Guests with an address, one per address (case-insensitively), in the booking's order. */
    private static Map<String, Guest> byEmail(List<Guest> guests) {
        Map<String, Guest> byEmail = new LinkedHashMap<>();
        for (Guest guest : guests) {
            if (guest.getEmail() != null && !guest.getEmail().isBlank()) {
                byEmail.putIfAbsent(DraftIds.normaliseEmail(guest.getEmail()), guest);
            }
        }
        return byEmail;
    }

    private static EntityVersion version(BookingEvent event, EntityStatus status) {
        return EntityVersion.newBuilder()
                .setSupersedeKey(supersedeKey(event.getBookingId()))
                .setVersion(event.getHeader().getEntityVersion())
                .setStatus(status)
                .setSourceEventId(event.getHeader().getEventId())
                .setOccurredAt(event.getHeader().getOccurredAt())
                .build();
    }

    public static String supersedeKey(String bookingId) {
        return "booking:" + bookingId;
    }
}
