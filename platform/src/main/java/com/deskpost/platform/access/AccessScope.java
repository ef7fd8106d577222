package com.deskpost.platform.access;

import com.deskpost.events.EmailDraft;
import com.deskpost.events.Location;
import com.deskpost.events.Member;
import com.deskpost.events.MemberRole;
import com.deskpost.events.RecipientRole;
import com.deskpost.platform.directory.Directory;
import com.deskpost.platform.id.DraftIds;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * DESIGN §4: access mail goes only to the member the credential belongs to, the sponsoring member
 * of a visitor or contractor, and staff of that location; building incidents to the location's
 * members and staff. A visitor or contractor themselves ({@link RecipientRole#VISITOR},
 * {@link RecipientRole#CONTRACTOR}) receives only the mail of their own pass: of their own kind, sponsored by a
 * member of that location; never another access mail, and never the entry code, which goes to the sponsor (the
 * directory knows the sponsor, not the visitor's address). One draft, one recipient: never a list, never BCC. A
 * draft that carries a credential value (door code, keycode, entry code) goes to that credential's holder alone.
 * This one policy is applied when a draft is composed and again at delivery, against the live directory.
 */
public final class AccessScope {

    /** Credential and door events: to the credential's holder (or staff) only. */
    static final Set<String> HOLDER_ONLY = Set.of("keycard_provisioned", "keycard_revoked", "door_code_changed",
            "after_hours_access", "master_keycode_reset", "after_hours_override");
    static final String VISITOR = "visitor_pre_authorized";
    static final String CONTRACTOR = "contractor_access_granted";
    /** Visitor and contractor events: to the sponsoring member (or staff) only, and to the visitor or contractor's own pass. */
    static final Set<String> SPONSOR_ONLY = Set.of(VISITOR, CONTRACTOR);
    static final String INCIDENT = "building_incident";
    static final String MASTER_KEYCODE = "master_keycode_reset";

    private AccessScope() {
    }

    public static boolean isAccessMail(EmailDraft draft) {
        String type = draft.getEventType();
        return HOLDER_ONLY.contains(type) || SPONSOR_ONLY.contains(type) || INCIDENT.equals(type);
    }

    /** @return why the draft's recipient is outside the policy, or empty when it is inside (or not access mail) */
    public static Optional<String> violation(EmailDraft draft, Directory directory) {
        if (!isAccessMail(draft)) {
            return Optional.empty();
        }
        String type = draft.getEventType();
        String to = DraftIds.normaliseEmail(draft.getRecipient().getEmail());
        Optional<Location> location = directory.location(draft.getLocationId());
        if (location.isEmpty()) {
            return Optional.of("location " + draft.getLocationId() + " of " + type + " mail is not in the directory");
        }
        if (!draft.getSecrets().isEmpty()) {
            return credentialViolation(draft, to, location.get(), directory);
        }
        if (isStaffOf(location.get(), to, draft, directory)) {
            return Optional.empty();
        }
        RecipientRole role = draft.getRecipient().getRole();
        if (role == RecipientRole.VISITOR || role == RecipientRole.CONTRACTOR) {
            return passViolation(draft, role, location.get(), directory);
        }
        Optional<Member> member = Optional.ofNullable(draft.getRecipient().getMemberId()).flatMap(directory::member)
                .filter(m -> DraftIds.normaliseEmail(m.getEmail()).equals(to));
        if (member.isEmpty()) {
            return Optional.of(type + " mail to " + to + ", who is not the directory member the draft names, nor staff of "
                    + draft.getLocationId());
        }
        String memberId = member.get().getMemberId();
        if (INCIDENT.equals(type)) {
            return member.get().getLocationIds().contains(draft.getLocationId()) ? Optional.empty()
                    : Optional.of("incident notice for " + draft.getLocationId() + " to " + memberId
                            + ", who is not a member there");
        }
        RecipientRole expected = SPONSOR_ONLY.contains(type) ? RecipientRole.SPONSOR : RecipientRole.MEMBER;
        if (draft.getRecipient().getRole() == expected && memberId.equals(draft.getAboutMemberId())) {
            return Optional.empty();
        }
        return Optional.of(type + " mail to " + memberId + ", but it concerns "
                + (draft.getAboutMemberId() == null ? "no named member" : draft.getAboutMemberId())
                + (expected == RecipientRole.SPONSOR ? " as sponsor" : "'s credential"));
    }

    /** A visitor's or contractor's own pass: their kind of mail, sponsored by a member of that location. */
    private static Optional<String> passViolation(EmailDraft draft, RecipientRole role, Location location,
            Directory directory) {
        String type = draft.getEventType();
        String own = role == RecipientRole.VISITOR ? VISITOR : CONTRACTOR;
        if (!own.equals(type)) {
            return Optional.of(type + " mail to a " + role.name().toLowerCase(Locale.ROOT) + ", who receives only their own pass ("
                    + own + " mail)");
        }
        boolean sponsored = Optional.ofNullable(draft.getAboutMemberId()).flatMap(directory::member)
                .filter(sponsor -> sponsor.getLocationIds().contains(location.getLocationId())).isPresent();
        return sponsored ? Optional.empty() : Optional.of(type + " mail to a " + role.name().toLowerCase(Locale.ROOT)
                + " names no sponsor who is a member of " + location.getLocationId() + " ("
                + (draft.getAboutMemberId() == null ? "none named" : draft.getAboutMemberId()) + ")");
    }

    /**
     * A credential value goes to its holder alone: the member the draft is about (for a master
     * keycode, a staff member of that location), never to other staff or the staff mailbox.
     */
    private static Optional<String> credentialViolation(EmailDraft draft, String to, Location location,
            Directory directory) {
        String type = draft.getEventType();
        Optional<Member> holder = Optional.ofNullable(draft.getAboutMemberId()).flatMap(directory::member);
        if (holder.isEmpty() || !holder.get().getMemberId().equals(draft.getRecipient().getMemberId())
                || !DraftIds.normaliseEmail(holder.get().getEmail()).equals(to)) {
            return Optional.of(type + " mail carries a credential but goes to " + to
                    + ", who is not the directory member it belongs to ("
                    + (draft.getAboutMemberId() == null ? "none named" : draft.getAboutMemberId()) + ")");
        }
        if (MASTER_KEYCODE.equals(type) && !(holder.get().getRole() == MemberRole.STAFF
                && holder.get().getLocationIds().contains(location.getLocationId()))) {
            return Optional.of("master keycode of " + location.getLocationId() + " to " + holder.get().getMemberId()
                    + ", who is not staff there");
        }
        return Optional.empty();
    }

    private static boolean isStaffOf(Location location, String to, EmailDraft draft, Directory directory) {
        if (DraftIds.normaliseEmail(location.getStaffMailbox()).equals(to)) {
            return true;
        }
        return draft.getRecipient().getRole() == RecipientRole.STAFF
                && Optional.ofNullable(draft.getRecipient().getMemberId()).flatMap(directory::member)
                        .filter(m -> m.getRole() == MemberRole.STAFF)
                        .filter(m -> DraftIds.normaliseEmail(m.getEmail()).equals(to))
                        .filter(m -> m.getLocationIds().contains(location.getLocationId()))
                        .isPresent();
    }
}
