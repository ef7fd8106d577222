package com.deskpost.platform.consent;

import com.deskpost.events.EmailCategory;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Whether a mail may go to an address, judged by the jurisdiction of the location the mail is
 * about (a member of London and San Francisco is judged by each region's rule independently).
 * Erased and hard-bounced addresses receive nothing at all. Commercial mail also needs: not
 * unsubscribed (CAN-SPAM, and every other regime); explicit opt-in in the EU and the UK (GDPR,
 * PECR); no CCPA opt-out in California; both where the location's jurisdiction is not one the rule knows
 * ({@link Jurisdiction}: it fails closed, to the strictest rule, never the loosest). Transactional and security mail is not marketing and
 * needs no opt-in. A soft-bounced address (N soft bounces in a window) receives nothing either. A
 * complained address receives no commercial mail, and no transactional mail when {@link ComplaintStops}
 * says so; security and access mail always goes (see {@link #suppressedBy(EmailCategory, String, Set, ComplaintStops)}).
 *
 * <p>The one statement of the rule: composers apply it before drafting (an announcement is never
 * drafted for someone it may not reach) and delivery applies it again at send time, against the
 * consent recorded by then.
 */
public final class ConsentGate {

    /** What the rule text of commercial mail stopped because its location's jurisdiction is unknown says of it. */
    private static final String NOT_RECOGNISED = "is not recognised";

    private ConsentGate() {
    }

    /** What a complaint stops ({@code deskpost.feedback.complaint-stops}). */
    public enum ComplaintStops {
        /** Commercial mail only: a booking confirmation still reaches someone who reported a newsletter as spam. */
        COMMERCIAL,
        /** Commercial and transactional mail. */
        COMMERCIAL_AND_TRANSACTIONAL
    }

    /** @return the rule that stops the mail, or empty when it may be sent; a complaint stops commercial mail */
    public static Optional<String> suppressedBy(EmailCategory category, String jurisdiction, Set<String> tags) {
        return suppressedBy(category, jurisdiction, tags, ComplaintStops.COMMERCIAL);
    }

    /**
     * @param complaintStops what a {@link ConsentTag#COMPLAINED} tag stops besides commercial mail
     * @return the rule that stops the mail, or empty when it may be sent
     */
    public static Optional<String> suppressedBy(EmailCategory category, String jurisdiction, Set<String> tags,
            ComplaintStops complaintStops) {
        if (tags.contains(ConsentTag.ERASED)) {
            return Optional.of("address erased (GDPR art. 17): nothing is sent");
        }
        if (tags.contains(ConsentTag.HARD_BOUNCED)) {
            return Optional.of("address hard-bounced: nothing is sent");
        }
        if (tags.contains(ConsentTag.SOFT_BOUNCED)) {
            return Optional.of("address soft-bounced repeatedly: nothing is sent until the tag is removed");
        }
        // Security and access mail (a door code, a password reset) is never stopped by a complaint: a spam click on
        // a newsletter must not lock a member out of the building or their account, and the mail is not marketing.
        if (tags.contains(ConsentTag.COMPLAINED) && (category == EmailCategory.COMMERCIAL
                || (category == EmailCategory.TRANSACTIONAL
                        && complaintStops == ComplaintStops.COMMERCIAL_AND_TRANSACTIONAL))) {
            return Optional.of("recipient complained (reported mail as spam): no " + category.name().toLowerCase(Locale.ROOT)
                    + " mail");
        }
        if (category != EmailCategory.COMMERCIAL) {
            return Optional.empty();
        }
        if (tags.contains(ConsentTag.UNSUBSCRIBED)) {
            return Optional.of("unsubscribed from commercial mail");
        }
        Jurisdiction regime = Jurisdiction.of(jurisdiction);
        if (regime == Jurisdiction.UNRECOGNISED) {
            return unrecognised(jurisdiction, tags);
        }
        if (regime.needsOptIn() && !tags.contains(ConsentTag.OPT_IN)) {
            return Optional.of("commercial mail in " + regime.code() + " needs explicit opt-in (GDPR): none recorded");
        }
        if (regime.honoursCcpaOptOut() && tags.contains(ConsentTag.CCPA_OPT_OUT)) {
            return Optional.of("CCPA opt-out recorded for " + regime.code() + " commercial mail");
        }
        return Optional.empty();
    }

    /** Fail closed: a code the rule does not know asks for all that any known one asks. */
    private static Optional<String> unrecognised(String jurisdiction, Set<String> tags) {
        String stopped;
        if (!tags.contains(ConsentTag.OPT_IN)) {
            stopped = "explicit opt-in needed, none recorded";
        } else if (tags.contains(ConsentTag.CCPA_OPT_OUT)) {
            stopped = "CCPA opt-out recorded";
        } else {
            return Optional.empty();
        }
        return Optional.of("jurisdiction " + Jurisdiction.quoted(jurisdiction) + " " + NOT_RECOGNISED
                + ", so commercial mail is judged by the strictest rule (" + stopped + "); "
                + Jurisdiction.hint(jurisdiction));
    }

    /**
     * A short, stable name for a rule {@link #suppressedBy} returned (or any text naming one), for
     * metric tags: {@code erased}, {@code hard_bounced}, {@code unsubscribed}, {@code no_opt_in},
     * {@code ccpa_opt_out}, {@code unknown_jurisdiction}, {@code soft_bounced}, {@code complained}, {@code topic_off};
     * {@code other} for anything else.
     */
    public static String ruleKey(String rule) {
        String text = rule == null ? "" : rule.toLowerCase(Locale.ROOT);
        // First: the rule names a topic, which could be any word.
        if (text.startsWith(TOPIC_RULE)) {
            return "topic_off";
        }
        // Then: the strictest rule's text names the opt-in or CCPA rule it applied, but the cause is the code.
        if (text.contains(NOT_RECOGNISED)) {
            return "unknown_jurisdiction";
        }
        if (text.contains("erased")) {
            return "erased";
        }
        if (text.contains("hard-bounced")) {
            return "hard_bounced";
        }
        if (text.contains("soft-bounced")) {
            return "soft_bounced";
        }
        if (text.contains("complained")) {
            return "complained";
        }
        if (text.contains("unsubscribed")) {
            return "unsubscribed";
        }
        if (text.contains("opt-in")) {
            return "no_opt_in";
        }
        if (text.contains("ccpa")) {
            return "ccpa_opt_out";
        }
        if (text.contains("reported late")) {
            return "reported_late";
        }
        return "other";
    }

    private static final String TOPIC_RULE = "preference centre:";

    /**
     * The rule with the member's topic choices (the preference centre, {@link TopicPreferences}): mail the rule
     * above allows is still stopped when it is commercial, has a topic, and the recipient switched that topic off
     * for the location the mail is about. Mail of no topic, and transactional and security mail, is judged by the
     * rule above alone.
     *
     * @param topic the draft's preference topic, or null
     * @param locationId the location the mail is about
     * @return the rule that stops the mail, or empty when it may be sent
     */
    public static Optional<String> suppressedBy(EmailCategory category, String jurisdiction, Set<String> tags,
            ComplaintStops complaintStops, String topic, String locationId) {
        Optional<String> rule = suppressedBy(category, jurisdiction, tags, complaintStops);
        return rule.isPresent() ? rule : topicSwitchedOff(category, topic, locationId, tags);
    }

    /** @return the topic rule alone: whether the recipient switched this commercial mail's topic off for its location */
    public static Optional<String> topicSwitchedOff(EmailCategory category, String topic, String locationId,
            Set<String> tags) {
        if (category != EmailCategory.COMMERCIAL || topic == null || topic.isBlank() || locationId == null) {
            return Optional.empty();
        }
        String name = topic.strip().toLowerCase(Locale.ROOT);
        return tags.contains(TopicPreferences.PREFIX + name + "@" + locationId)
                ? Optional.of(TOPIC_RULE + " topic '" + name + "' switched off for location " + locationId)
                : Optional.empty();
    }
}
