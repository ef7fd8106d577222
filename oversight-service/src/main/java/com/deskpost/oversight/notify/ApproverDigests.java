package com.deskpost.oversight.notify;

import com.deskpost.oversight.notify.HeldDraftNotices.Pending;
import com.deskpost.platform.id.DraftIds;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Approvers who chose a digest get one mail per run of {@code digest-cron} listing the drafts held for them since
 * their last digest that are still waiting (a decided one is left out; none left, no mail). Entries are claimed in the
 * transaction that writes the mail, so two replicas never list a draft twice; the mail's id is made of the drafts it
 * lists, so two digests that split one approver's entries between replicas are both delivered.
 */
@Component
public class ApproverDigests {

    private final HeldNotices notices;
    private final HeldDraftNotices drafts;
    private final NoticeMails mails;
    private final TransactionTemplate tx;

    public ApproverDigests(HeldNotices notices, HeldDraftNotices drafts, NoticeMails mails, TransactionTemplate tx) {
        this.notices = notices;
        this.drafts = drafts;
        this.mails = mails;
        this.tx = tx;
    }

    @Scheduled(cron = "${deskpost.oversight.notifications.digest-cron:0 0 * * * *}")
    public void sendDigests() {
        Instant now = Clock.systemUTC().instant();
        for (String memberId : notices.membersWithDigests()) {
            tx.executeWithoutResult(status -> {
                List<String> claimed = notices.claimDigest(memberId, now).stream().sorted().toList();
                Optional<String> email = drafts.emailOf(memberId);
                List<Pending> waiting = claimed.stream().flatMap(id -> drafts.pending(id).stream()).toList();
                if (email.isPresent() && !waiting.isEmpty()) {
                    send(memberId, email.get(), claimed, waiting, now);
                }
            });
        }
    }

    private void send(String memberId, String email, List<String> claimed, List<Pending> waiting, Instant now) {
        StringBuilder text = new StringBuilder(waiting.size() + " mail" + (waiting.size() == 1 ? " is" : "s are")
                + " waiting for your approval:\n");
        for (Pending pending : waiting) {
            text.append("\n").append(pending.notice().text("- " + pending.notice().subject(), now));
        }
        mails.send(DraftIds.nameBased("approver-digest", memberId, String.join(",", claimed)),
                waiting.get(0).location().getLocationId(), email,
                "Approvals waiting: " + waiting.size() + " held", text.toString(), "approval_digest",
                "approver digest: drafts held", now);
    }
}
