package com.deskpost.oversight.notify;

import com.deskpost.events.AuditType;
import com.deskpost.oversight.notify.HeldDraftNotices.Approver;
import com.deskpost.oversight.notify.HeldDraftNotices.Pending;
import com.deskpost.oversight.queue.Resolutions;
import com.deskpost.platform.audit.AuditEvents;
import com.deskpost.platform.id.DraftIds;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Tells a location's approvers that a draft is held for them, each as they chose ({@link NoticePreferences}): a mail
 * now, an entry in their next digest, or nothing; and posts it to the location's webhooks. The claim, the mails and
 * the {@code APPROVERS_NOTIFIED} audit (who, by which channel) commit together, so every replica may run the job and a
 * draft is announced once; webhooks are posted after the commit, so one that is down delays nothing.
 */
@Component
public class ApproverNotices {

    static final String HEADLINE = "A mail is waiting for your approval";

    private final HeldNotices notices;
    private final HeldDraftNotices drafts;
    private final NoticePreferences preferences;
    private final NoticeMails mails;
    private final Webhooks webhooks;
    private final TransactionTemplate tx;

    public ApproverNotices(HeldNotices notices, HeldDraftNotices drafts, NoticePreferences preferences,
            NoticeMails mails, Webhooks webhooks, TransactionTemplate tx) {
        this.notices = notices;
        this.drafts = drafts;
        this.preferences = preferences;
        this.mails = mails;
        this.webhooks = webhooks;
        this.tx = tx;
    }

    @Scheduled(fixedDelayString = "${deskpost.oversight.notifications.interval:10s}")
    void run() {
        announceNew();
    }

    /** @return the webhook posts started, each ending true when delivered (tests wait on them) */
    public List<CompletableFuture<Boolean>> announceNew() {
        Instant now = Clock.systemUTC().instant();
        List<Pending> announced = new ArrayList<>();
        tx.executeWithoutResult(status -> notices.claimNew(now).forEach(draftId -> drafts.pending(draftId)
                .ifPresent(pending -> {
                    announce(pending, now);
                    announced.add(pending);
                })));
        List<CompletableFuture<Boolean>> posts = new ArrayList<>();
        announced.forEach(pending -> posts.addAll(webhooks.post(pending.location().getLocationId(), HEADLINE,
                pending.notice(), now)));
        return posts;
    }

    private void announce(Pending pending, Instant now) {
        List<String> told = new ArrayList<>();
        String draftId = pending.held().draftId();
        for (Approver approver : drafts.approversOf(pending.location())) {
            switch (preferences.deliveryOf(approver.memberId())) {
                case IMMEDIATE -> {
                    mails.send(DraftIds.nameBased("approver-notice", draftId, approver.memberId()),
                            pending.location().getLocationId(), approver.email(),
                            "Approval needed: " + pending.notice().subject(), pending.notice().text(HEADLINE, now),
                            "approval_needed", "approver notice: draft held", now);
                    told.add(approver.email() + " (mail)");
                }
                case DIGEST -> {
                    notices.noteForDigest(approver.memberId(), draftId, now);
                    told.add(approver.email() + " (digest)");
                }
                case OFF -> told.add(approver.email() + " (off)");
            }
        }
        List<String> channels = webhooks.channelsOf(pending.location().getLocationId());
        mails.audit(AuditEvents.of(pending.draft(), AuditType.APPROVERS_NOTIFIED, Resolutions.ACTOR)
                .detail("Approvers told the draft is held: " + (told.isEmpty() ? "none to mail" : String.join(", ", told))
                        + (channels.isEmpty() ? "" : "; webhooks: " + String.join(", ", channels)))
                .attribute("approvers", String.join(", ", told))
                .attribute("webhooks", String.join(", ", channels))
                .at(now).build());
    }
}
