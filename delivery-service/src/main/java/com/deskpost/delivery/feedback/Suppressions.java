package com.deskpost.delivery.feedback;

import com.deskpost.delivery.contacts.ConsentRecorder;
import com.deskpost.events.ConsentAction;
import com.deskpost.events.MailFeedback;
import com.deskpost.platform.consent.ConsentTag;
import org.springframework.stereotype.Component;

/**
 * What a report does to the address, within the caller's transaction: recorded once (a replay does nothing), then
 * a hard bounce tags it {@code hard_bounced}, the soft bounce that makes N within the window tags it
 * {@code soft_bounced} (ConsentGate sends nothing to it until a person removes the tag), a complaint tags it
 * {@code complained}. Tags go through the consent path, so they take effect at once and reach mail.consent.
 */
@Component
class Suppressions {

    /** Who makes these changes, on mail.consent and in the consent history: this service, on a report's word. */
    static final String CHANGED_BY = "delivery";

    private final FeedbackHistory history;
    private final ConsentRecorder consent;
    private final FeedbackProperties settings;

    Suppressions(FeedbackHistory history, ConsentRecorder consent, FeedbackProperties settings) {
        this.history = history;
        this.consent = consent;
        this.settings = settings;
    }

    /** @return false when the report was applied before */
    boolean apply(MailFeedback feedback, String recipient, String draftId) {
        if (!history.record(feedback, recipient, draftId)) {
            return false;
        }
        switch (feedback.getKind()) {
            case HARD_BOUNCE -> tag(recipient, ConsentTag.HARD_BOUNCED, "bounce", feedback);
            case SOFT_BOUNCE -> {
                var rule = settings.softBounce();
                if (history.softBouncesSince(recipient, feedback.getReceivedAt().minus(rule.window())) >= rule.threshold()) {
                    tag(recipient, ConsentTag.SOFT_BOUNCED, "bounce", feedback);
                }
            }
            case COMPLAINT -> tag(recipient, ConsentTag.COMPLAINED, "complaint", feedback);
            default -> throw new IllegalStateException("Only bounces and complaints are applied, not " + feedback.getKind());
        }
        return true;
    }

    private void tag(String recipient, String tag, String source, MailFeedback feedback) {
        consent.record(recipient, tag, ConsentAction.ADDED, source, feedback.getFeedbackId(), CHANGED_BY);
    }
}
