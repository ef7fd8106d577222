package com.deskpost.ingest.feedback;

import java.time.Instant;
import java.util.Base64;
import tools.jackson.databind.JsonNode;

/**
 * An Amazon SNS HTTP(S) delivery (a {@code Notification}, {@code SubscriptionConfirmation} or
 * {@code UnsubscribeConfirmation}) and the string SNS signs for it: the documented keys of its type, in byte order,
 * each as {@code key\nvalue\n}; {@code Subject} only when the message has one.
 */
record SnsMessage(String type, String messageId, String topicArn, String subject, String message, String timestamp,
        String subscribeUrl, String token, String signatureVersion, String signature, String signingCertUrl) {

    static final String NOTIFICATION = "Notification";
    static final String SUBSCRIPTION_CONFIRMATION = "SubscriptionConfirmation";
    static final String UNSUBSCRIBE_CONFIRMATION = "UnsubscribeConfirmation";

    static SnsMessage from(JsonNode json) {
        if (!json.isObject()) {
            throw WebhookJson.malformed("$", "expected an Amazon SNS message (a JSON object with Type, MessageId, "
                    + "TopicArn, Message, Timestamp, Signature...)");
        }
        String type = WebhookJson.text(json, "$", "Type");
        boolean confirmation = SUBSCRIPTION_CONFIRMATION.equals(type) || UNSUBSCRIBE_CONFIRMATION.equals(type);
        if (!confirmation && !NOTIFICATION.equals(type)) {
            throw WebhookJson.malformed("$.Type", "\"" + type + "\" is not an SNS message type (Notification, "
                    + "SubscriptionConfirmation, UnsubscribeConfirmation)");
        }
        return new SnsMessage(type, WebhookJson.text(json, "$", "MessageId"), WebhookJson.text(json, "$", "TopicArn"),
                WebhookJson.optional(json, "Subject"), WebhookJson.text(json, "$", "Message"),
                WebhookJson.text(json, "$", "Timestamp"),
                confirmation ? WebhookJson.text(json, "$", "SubscribeURL") : null,
                confirmation ? WebhookJson.text(json, "$", "Token") : null,
                WebhookJson.text(json, "$", "SignatureVersion"), WebhookJson.text(json, "$", "Signature"),
                WebhookJson.text(json, "$", "SigningCertURL"));
    }

    boolean notification() {
        return NOTIFICATION.equals(type);
    }

    /** The string SNS signs (its "verifying the signatures of Amazon SNS messages" page). */
    String stringToSign() {
        StringBuilder text = new StringBuilder();
        append(text, "Message", message);
        append(text, "MessageId", messageId);
        if (notification()) {
            if (subject != null) {
                append(text, "Subject", subject);
            }
        } else {
            append(text, "SubscribeURL", subscribeUrl);
        }
        append(text, "Timestamp", timestamp);
        if (!notification()) {
            append(text, "Token", token);
        }
        append(text, "TopicArn", topicArn);
        append(text, "Type", type);
        return text.toString();
    }

    /** SignatureVersion 1 is SHA1withRSA, 2 is SHA256withRSA; any other version is refused. */
    String signatureAlgorithm() {
        return switch (signatureVersion) {
            case "1" -> "SHA1withRSA";
            case "2" -> "SHA256withRSA";
            default -> throw new WebhookRefused(WebhookRefused.Reason.UNAUTHORIZED, "SNS SignatureVersion \""
                    + signatureVersion + "\" is not supported (1 or 2)");
        };
    }

    byte[] signatureBytes() {
        try {
            return Base64.getMimeDecoder().decode(signature);
        } catch (IllegalArgumentException e) {
            throw new WebhookRefused(WebhookRefused.Reason.UNAUTHORIZED, "The SNS Signature is not base64", e);
        }
    }

    Instant sentAt() {
        try {
            return Instant.parse(timestamp);
        } catch (java.time.DateTimeException e) {
            throw WebhookJson.malformed("$.Timestamp", "not an ISO-8601 instant: \"" + timestamp + "\"");
        }
    }

    private static void append(StringBuilder text, String key, String value) {
        text.append(key).append('\n').append(value).append('\n');
    }
}
