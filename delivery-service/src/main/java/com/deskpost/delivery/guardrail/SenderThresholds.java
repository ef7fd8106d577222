package com.deskpost.delivery.guardrail;

import java.util.Optional;

/**
 * When a sender domain's commercial mail must pause: over the window, once at least {@code minimumSent} mails were
 * sent, a complaint rate above {@code complaintRate} or a hard-bounce rate above {@code bounceRate}. Mailbox
 * providers judge a sender domain's reputation by these two rates (Gmail and Yahoo sender guidelines: complaints under
 * 0.1 %, never 0.3 %); pausing the mail people did not ask for protects the mail they need from the same domain.
 */
record SenderThresholds(int minimumSent, double complaintRate, double bounceRate) {

    /** Why the counts call for a pause, in words staff can act on; empty when they do not. */
    Optional<String> breach(WindowCounts counts) {
        if (counts.sent() < minimumSent || counts.sent() == 0) {
            return Optional.empty();
        }
        if (counts.complaintRate() > complaintRate) {
            return Optional.of("complaint rate %s (%d complaints / %d sent) is above %s".formatted(
                    percent(counts.complaintRate()), counts.complaints(), counts.sent(), percent(complaintRate)));
        }
        if (counts.bounceRate() > bounceRate) {
            return Optional.of("hard-bounce rate %s (%d hard bounces / %d sent) is above %s".formatted(
                    percent(counts.bounceRate()), counts.hardBounces(), counts.sent(), percent(bounceRate)));
        }
        return Optional.empty();
    }

    static String percent(double rate) {
        return String.format(java.util.Locale.ROOT, "%.2f %%", rate * 100);
    }
}
