package com.deskpost.community.announcement;

import com.deskpost.events.AnnouncementRequested;
import com.deskpost.events.EmailCategory;
import com.deskpost.events.Location;
import com.deskpost.events.Member;
import com.deskpost.events.MemberRole;
import com.deskpost.events.MemberStatus;
import com.deskpost.platform.consent.ConsentGate;
import com.deskpost.platform.consent.ConsentGate.ComplaintStops;
import java.util.Collections;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Who an announcement is for, and who of them may receive it. The audience is the active members
 * (not staff) of the announcement's locations, narrowed to those carrying one of its tags when it
 * names any. Announcements are commercial mail, so each member is then judged by the consent rule
 * of the jurisdiction of each audience location they belong to, in the announcement's order; the
 * first location whose rule allows the mail is the one the mail is about (sender, address in the
 * footer, jurisdiction delivery judges it by again). The rule includes the member's topic choices: a
 * member who switched the announcement's topic off for a location is not mailed about that location.
 * A member whom no such location allows is withheld: nothing is drafted for them.
 */
public final class Audience {

    private Audience() {
    }

    /** What the rule says about one member. */
    public sealed interface Verdict {
    }

    /** In the audience and allowed: the mail is about this location. */
    public record Addressed(Location about) implements Verdict {
    }

    /** Not in the audience at all. */
    public record NotInAudience() implements Verdict {
    }

    /** In the audience, but the consent rule of every location they belong to stops the mail. */
    public record Withheld(String rule) implements Verdict {
    }

    public static Verdict judge(AnnouncementRequested announcement, Member member,
            Function<String, Optional<Location>> locations, Set<String> consentTags) {
        if (member.getStatus() != MemberStatus.ACTIVE || member.getRole() != MemberRole.MEMBER) {
            return new NotInAudience();
        }
        if (!announcement.getMemberTags().isEmpty()
                && Collections.disjoint(announcement.getMemberTags(), member.getTags())) {
            return new NotInAudience();
        }
        String topic = AnnouncementDrafts.topic(announcement);
        String firstRule = null;
        for (String locationId : announcement.getLocationIds()) {
            if (!member.getLocationIds().contains(locationId)) {
                continue;
            }
            Optional<Location> location = locations.apply(locationId);
            if (location.isEmpty()) {
                continue;
            }
            Optional<String> rule = ConsentGate.suppressedBy(EmailCategory.COMMERCIAL,
                    location.get().getJurisdiction(), consentTags, ComplaintStops.COMMERCIAL, topic, locationId);
            if (rule.isEmpty()) {
                return new Addressed(location.get());
            }
            firstRule = firstRule == null ? rule.get() : firstRule;
        }
        return firstRule == null ? new NotInAudience() : new Withheld(firstRule);
    }
}
