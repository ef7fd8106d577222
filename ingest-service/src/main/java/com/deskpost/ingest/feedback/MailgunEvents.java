package com.deskpost.ingest.feedback;

import com.deskpost.events.FeedbackKind;
import com.deskpost.events.MailFeedback;
import java.time.Instant;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * A Mailgun webhook's {@code event-data} as feedback: {@code failed} with {@code severity: permanent} is a hard
 * bounce, with {@code temporary} a soft one; {@code complained} is a complaint. A permanent failure because Mailgun
 * suppressed the address itself counts for what suppressed it: {@code suppress-complaint} is a complaint and
 * {@code suppress-unsubscribe} nothing (consent is not feedback). Every other event (accepted, delivered, opened,
 * clicked, unsubscribed...) maps to nothing. The Message-ID is {@code message.headers.message-id}, which Mailgun
 * gives without angle brackets.
 */
final class MailgunEvents {

    static final String PROVIDER = "mailgun";

    private MailgunEvents() {
    }

    static Optional<MailFeedback> map(JsonNode body, Instant receivedAt) {
        JsonNode event = WebhookJson.object(body, "$", "event-data");
        String path = "$.event-data";
        String name = WebhookJson.text(event, path, "event");
        String reason = WebhookJson.optional(event, "reason");
        FeedbackKind kind;
        if ("complained".equals(name)) {
            kind = FeedbackKind.COMPLAINT;
        } else if ("failed".equals(name)) {
            String severity = WebhookJson.text(event, path, "severity");
            kind = "suppress-complaint".equals(reason) ? FeedbackKind.COMPLAINT
                    : "suppress-unsubscribe".equals(reason) ? null
                    : "permanent".equals(severity) ? FeedbackKind.HARD_BOUNCE : FeedbackKind.SOFT_BOUNCE;
        } else {
            kind = null;
        }
        if (kind == null) {
            return Optional.empty();
        }
        JsonNode status = event.path("delivery-status");
        String message = WebhookJson.optional(status, "message");
        String description = WebhookJson.optional(status, "description");
        String diagnostic = message != null && !message.isBlank() ? message
                : description != null && !description.isBlank() ? description : reason;
        String enhanced = WebhookJson.optional(status, "enhanced-code");
        return Optional.of(Feedbacks.of(PROVIDER, WebhookJson.text(event, path, "id"), kind,
                WebhookJson.text(event, path, "recipient"),
                WebhookJson.optional(event.path("message").path("headers"), "message-id"),
                enhanced != null ? enhanced : (message == null ? "" : message) + " " + (description == null ? ""
                        : description), diagnostic, receivedAt));
    }
}
