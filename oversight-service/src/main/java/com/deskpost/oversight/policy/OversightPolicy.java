package com.deskpost.oversight.policy;

import com.deskpost.events.EmailDraft;
import com.deskpost.events.OversightMode;
import java.util.Locale;

/**
 * DESIGN 3.3: the effective mode of a draft is the strictest of the location mailbox's default,
 * the floor set for its event type and the mode the draft requests. Nothing a composer
 * or agent asks for can loosen the mailbox default or the floor: only an admin changes those ({@link Rules}).
 */
public final class OversightPolicy {

    /** The effective mode and the rule that produced it, in words for the audit trail. */
    public record Verdict(OversightMode mode, String rule) {
    }

    /** The mailbox mode and the floor that apply to a draft of this location and event type. */
    public record Applicable(OversightMode mailbox, OversightMode floor) {
    }

    /** Where the operator's policy is read: the stored policy (runtime), or settings held in hand. */
    @FunctionalInterface
    public interface Rules {
        Applicable applicable(String locationId, String eventType);
    }

    private final Rules rules;

    public OversightPolicy(Rules rules) {
        this.rules = rules;
    }

    /** A policy fixed to these settings, as configured (tests, and the seed of the stored policy). */
    public OversightPolicy(OversightProperties properties) {
        this(PolicySettings.of(properties));
    }

    /**
     * The draft's own request (a composer's or an agent's) and the one its facility event carried
     * ({@code header.requested_mode}, contract v7) both count; the stricter one is the request.
     */
    public Verdict evaluate(EmailDraft draft) {
        OversightMode byDraft = draft.getRequestedMode();
        OversightMode byEvent = draft.getHeader() == null ? null : draft.getHeader().getRequestedMode();
        if (byEvent == null || byDraft != null && byDraft.compareTo(byEvent) >= 0) {
            return evaluate(draft.getLocationId(), draft.getEventType(), byDraft);
        }
        Verdict verdict = evaluate(draft.getLocationId(), draft.getEventType(), byEvent);
        return new Verdict(verdict.mode(), verdict.rule().replace(", requested " + name(byEvent),
                ", requested " + name(byEvent) + " by the facility event"));
    }

    /** The verdict a draft of this location and event type, requesting this mode (or none), would get. */
    public Verdict evaluate(String locationId, String eventType, OversightMode requestedMode) {
        Applicable applicable = rules.applicable(locationId, eventType);
        OversightMode mailbox = applicable.mailbox();
        OversightMode floor = applicable.floor();
        OversightMode requested = requestedMode == null ? OversightMode.AUTONOMOUS : requestedMode;
        OversightMode effective = strictest(strictest(mailbox, floor), requested);
        String rule = "mailbox " + locationId + " default " + name(mailbox)
                + ", floor for " + eventType + " " + name(floor)
                + ", requested " + (requestedMode == null ? "none" : name(requested))
                + " -> " + name(effective);
        return new Verdict(effective, rule);
    }

    /** Enum order is the strictness order: AUTONOMOUS < MONITORED < GATED_SEND < GATED_ALL. */
    static OversightMode strictest(OversightMode a, OversightMode b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    /** A mode as staff write it: lower case. */
    public static String name(OversightMode mode) {
        return mode.name().toLowerCase(Locale.ROOT);
    }
}
