package com.deskpost.platform.topic;

import com.deskpost.events.EmailCategory;
import com.deskpost.events.EmailDraft;
import com.deskpost.events.OutboundEmail;

/**
 * Drafts and released mail travel in one of three lanes by category, each a pair of topics with
 * consumers of its own in oversight and delivery: access and other security mail is never queued
 * behind a backlog of transactional mail, and an announcement to thousands never queues either of
 * them. Within a lane, one recipient's mail about one entity keeps its order (same {@link DraftKeys draft key},
 * same partition); the mail of one entity to many recipients spreads over the lane's partitions.
 */
public enum Lane {
    /** Security mail: keycards, door codes, visitors, incidents. */
    PRIORITY(Topics.MAIL_DRAFTS_PRIORITY, Topics.MAIL_OUTBOUND_PRIORITY),
    /** Transactional mail: bookings, billing, replies. */
    STANDARD(Topics.MAIL_DRAFTS, Topics.MAIL_OUTBOUND),
    /** Commercial mail: community and promotional announcements. */
    BULK(Topics.MAIL_DRAFTS_BULK, Topics.MAIL_OUTBOUND_BULK);

    private final Topic<EmailDraft> drafts;
    private final Topic<OutboundEmail> outbound;

    Lane(Topic<EmailDraft> drafts, Topic<OutboundEmail> outbound) {
        this.drafts = drafts;
        this.outbound = outbound;
    }

    public static Lane of(EmailCategory category) {
        return switch (category) {
            case SECURITY -> PRIORITY;
            case TRANSACTIONAL -> STANDARD;
            case COMMERCIAL -> BULK;
        };
    }

    public static Lane of(EmailDraft draft) {
        return of(draft.getCategory());
    }

    /** Where composers publish drafts of this lane. */
    public Topic<EmailDraft> drafts() {
        return drafts;
    }

    /** Where oversight releases drafts of this lane for delivery. */
    public Topic<OutboundEmail> outbound() {
        return outbound;
    }
}
