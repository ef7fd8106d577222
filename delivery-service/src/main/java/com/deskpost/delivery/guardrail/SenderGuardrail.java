package com.deskpost.delivery.guardrail;

import com.deskpost.delivery.feedback.FeedbackApplied;
import com.deskpost.delivery.guardrail.SenderCounts.Column;
import com.deskpost.delivery.guardrail.SenderPauses.Pause;
import com.deskpost.platform.api.NotFound;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Pauses a sender domain's commercial mail when its complaint or hard-bounce rate over the window passes its
 * threshold ({@link SenderThresholds}), and resumes it only by an audited action. Counts: every mail delivery records
 * as SENT (primary mail, not staff copies), and every hard bounce and complaint the feedback handling applies
 * ({@link FeedbackApplied}); soft bounces do not count. The rates are judged on each counted bounce or complaint (sent
 * mail only lowers them). The pause, its audit and its staff alerts commit together; a resume ends the pause, audits
 * who and why, and restarts the domain's counts, so the mail it lets go is not paused again at once by the very
 * complaints that paused it.
 */
@Component
class SenderGuardrail {

    private final SenderCounts counts;
    private final SenderPauses pauses;
    private final PauseNotices notices;
    private final TransactionTemplate transactions;
    private final SenderThresholds thresholds;

    SenderGuardrail(SenderCounts counts, SenderPauses pauses, PauseNotices notices, TransactionTemplate transactions,
            GuardrailProperties properties) {
        this.counts = counts;
        this.pauses = pauses;
        this.notices = notices;
        this.transactions = transactions;
        this.thresholds = properties.thresholds();
    }

    /** The pause of the domain's commercial mail, if it is paused. */
    Optional<Pause> pause(String senderDomain) {
        return pauses.of(senderDomain);
    }

    /** A mail from the domain was accepted by the relay; in the ledger row's transaction. */
    void sent(String senderDomain) {
        counts.add(senderDomain, Column.SENT, Clock.systemUTC().instant());
    }

    @EventListener
    void on(FeedbackApplied feedback) {
        Column column = switch (feedback.kind()) {
            case HARD_BOUNCE -> Column.HARD_BOUNCES;
            case COMPLAINT -> Column.COMPLAINTS;
            default -> null; // Soft bounces say nothing about the list's quality; unknown feedback is not counted.
        };
        if (column == null) {
            return;
        }
        String senderDomain = SenderDomains.domainOf("@" + feedback.senderDomain());
        Instant now = Clock.systemUTC().instant();
        Boolean paused = transactions.execute(status -> {
            counts.dropExpired(now); // Keeps the table the window's size; a few rows per domain go each hour.
            counts.add(senderDomain, column, now);
            WindowCounts window = counts.window(senderDomain, now);
            Optional<String> breach = thresholds.breach(window);
            if (breach.isEmpty() || !pauses.pause(senderDomain, now, breach.get())) {
                return false;
            }
            notices.paused(senderDomain, breach.get(), window, now);
            return true;
        });
        if (Boolean.TRUE.equals(paused)) {
            notices.send();
        }
    }

    /**
     * Resumes the domain's commercial mail: audited with who and why; the window's counts restart.
     *
     * @throws NotFound when the domain is not paused
     */
    Pause resume(String senderDomain, String who, String why) {
        Instant now = Clock.systemUTC().instant();
        return transactions.execute(status -> {
            Pause ended = pauses.resume(senderDomain).orElseThrow(() -> new NotFound("Sender domain " + senderDomain
                    + " is not paused: nothing to resume. GET /api/v1/sender-domains/" + senderDomain
                    + " shows its rates."));
            counts.restart(senderDomain);
            notices.resumed(senderDomain, ended.reason(), who, why, now);
            return ended;
        });
    }

    /** The domain's counts over the window now. */
    WindowCounts window(String senderDomain) {
        return counts.window(senderDomain, Clock.systemUTC().instant());
    }
}
