package com.deskpost.oversight.expiry;

import com.deskpost.events.ApprovalOutcome;
import com.deskpost.events.AuditType;
import com.deskpost.oversight.queue.HeldDraft;
import com.deskpost.oversight.queue.HeldDraft.Status;
import com.deskpost.oversight.queue.HoldQueue;
import com.deskpost.oversight.queue.Resolutions;
import com.deskpost.platform.directory.Directory;
import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Held drafts nobody decided on in time are EXPIRED, never sent, and the location's staff are told
 * by an alert mail released straight to delivery: the member is still waiting for something.
 */
@Component
class ExpiryJob {

    private static final Logger log = LoggerFactory.getLogger(ExpiryJob.class);

    private final HoldQueue queue;
    private final Resolutions resolutions;
    private final Directory directory;
    private final TransactionTemplate tx;

    ExpiryJob(HoldQueue queue, Resolutions resolutions, Directory directory, TransactionTemplate tx) {
        this.queue = queue;
        this.resolutions = resolutions;
        this.directory = directory;
        this.tx = tx;
    }

    @Scheduled(fixedDelayString = "${deskpost.oversight.expiry-check-interval:30s}")
    void expireDue() {
        Instant now = Clock.systemUTC().instant();
        for (HeldDraft held : queue.dueForExpiry(now)) {
            tx.executeWithoutResult(status -> {
                if (queue.resolve(held.draftId(), Status.EXPIRED, Resolutions.ACTOR, now, null, "no decision in time")) {
                    resolutions.closed(held, AuditType.EXPIRED, ApprovalOutcome.EXPIRED, Resolutions.ACTOR,
                            "No decision before " + held.expiresAt() + ": expired, not sent", now);
                    directory.location(held.locationId()).ifPresent(location -> resolutions.expiryAlert(held, location, now));
                    log.warn("Held draft {} for {} expired", held.draftId(), held.recipient());
                }
            });
        }
    }
}
