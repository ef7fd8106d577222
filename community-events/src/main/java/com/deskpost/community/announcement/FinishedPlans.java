package com.deskpost.community.announcement;

import com.deskpost.events.EntityStatus;
import com.deskpost.events.EntityVersion;
import com.deskpost.platform.streams.DueIndex;
import com.deskpost.platform.streams.Emit;
import com.deskpost.platform.topic.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An announcement whose fan-out is complete is over: its version is published again with status {@code CLOSED}
 * (same version, so it supersedes none of its own drafts), and {@code grace} later its plan is deleted from the
 * store (the changelog gets the tombstone). The community handler ignores an announcement no newer than a
 * {@code CLOSED} version (mail.entity-versions, kept for good), so a replay after the plan is gone fans out
 * nothing again. Without this, done plans would stay in the store, and in every slice's scan of it, for ever.
 */
final class FinishedPlans {

    static final String DUE_STORE = "community-fanouts-due";
    static final Duration CHECK_INTERVAL = Duration.ofMinutes(1);
    private static final int MAX_PER_CHECK = 1_000;
    private static final Logger log = LoggerFactory.getLogger(FinishedPlans.class);

    private final KeyValueStore<String, FanOutPlan> plans;
    private final DueIndex due;
    private final Duration grace;

    FinishedPlans(KeyValueStore<String, FanOutPlan> plans, DueIndex due, Duration grace) {
        this.plans = plans;
        this.due = due;
        this.grace = grace;
    }

    /** The announcement's fan-out just completed: when its plan goes, and the version that says it is over. */
    Emit<EntityVersion> finished(String announcementId, FanOutPlan plan, long now) {
        due.schedule(announcementId, now + grace.toMillis(), Long.toString(plan.version()));
        return closed(announcementId, plan);
    }

    /** The finished plan's version, CLOSED. */
    Emit<EntityVersion> closed(String announcementId, FanOutPlan plan) {
        String key = AnnouncementDrafts.supersedeKey(announcementId);
        return Emit.to(Topics.MAIL_ENTITY_VERSIONS, key, EntityVersion.newBuilder().setSupersedeKey(key)
                .setVersion(plan.version()).setStatus(EntityStatus.CLOSED)
                .setSourceEventId(plan.event().getHeader().getEventId())
                .setOccurredAt(plan.event().getHeader().getOccurredAt()).build());
    }

    /**
     * Deletes the plans whose grace has passed. Returns the closing versions of plans finished before this class
     * existed, scheduled by one scan at the first call.
     */
    List<Emit<?>> forgetDue(long now) {
        List<Emit<?>> closed = new ArrayList<>();
        due.fillOnce(() -> {
            List<KeyValue<String, FanOutPlan>> done = new ArrayList<>();
            try (KeyValueIterator<String, FanOutPlan> all = plans.all()) {
                all.forEachRemaining(entry -> {
                    if (entry.value.done()) {
                        done.add(entry);
                    }
                });
            }
            done.forEach(entry -> closed.add(finished(entry.key, entry.value, now)));
        });
        for (DueIndex.Due entry : due.takeDue(now, MAX_PER_CHECK)) {
            FanOutPlan plan = plans.get(entry.entityKey());
            if (plan == null || !plan.done() || !Long.toString(plan.version()).equals(entry.token())) {
                continue; // a newer version replaced the plan, or it is gone already
            }
            plans.delete(entry.entityKey());
            log.info("Announcement {} version {} fanned out {} ago: its plan is forgotten", entry.entityKey(),
                    plan.version(), grace);
        }
        return closed;
    }
}
