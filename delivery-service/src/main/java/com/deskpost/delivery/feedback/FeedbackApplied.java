package com.deskpost.delivery.feedback;

import com.deskpost.events.FeedbackKind;

/**
 * Published (as a Spring application event) once delivery has tied a bounce or complaint to a message it sent and
 * applied it: what the sender-domain guardrails count.
 *
 * @param senderDomain the domain of the From address the message was sent with (the location's sender mailbox)
 * @param recipientDomain the domain of the address reported on
 * @param kind hard bounce, soft bounce or complaint
 * @param draftId the draft the message was sent for
 * @param commercial whether the message was commercial mail (the guardrails pause commercial mail only)
 */
public record FeedbackApplied(String senderDomain, String recipientDomain, FeedbackKind kind, String draftId,
        boolean commercial) {
}
