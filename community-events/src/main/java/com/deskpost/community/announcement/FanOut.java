package com.deskpost.community.announcement;

import com.deskpost.community.consent.ConsentLookup;
import com.deskpost.events.EmailDraft;
import com.deskpost.events.Location;
import com.deskpost.events.Member;
import com.deskpost.platform.consent.UnrecognisedJurisdictions;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One slice of an announcement's fan-out: examines at most {@code budget} members after the plan's
 * cursor, drafts for those the audience rule addresses, and returns the advanced plan. Bounding the
 * members examined bounds the time a slice holds the stream thread, however large the audience.
 * Each location it judges consent by is shown to {@link UnrecognisedJurisdictions}, which warns once of
 * a jurisdiction the consent rule does not know.
 */
public final class FanOut {

    private static final Logger log = LoggerFactory.getLogger(FanOut.class);

    /** What one slice produced. */
    record Slice(FanOutPlan plan, List<EmailDraft> drafts) {
    }

    private final AnnouncementDrafts drafts;
    private final UnrecognisedJurisdictions jurisdictions;

    public FanOut(AnnouncementDrafts drafts, UnrecognisedJurisdictions jurisdictions) {
        this.drafts = drafts;
        this.jurisdictions = jurisdictions;
    }

    /** Every location of the directory, when a fan-out task starts: a wrong jurisdiction shows before any mail. */
    void look(Iterable<Location> directory) {
        jurisdictions.seenAll(directory);
    }

    /** @param members the directory's members in id order, starting after the plan's cursor */
    Slice next(FanOutPlan plan, Iterator<Member> members, int budget,
            Function<String, Optional<Location>> locations, ConsentLookup consent) {
        List<EmailDraft> out = new ArrayList<>();
        String last = null;
        int examined = 0;
        int withheld = 0;
        int failed = 0;
        while (examined < budget && members.hasNext()) {
            Member member = members.next();
            last = member.getMemberId();
            examined++;
            Audience.Verdict verdict = Audience.judge(plan.announcement(), member,
                    id -> locations.apply(id).map(jurisdictions::seen), consent.tags(member.getEmail()));
            if (verdict instanceof Audience.Addressed addressed) {
                try {
                    out.add(drafts.draft(plan.event(), plan.announcement(), member, addressed.about()));
                } catch (RuntimeException e) {
                    // One member's bad directory entry must not stall the whole announcement.
                    failed++;
                    log.warn("Announcement {}: no mail for member {}: {}", plan.announcement().getAnnouncementId(),
                            member.getMemberId(), e.getMessage(), e);
                }
            } else if (verdict instanceof Audience.Withheld stopped) {
                withheld++;
                log.debug("Announcement {}: member {} withheld: {}", plan.announcement().getAnnouncementId(),
                        member.getMemberId(), stopped.rule());
            }
        }
        return new Slice(plan.advanced(last, examined, out.size(), withheld, failed, !members.hasNext()), out);
    }
}
