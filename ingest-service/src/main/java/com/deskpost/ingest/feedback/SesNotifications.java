package com.deskpost.ingest.feedback;

import com.deskpost.events.FeedbackKind;
import com.deskpost.events.MailFeedback;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * An Amazon SES notification (SNS {@code Message}, from notifications or event publishing) as feedback: a
 * {@code Bounce} is a hard bounce when {@code bounceType} is {@code Permanent}, a soft one when it is
 * {@code Transient} or {@code Undetermined} (SES could not tell, so the address is not blamed at once); a
 * {@code Complaint} is a complaint. One feedback per listed recipient. Every other type (Delivery, Send, Open,
 * Click, DeliveryDelay, Reject...) maps to nothing. The Message-ID is the original one from
 * {@code mail.commonHeaders.messageId}, else the {@code Message-ID} of {@code mail.headers} (SES replaces the header
 * when it sends, and reports the original there); {@code mail.messageId} is SES's own id, not ours.
 */
final class SesNotifications {

    static final String PROVIDER = "ses";

    private SesNotifications() {
    }

    static List<MailFeedback> map(String snsMessage, Instant receivedAt) {
        JsonNode notification = WebhookJson.parse(snsMessage.getBytes(StandardCharsets.UTF_8),
                "an Amazon SES notification in the SNS Message");
        if (!notification.isObject()) {
            throw WebhookJson.malformed("$.Message", "expected an Amazon SES notification object");
        }
        String type = WebhookJson.optional(notification, "notificationType");
        if (type == null) {
            type = WebhookJson.optional(notification, "eventType");
        }
        if (type == null) {
            throw WebhookJson.malformed("$.Message", "neither notificationType nor eventType: not an SES notification");
        }
        if (!"Bounce".equals(type) && !"Complaint".equals(type)) {
            return List.of();
        }
        String messageId = messageId(WebhookJson.object(notification, "$.Message", "mail"));
        return "Bounce".equals(type) ? bounces(notification, messageId, receivedAt)
                : complaints(notification, messageId, receivedAt);
    }

    private static List<MailFeedback> bounces(JsonNode notification, String messageId, Instant receivedAt) {
        JsonNode bounce = WebhookJson.object(notification, "$.Message", "bounce");
        String path = "$.Message.bounce";
        String bounceType = WebhookJson.text(bounce, path, "bounceType");
        FeedbackKind kind = "Permanent".equals(bounceType) ? FeedbackKind.HARD_BOUNCE : FeedbackKind.SOFT_BOUNCE;
        String feedbackId = WebhookJson.text(bounce, path, "feedbackId");
        String subType = WebhookJson.optional(bounce, "bounceSubType");
        List<MailFeedback> feedback = new ArrayList<>();
        for (JsonNode recipient : recipients(bounce, path, "bouncedRecipients")) {
            String diagnostic = WebhookJson.optional(recipient, "diagnosticCode");
            feedback.add(Feedbacks.of(PROVIDER, feedbackId, kind, WebhookJson.text(recipient, path, "emailAddress"),
                    messageId, WebhookJson.optional(recipient, "status"),
                    diagnostic != null ? diagnostic : bounceType + (subType == null ? "" : " / " + subType),
                    receivedAt));
        }
        return feedback;
    }

    private static List<MailFeedback> complaints(JsonNode notification, String messageId, Instant receivedAt) {
        JsonNode complaint = WebhookJson.object(notification, "$.Message", "complaint");
        String path = "$.Message.complaint";
        String feedbackId = WebhookJson.text(complaint, path, "feedbackId");
        String type = WebhookJson.optional(complaint, "complaintFeedbackType");
        String subType = WebhookJson.optional(complaint, "complaintSubType");
        String diagnostic = type != null ? "complaint: " + type : subType != null ? "complaint: " + subType : null;
        List<MailFeedback> feedback = new ArrayList<>();
        for (JsonNode recipient : recipients(complaint, path, "complainedRecipients")) {
            feedback.add(Feedbacks.of(PROVIDER, feedbackId, FeedbackKind.COMPLAINT,
                    WebhookJson.text(recipient, path, "emailAddress"), messageId, null, diagnostic, receivedAt));
        }
        return feedback;
    }

    private static List<JsonNode> recipients(JsonNode parent, String path, String name) {
        JsonNode list = parent.get(name);
        if (list == null || !list.isArray() || list.isEmpty()) {
            throw WebhookJson.malformed(path + "." + name, "missing or empty: the report names no recipient");
        }
        List<JsonNode> recipients = new ArrayList<>();
        list.forEach(recipients::add);
        return recipients;
    }

    private static String messageId(JsonNode mail) {
        String common = WebhookJson.optional(mail.path("commonHeaders"), "messageId");
        if (common != null && !common.isBlank()) {
            return common;
        }
        JsonNode headers = mail.get("headers");
        if (headers != null && headers.isArray()) {
            for (JsonNode header : headers) {
                if ("Message-ID".equalsIgnoreCase(WebhookJson.optional(header, "name"))) {
                    return WebhookJson.optional(header, "value");
                }
            }
        }
        return null;
    }
}
