package com.deskpost.oversight.notify;

import com.deskpost.events.AuditType;
import com.deskpost.oversight.notify.HeldDraftNotices.Pending;
import com.deskpost.oversight.queue.Resolutions;
import com.deskpost.platform.audit.AuditEvents;
import com.deskpost.platform.id.DraftIds;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A held draft still undecided {@code escalate-before} its expiry is escalated, once, to the location's staff mailbox
 * (and its webhooks) and audited {@code ESCALATED}. The claim ({@link HeldNotices#claimEscalations}) commits with the
 * mail and the audit, so of any number of replicas exactly one escalates each draft.
 */
@Component
public class Escalations {

    static final String HEADLINE = "Still waiting: this mail expires soon unless someone decides";

    private final HeldNotices notices;
    private final HeldDraftNotices drafts;
    private final NoticeMails mails;
    private final Webhooks webhooks;
    private final TransactionTemplate tx;
    private final Duration before;

    public Escalations(HeldNotices notices, HeldDraftNotices drafts, NoticeMails mails, Webhooks webhooks,
            TransactionTemplate tx, NotificationProperties properties) {
        this.notices = notices;
        this.drafts = drafts;
        this.mails = mails;
        this.webhooks = webhooks;
        this.tx = tx;
        this.before = properties.escalateBefore();
    }

    @Scheduled(fixedDelayString = "${deskpost.oversight.notifications.interval:10s}")
    void run() {
        escalateDue();
    }

    /** @return the webhook posts started, each ending true when delivered */
    public List<CompletableFuture<Boolean>> escalateDue() {
        Instant now = Clock.systemUTC().instant();
        List<Pending> escalated = new ArrayList<>();
        tx.executeWithoutResult(status -> notices.claimEscalations(now, before).forEach(draftId -> drafts
                .pending(draftId).filter(pending -> pending.held().expiresAt().isAfter(now)).ifPresent(pending -> {
                    escalate(pending, now);
                    escalated.add(pending);
                })));
        notices.forget(now);
        List<CompletableFuture<Boolean>> posts = new ArrayList<>();
        escalated.forEach(pending -> posts.addAll(webhooks.post(pending.location().getLocationId(), HEADLINE,
                pending.notice(), now)));
        return posts;
    }

    private void escalate(Pending pending, Instant now) {
        String staff = pending.location().getStaffMailbox();
        String draftId = pending.held().draftId();
        mails.send(DraftIds.nameBased("approval-escalation", draftId), pending.location().getLocationId(), staff,
                "Approval overdue: " + pending.notice().subject(), pending.notice().text(HEADLINE, now),
                "approval_escalated", "staff alert: held draft about to expire", now);
        mails.audit(AuditEvents.of(pending.draft(), AuditType.ESCALATED, Resolutions.ACTOR)
                .detail("Undecided " + before + " before expiry: escalated to " + staff)
                .attribute("escalated_to", staff)
                .at(now).build());
    }
}
