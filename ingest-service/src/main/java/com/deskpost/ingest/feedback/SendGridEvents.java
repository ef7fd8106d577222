package com.deskpost.ingest.feedback;

import com.deskpost.events.FeedbackKind;
import com.deskpost.events.MailFeedback;
import com.deskpost.platform.id.DraftIds;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * SendGrid's Event Webhook body (a JSON array of events) as feedback: {@code bounce} with {@code type: bounce} is a
 * hard bounce and with {@code type: blocked} a soft one (the receiver refused this time, often for policy);
 * {@code spamreport} is a complaint; {@code dropped} is a hard bounce when SendGrid dropped the mail because the
 * address bounced before or is invalid, a complaint when it reported spam before, and nothing for its other reasons
 * (unsubscribed, content, quota). Every other event (processed, delivered, deferred, open, click...) maps to nothing.
 * The Message-ID is {@code smtp-id}, which carries the one Deskpost set.
 */
final class SendGridEvents {

    static final String PROVIDER = "sendgrid";

    private SendGridEvents() {
    }

    /** Each event's feedback, or null for an event that is no feedback; one entry per event, in order. */
    static List<MailFeedback> map(JsonNode body, Instant receivedAt) {
        if (!body.isArray()) {
            throw WebhookJson.malformed("$", "expected SendGrid's JSON array of events");
        }
        List<MailFeedback> mapped = new ArrayList<>();
        for (int i = 0; i < body.size(); i++) {
            mapped.add(event(body.get(i), "$[" + i + "]", receivedAt));
        }
        return mapped;
    }

    private static MailFeedback event(JsonNode event, String path, Instant receivedAt) {
        if (!event.isObject()) {
            throw WebhookJson.malformed(path, "expected an event object");
        }
        String name = WebhookJson.text(event, path, "event");
        String reason = WebhookJson.optional(event, "reason");
        FeedbackKind kind = switch (name) {
            case "bounce" -> "blocked".equals(WebhookJson.optional(event, "type")) ? FeedbackKind.SOFT_BOUNCE
                    : FeedbackKind.HARD_BOUNCE;
            case "spamreport" -> FeedbackKind.COMPLAINT;
            case "dropped" -> dropped(reason);
            default -> null;
        };
        if (kind == null) {
            return null;
        }
        String email = WebhookJson.text(event, path, "email");
        String smtpId = WebhookJson.optional(event, "smtp-id");
        String eventId = WebhookJson.optional(event, "sg_event_id");
        if (eventId == null) {
            // Older accounts' events lack sg_event_id: what identifies the event is then its message, kind and time.
            eventId = DraftIds.nameBased(String.valueOf(smtpId), name, String.valueOf(WebhookJson.optional(event,
                    "timestamp")));
        }
        return Feedbacks.of(PROVIDER, eventId, kind, email, smtpId, WebhookJson.optional(event, "status"),
                reason != null ? reason : name, receivedAt);
    }

    private static FeedbackKind dropped(String reason) {
        if (reason == null) {
            return null;
        }
        if (reason.equalsIgnoreCase("Bounced Address") || reason.equalsIgnoreCase("Invalid")) {
            return FeedbackKind.HARD_BOUNCE;
        }
        return reason.equalsIgnoreCase("Spam Reporting Address") ? FeedbackKind.COMPLAINT : null;
    }
}
