package com.deskpost.community.announcement;

import com.deskpost.events.CommunityEvent;
import com.deskpost.platform.topic.Partitioning;
import com.deskpost.platform.topic.Topic;

/**
 * The community service's own topic: every announcement it accepted, keyed by announcement id. It
 * feeds the fan-out, which cannot sit in the facility.community sub-topology: that one is wired by
 * the platform's event routing, which gives handlers stores but no punctuator, and the fan-out runs
 * in slices on a punctuator. Private to this service, so it is declared here rather than among the
 * shared topics of DESIGN section 2. Partitioned like facility.community, which feeds it: several
 * announcements fan out in parallel, one per task.
 */
public final class AnnouncementQueue {

    public static final Topic<CommunityEvent> TOPIC =
            Topic.internal("deskpost.community.announcements", CommunityEvent.class, Topic.Kind.EVENTS,
                    Partitioning.FACILITY);

    private AnnouncementQueue() {
    }
}
