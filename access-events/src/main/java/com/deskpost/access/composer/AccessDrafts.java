package com.deskpost.access.composer;

import com.deskpost.events.AccessEvent;
import com.deskpost.events.BuildingIncident;
import com.deskpost.events.EmailCategory;
import com.deskpost.events.EmailDraft;
import com.deskpost.events.Location;
import com.deskpost.events.MailThread;
import com.deskpost.events.Member;
import com.deskpost.events.MemberRole;
import com.deskpost.events.Recipient;
import com.deskpost.events.RecipientRole;
import com.deskpost.platform.credential.SealedCredential;
import com.deskpost.platform.id.DraftIds;
import com.deskpost.platform.template.MailLocales;
import com.deskpost.platform.template.RenderedMail;
import com.deskpost.platform.template.TemplateRenderer;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Renders one access mail to one recipient. All access mail is security mail (so it travels the
 * priority lane), threaded under its supersede key, and identified by a name-based id of (event id,
 * template, recipient), so a replay yields the same draft ids. The credential, when the mail
 * carries one, is listed sealed in the draft's secrets and the text shows its placeholder. Delivery
 * opens it with the draft's {@code location_id} and {@code about_member_id}, so those must be the
 * location and member it was sealed for: the event's.
 *
 * <p>Each mail is written in its reader's language ({@link MailLocales#resolve}): a member's own locale, else the
 * location's default, else English; the staff mailbox's in the location's default.
 */
final class AccessDrafts {

    /** The event, its location and the member it is about (holder or sponsor). */
    record Addressed(AccessEvent event, Location location, Member member) {
    }

    private final TemplateRenderer templates;
    private final Clock clock;

    AccessDrafts(TemplateRenderer templates, Clock clock) {
        this.templates = templates;
        this.clock = clock;
    }

    /** To the member the event is about; only this mail may carry {@code secrets}, sealed. */
    EmailDraft toMember(Addressed about, AccessMail kind, String key, List<String> secrets,
            Consumer<AccessMailModel> fill) {
        Member member = about.member();
        if (!secrets.isEmpty()) {
            checkOpens(about, secrets);
        }
        Recipient recipient = Recipient.newBuilder().setEmail(member.getEmail()).setName(member.getName())
                .setMemberId(member.getMemberId()).setRole(kind.role).build();
        return draft(about.event(), about.location(), kind, key, recipient, memberLocale(member, about.location()),
                member.getMemberId(), secrets, fill);
    }

    /** To the location's staff mailbox, about the member; never with a credential. */
    EmailDraft toStaff(Addressed about, AccessMail kind, String key, Consumer<AccessMailModel> fill) {
        Location location = about.location();
        Locale locale = staffLocale(location);
        return draft(about.event(), location, kind, key, staffMailbox(location, locale), locale,
                about.member().getMemberId(), List.of(), fill);
    }

    /**
     * A credential in a draft must be sealed, and for the draft's own location and member, or delivery could
     * not open it: a directory that answered with another member or location is a bug, refused here rather
     * than mailed with a code that never arrives.
     */
    private static void checkOpens(Addressed about, List<String> secrets) {
        AccessEvent event = about.event();
        if (!secrets.stream().allMatch(SealedCredential::isSealed)) {
            throw new IllegalStateException("A credential of access event " + event.getHeader().getEventId()
                    + " reached a draft unsealed: refused");
        }
        if (!about.location().getLocationId().equals(event.getHeader().getLocationId())
                || !about.member().getMemberId().equals(event.getMemberId())) {
            throw new IllegalStateException("The credential of access event " + event.getHeader().getEventId()
                    + " is sealed for location " + event.getHeader().getLocationId() + " and member "
                    + event.getMemberId() + " but the draft is about location " + about.location().getLocationId()
                    + " and member " + about.member().getMemberId() + ": delivery could not open it");
        }
    }

    EmailDraft incidentToStaff(AccessEvent event, Location location, BuildingIncident incident, String key,
            Optional<Duration> lateness) {
        Locale locale = staffLocale(location);
        return draft(event, location, AccessMail.BUILDING_INCIDENT, key, staffMailbox(location, locale), locale, null,
                List.of(), model -> incident(model, incident, lateness));
    }

    EmailDraft incidentToMember(AccessEvent event, Location location, Member member, BuildingIncident incident,
            String key, Optional<Duration> lateness) {
        Recipient recipient = Recipient.newBuilder().setEmail(member.getEmail()).setName(member.getName())
                .setMemberId(member.getMemberId())
                .setRole(member.getRole() == MemberRole.STAFF ? RecipientRole.STAFF : RecipientRole.MEMBER).build();
        return draft(event, location, AccessMail.BUILDING_INCIDENT, key, recipient,
                memberLocale(member, location), null, List.of(), model -> incident(model, incident, lateness));
    }

    private static Locale memberLocale(Member member, Location location) {
        return MailLocales.resolve(member.getLocale(), location.getDefaultLocale());
    }

    private static Locale staffLocale(Location location) {
        return MailLocales.resolve(null, location.getDefaultLocale());
    }

    /** The location's staff mailbox, named in the mail's language ("Deskpost LDN staff", "Team Deskpost Berlin"). */
    private static Recipient staffMailbox(Location location, Locale locale) {
        return Recipient.newBuilder().setEmail(location.getStaffMailbox())
                .setName(AccessMailModel.words(locale).word("staff.name", location.getName()))
                .setRole(RecipientRole.STAFF).build();
    }

    private static void incident(AccessMailModel model, BuildingIncident incident, Optional<Duration> lateness) {
        model.put("incidentId", incident.getIncidentId())
                .severity(incident.getSeverity())
                .put("summary", incident.getSummary())
                .put("details", incident.getDetails())
                .list("zones", incident.getAffectedZones())
                .lateness("reportedLate", lateness);
    }

    private EmailDraft draft(AccessEvent event, Location location, AccessMail kind, String key, Recipient recipient,
            Locale locale, String aboutMemberId, List<String> secrets, Consumer<AccessMailModel> fill) {
        AccessMailModel model = new AccessMailModel(recipient.getName(), locale, location);
        fill.accept(model);
        RenderedMail mail = templates.render(kind.template, locale, location.getLocationId(), model.values());
        return EmailDraft.newBuilder()
                .setDraftId(DraftIds.draftId(event.getHeader().getEventId(), kind.template, recipient.getEmail()))
                .setHeader(event.getHeader())
                .setEventType(kind.eventType)
                .setTemplate(kind.template)
                .setCategory(EmailCategory.SECURITY)
                .setRecipient(recipient)
                .setLocationId(location.getLocationId())
                .setSubject(mail.subject())
                .setBodyText(mail.text())
                .setBodyHtml(mail.html())
                .setSupersedeKey(key)
                .setEntityVersion(event.getHeader().getEntityVersion())
                .setRequestedBy(AccessComposer.IDENTITY)
                .setThread(MailThread.newBuilder().setThreadKey(key).build())
                .setSecrets(secrets)
                .setAboutMemberId(aboutMemberId)
                .setCreatedAt(clock.instant())
                .build();
    }
}
