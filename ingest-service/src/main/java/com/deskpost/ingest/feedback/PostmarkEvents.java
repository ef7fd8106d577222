package com.deskpost.ingest.feedback;

import com.deskpost.events.FeedbackKind;
import com.deskpost.events.MailFeedback;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * A Postmark bounce or spam-complaint webhook as feedback. {@code Type} decides: {@code HardBounce} and
 * {@code BadEmailAddress} are hard bounces; {@code SoftBounce}, {@code Transient}, {@code DnsError},
 * {@code SpamNotification} and {@code Blocked} soft ones (the mailbox or its filter refused this time, the address
 * is not proven dead); {@code SpamComplaint} is a complaint. Every other type (AutoResponder, AddressChange,
 * Unsubscribe, ...) and every other record type (Delivery, Open, Click, SubscriptionChange) maps to nothing.
 * Postmark's {@code MessageID} is its own id, not the Message-ID header: Deskpost's Message-ID is read from the
 * bounce's {@code Content} (the raw report) when Postmark includes it, and the draft from
 * {@code Metadata.draft_id} when the sender set it.
 */
final class PostmarkEvents {

    static final String PROVIDER = "postmark";

    private static final Map<String, FeedbackKind> KINDS = Map.of(
            "HardBounce", FeedbackKind.HARD_BOUNCE, "BadEmailAddress", FeedbackKind.HARD_BOUNCE,
            "SoftBounce", FeedbackKind.SOFT_BOUNCE, "Transient", FeedbackKind.SOFT_BOUNCE,
            "DnsError", FeedbackKind.SOFT_BOUNCE, "SpamNotification", FeedbackKind.SOFT_BOUNCE,
            "Blocked", FeedbackKind.SOFT_BOUNCE, "SpamComplaint", FeedbackKind.COMPLAINT);
    private static final Pattern MESSAGE_ID = Pattern.compile("(?im)^Message-ID:\\s*(<[^>\\s]+>)");

    private PostmarkEvents() {
    }

    /** The call's identity for replay protection: the record type and Postmark's record ID. */
    static String id(JsonNode webhook) {
        return WebhookJson.text(webhook, "$", "RecordType") + ":" + WebhookJson.text(webhook, "$", "ID");
    }

    /** When Postmark recorded the bounce or complaint. */
    static Instant at(JsonNode webhook) {
        return WebhookJson.instant(webhook, "$", "BouncedAt");
    }

    static Optional<MailFeedback> map(JsonNode webhook, Instant receivedAt) {
        String recordType = WebhookJson.text(webhook, "$", "RecordType");
        if (!"Bounce".equals(recordType) && !"SpamComplaint".equals(recordType)) {
            return Optional.empty();
        }
        FeedbackKind kind = "SpamComplaint".equals(recordType) ? FeedbackKind.COMPLAINT
                : KINDS.get(WebhookJson.text(webhook, "$", "Type"));
        if (kind == null) {
            return Optional.empty();
        }
        String details = WebhookJson.optional(webhook, "Details");
        String description = WebhookJson.optional(webhook, "Description");
        MailFeedback feedback = Feedbacks.of(PROVIDER, id(webhook), kind, WebhookJson.text(webhook, "$", "Email"),
                messageId(WebhookJson.optional(webhook, "Content")), details,
                details != null && !details.isBlank() ? details : description, receivedAt);
        String draft = WebhookJson.optional(webhook.path("Metadata"), "draft_id");
        if (feedback.getDraftId() == null && draft != null && !draft.isBlank()) {
            feedback.setDraftId(draft.strip());
        }
        return Optional.of(feedback);
    }

    private static String messageId(String content) {
        if (content == null) {
            return null;
        }
        Matcher matcher = MESSAGE_ID.matcher(content);
        return matcher.find() ? matcher.group(1) : null;
    }
}
