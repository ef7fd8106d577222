package com.deskpost.ingest.feedback;

import com.deskpost.events.FeedbackKind;
import com.deskpost.events.MailFeedback;
import com.deskpost.platform.feedback.EnhancedStatus;
import com.deskpost.platform.id.DraftIds;
import java.time.Instant;

/**
 * One provider event as the contract's {@link MailFeedback}: the recipient normalised, the feedback id a name-based
 * UUID of the provider, its own event id and the recipient (so a redelivered event collapses), the draft id when the
 * Message-ID is Deskpost's, and source and reporter the provider's name.
 */
final class Feedbacks {

    private Feedbacks() {
    }

    /**
     * @param provider  "ses", "postmark", "sendgrid" or "mailgun"
     * @param eventId   the provider's id of the event (SES feedbackId, Postmark ID, sg_event_id, Mailgun id)
     * @param messageId the Message-ID of the message reported on, if the event carries it
     * @param status    the enhanced status code, or a text holding one; null when none
     */
    static MailFeedback of(String provider, String eventId, FeedbackKind kind, String recipient, String messageId,
            String status, String diagnostic, Instant receivedAt) {
        String address = DraftIds.normaliseEmail(recipient);
        String bracketed = DeskpostMessageIds.bracketed(messageId);
        return MailFeedback.newBuilder()
                .setFeedbackId(DraftIds.nameBased("feedback", provider, eventId, address))
                .setReceivedAt(receivedAt)
                .setKind(kind)
                .setRecipient(address)
                .setDraftId(DeskpostMessageIds.draftId(bracketed).orElse(null))
                .setMessageId(bracketed)
                .setStatus(EnhancedStatus.find(status).map(EnhancedStatus::toString).orElse(null))
                .setDiagnostic(diagnostic == null || diagnostic.isBlank() ? null : diagnostic.strip())
                .setSource(provider)
                .setReporter(provider)
                .build();
    }
}
