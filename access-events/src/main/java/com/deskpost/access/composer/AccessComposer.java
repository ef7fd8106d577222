package com.deskpost.access.composer;

import com.deskpost.events.AccessEvent;
import com.deskpost.events.AfterHoursAccess;
import com.deskpost.events.AfterHoursOverride;
import com.deskpost.events.BuildingIncident;
import com.deskpost.events.ContractorAccessGranted;
import com.deskpost.events.DoorCodeChanged;
import com.deskpost.events.EmailDraft;
import com.deskpost.events.EntityStatus;
import com.deskpost.events.EntityVersion;
import com.deskpost.events.IncidentSeverity;
import com.deskpost.events.KeycardProvisioned;
import com.deskpost.events.KeycardRevoked;
import com.deskpost.events.Location;
import com.deskpost.events.MasterKeycodeReset;
import com.deskpost.events.Member;
import com.deskpost.events.MemberStatus;
import com.deskpost.events.VisitorPreAuthorized;
import com.deskpost.platform.access.AccessScope;
import com.deskpost.platform.credential.AccessCredentials;
import com.deskpost.platform.credential.CredentialPlaceholders;
import com.deskpost.platform.credential.CredentialSealer;
import com.deskpost.platform.directory.Directory;
import com.deskpost.platform.id.DraftIds;
import com.deskpost.platform.streams.DirectoryMiss;
import com.deskpost.platform.streams.RejectedEvent;
import com.deskpost.platform.template.TemplateRenderer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Access events to mail, as a pure function of (event, directory). Who receives what is DESIGN §4:
 * credential and door mail to the member it belongs to (the master keycode to the staff member who
 * holds it); visitor and contractor mail to the sponsoring member, with a notice without the code to
 * the location's staff; incident notices to each active member of the affected location and its
 * staff. Every draft is then checked against {@link AccessScope}, the same policy delivery applies
 * again: a draft outside it is refused (dead-lettered and audited), never sent "mostly right".
 * A newer version of a credential supersedes its pending mail (keycard, door code, master keycode,
 * incident), so nobody is sent a code that no longer works. A moment a door reports late (an
 * after-hours entry, a forced door) says so in its mail, and too late is not mailed ({@link LateReports}).
 *
 * <p>A credential (door code, master keycode, entry code) is sealed the moment the composer sees it,
 * for the event's location and member: the holder's (or sponsor's) draft carries it sealed in
 * {@code secrets} and shows {@link CredentialPlaceholders#of(int) a placeholder} where the code goes,
 * so only delivery, at send time, ever opens it (docs/sealed-credentials.md). A value the facility
 * system sealed itself is checked (form, a key id Deskpost publishes) and, if wrong, the event is
 * refused as bad input rather than sent with a code nobody can open.
 */
public final class AccessComposer {

    /** The identity drafts are requested by; it can never approve them. */
    public static final String IDENTITY = "access-events";

    /** Where a holder's mail shows its one credential. */
    private static final String CODE = CredentialPlaceholders.of(1);

    private final AccessDrafts drafts;
    private final CredentialSealer sealer;
    private final LateReports late;
    private final Clock clock;

    public AccessComposer(TemplateRenderer templates, CredentialSealer sealer, LateReports late, Clock clock) {
        this.drafts = new AccessDrafts(templates, clock);
        this.sealer = sealer;
        this.late = late;
        this.clock = clock;
    }

    /**
     * What one event produces: drafts to publish, versions to record, drafts refused by the policy, and drafts
     * suppressed because the door reported the moment too late for it to be news ({@link LateReports}).
     */
    public record Composition(List<EmailDraft> drafts, List<EntityVersion> versions, List<Withheld> refused,
            List<Withheld> suppressed) {
    }

    /** A composed draft that is not published, with why. */
    public record Withheld(EmailDraft draft, String reason) {
    }

    public Composition compose(AccessEvent received, Directory directory) {
        AccessEvent event = sealed(received);
        String locationId = event.getHeader().getLocationId();
        Location location = directory.location(locationId).orElseThrow(() -> DirectoryMiss.location(locationId,
                "Location " + locationId + " of access event " + event.getHeader().getEventId()
                        + " is not in the directory: publish it to facility.locations first"));
        Object payload = event.getPayload();
        List<EmailDraft> composed = new ArrayList<>();
        String key;
        EntityStatus status = EntityStatus.ACTIVE;
        // One-off events (an after-hours entry, a visitor) have nothing newer to be superseded by.
        boolean versioned = true;
        // When what a door reports happened, for a report of a moment (after-hours entry, forced door); else null.
        Instant moment = null;
        if (payload instanceof BuildingIncident incident) {
            key = "incident:" + incident.getIncidentId();
            if (incident.getSeverity() == IncidentSeverity.INFO) {
                moment = event.getHeader().getOccurredAt();
            }
            Optional<Duration> lateness = lateness(moment);
            composed.addAll(incident(event, incident, location, directory, key, lateness));
        } else {
            Member subject = directory.member(event.getMemberId()).orElseThrow(() -> DirectoryMiss.member(
                    event.getMemberId(), "Member " + event.getMemberId() + " of access event "
                            + event.getHeader().getEventId()
                            + " is not in the directory: publish them to facility.members first"));
            AccessDrafts.Addressed about = new AccessDrafts.Addressed(event, location, subject);
            if (payload instanceof KeycardProvisioned card) {
                key = "keycard:" + card.getKeycardId();
                composed.add(drafts.toMember(about, AccessMail.KEYCARD_PROVISIONED, key, List.of(), model -> model
                        .put("keycardId", card.getKeycardId())
                        .instant("validFrom", card.getValidFrom())
                        .instant("validUntil", card.getValidUntil())
                        .list("zones", card.getZones())));
            } else if (payload instanceof KeycardRevoked card) {
                key = "keycard:" + card.getKeycardId();
                status = EntityStatus.CLOSED;
                composed.add(drafts.toMember(about, AccessMail.KEYCARD_REVOKED, key, List.of(), model -> model
                        .put("keycardId", card.getKeycardId())
                        .put("reason", card.getReason())));
            } else if (payload instanceof DoorCodeChanged door) {
                key = "door-code:" + door.getDoorId() + ":" + subject.getMemberId();
                composed.add(drafts.toMember(about, AccessMail.DOOR_CODE_CHANGED, key, List.of(door.getNewCode()),
                        model -> model
                                .put("doorName", door.getDoorName())
                                .put("code", CODE)
                                .instant("effectiveFrom", door.getEffectiveFrom())));
            } else if (payload instanceof AfterHoursAccess access) {
                key = "after-hours-access:" + event.getHeader().getEventId();
                versioned = false;
                moment = access.getAccessedAt();
                Optional<Duration> lateness = lateness(moment);
                composed.add(drafts.toMember(about, AccessMail.AFTER_HOURS_ACCESS, key, List.of(), model -> model
                        .put("doorName", access.getDoorName())
                        .instant("accessedAt", access.getAccessedAt())
                        .lateness("reportedLate", lateness)));
            } else if (payload instanceof MasterKeycodeReset reset) {
                key = "master-keycode:" + location.getLocationId();
                composed.add(drafts.toMember(about, AccessMail.MASTER_KEYCODE_RESET, key, List.of(reset.getNewKeycode()),
                        model -> model
                                .put("code", CODE)
                                .put("resetBy", nameOf(reset.getResetBy(), directory))
                                .instant("effectiveFrom", reset.getEffectiveFrom())));
            } else if (payload instanceof AfterHoursOverride override) {
                key = "after-hours-override:" + event.getHeader().getEventId();
                versioned = false;
                composed.add(drafts.toMember(about, AccessMail.AFTER_HOURS_OVERRIDE, key, List.of(), model -> model
                        .put("doorName", override.getDoorName())
                        .put("authorisedBy", nameOf(override.getAuthorisedBy(), directory))
                        .instant("windowStart", override.getWindowStart())
                        .instant("windowEnd", override.getWindowEnd())
                        .put("reason", override.getReason())));
            } else if (payload instanceof VisitorPreAuthorized visitor) {
                key = "visitor:" + event.getHeader().getEventId();
                versioned = false;
                composed.addAll(sponsored(about, AccessMail.VISITOR, AccessMail.VISITOR_STAFF_NOTICE, key,
                        visitor.getAccessCode(), model -> model
                                .put("visitorName", visitor.getVisitorName())
                                .instant("validFrom", visitor.getValidFrom())
                                .instant("validUntil", visitor.getValidUntil())));
            } else if (payload instanceof ContractorAccessGranted contractor) {
                key = "contractor:" + event.getHeader().getEventId();
                versioned = false;
                composed.addAll(sponsored(about, AccessMail.CONTRACTOR, AccessMail.CONTRACTOR_STAFF_NOTICE, key,
                        contractor.getAccessCode(), model -> model
                                .put("contractorName", contractor.getContractorName())
                                .put("company", contractor.getCompany())
                                .list("zones", contractor.getZones())
                                .instant("validFrom", contractor.getValidFrom())
                                .instant("validUntil", contractor.getValidUntil())));
            } else {
                throw new RejectedEvent("Unknown access payload " + payload.getClass().getSimpleName()
                        + " in event " + event.getHeader().getEventId());
            }
        }
        Composition checked = checked(composed, directory, versioned ? List.of(version(event, key, status)) : List.of());
        return moment == null ? checked : unlessLate(checked, moment);
    }

    private Optional<Duration> lateness(Instant moment) {
        return moment == null ? Optional.empty() : late.lateness(moment, clock.instant());
    }

    /** The composition with its drafts suppressed when the moment was reported past {@code mail-within}. */
    private Composition unlessLate(Composition composition, Instant moment) {
        Optional<Duration> lateness = lateness(moment).filter(reported -> !late.mailable(reported));
        if (lateness.isEmpty()) {
            return composition;
        }
        String reason = "Not mailed: reported late. The door reported this " + LateReports.spoken(lateness.get())
                + " after it happened (" + moment + "), past deskpost.access.late.mail-within ("
                + late.mailWithin() + "): a notice now would read as news of just now";
        List<Withheld> suppressed = composition.drafts().stream().map(draft -> new Withheld(draft, reason)).toList();
        return new Composition(List.of(), composition.versions(), composition.refused(), suppressed);
    }

    /**
     * The event with its credentials sealed for its location and member; sealed ones as the facility
     * system sent them, once checked.
     *
     * @throws RejectedEvent when a value the facility system sealed is malformed or names a key Deskpost
     *     does not publish: bad input, dead-lettered with the reason, never mailed
     */
    private AccessEvent sealed(AccessEvent event) {
        AccessCredentials.problem(event, sealer).ifPresent(problem -> {
            throw new RejectedEvent(problem + ". Seal with a current key from Deskpost's published public keys,"
                    + " or send the credential in clear for the composer to seal.");
        });
        return AccessCredentials.sealed(event, sealer);
    }

    /** The sponsor's mail, with the entry code (sealed) if one was issued, and the staff notice, never with it. */
    private List<EmailDraft> sponsored(AccessDrafts.Addressed about, AccessMail toSponsor, AccessMail toStaff,
            String key, String sealedCode, Consumer<AccessMailModel> facts) {
        List<String> secrets = sealedCode == null ? List.of() : List.of(sealedCode);
        String shown = sealedCode == null ? null : CODE;
        return List.of(
                drafts.toMember(about, toSponsor, key, secrets, facts.andThen(model -> model.put("code", shown))),
                drafts.toStaff(about, toStaff, key,
                        facts.andThen(model -> model.put("sponsorName", about.member().getName()))));
    }

    /**
     * The staff mailbox's notice and, unless the incident is only INFO (a door forced open, reported by its lock: for
     * staff to look into, not an alarm for everyone in the building), each active member's.
     */
    private List<EmailDraft> incident(AccessEvent event, BuildingIncident incident, Location location,
            Directory directory, String key, Optional<Duration> lateness) {
        List<EmailDraft> out = new ArrayList<>();
        Set<String> addressed = new HashSet<>();
        addressed.add(DraftIds.normaliseEmail(location.getStaffMailbox()));
        out.add(drafts.incidentToStaff(event, location, incident, key, lateness));
        if (incident.getSeverity() == IncidentSeverity.INFO) {
            return out;
        }
        for (Member member : directory.membersAt(location.getLocationId())) {
            if (member.getStatus() == MemberStatus.ACTIVE && addressed.add(DraftIds.normaliseEmail(member.getEmail()))) {
                out.add(drafts.incidentToMember(event, location, member, incident, key, lateness));
            }
        }
        return out;
    }

    private static Composition checked(List<EmailDraft> composed, Directory directory, List<EntityVersion> versions) {
        List<EmailDraft> allowed = new ArrayList<>();
        List<Withheld> refused = new ArrayList<>();
        for (EmailDraft draft : composed) {
            Optional<String> violation = AccessScope.violation(draft, directory);
            if (violation.isPresent()) {
                refused.add(new Withheld(draft, "Refused by the access policy: " + violation.get()));
            } else {
                allowed.add(draft);
            }
        }
        return new Composition(allowed, versions, refused, List.of());
    }

    private static EntityVersion version(AccessEvent event, String key, EntityStatus status) {
        return EntityVersion.newBuilder()
                .setSupersedeKey(key)
                .setVersion(event.getHeader().getEntityVersion())
                .setStatus(status)
                .setSourceEventId(event.getHeader().getEventId())
                .setOccurredAt(event.getHeader().getOccurredAt())
                .build();
    }

    private static String nameOf(String memberId, Directory directory) {
        return directory.member(memberId).map(Member::getName).orElse(memberId);
    }
}
