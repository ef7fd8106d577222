package com.deskpost.oversight.notify;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A notice in each vendor's incoming-webhook format. Slack: {@code text} (the fallback shown in notifications) with
 * Block Kit blocks, a mrkdwn section and a button to the draft. Teams (Workflows webhooks, which replace Office 365
 * connectors): a message with one Adaptive Card attachment, a fact set and an Action.OpenUrl to the draft.
 */
final class WebhookMessages {

    private WebhookMessages() {
    }

    static Map<String, Object> slack(String headline, Notice notice, Instant now) {
        StringBuilder text = new StringBuilder("*").append(escape(headline)).append("*\n");
        notice.facts(now).forEach((name, value) -> text.append(name).append(": ").append(escape(value)).append('\n'));
        text.append('<').append(notice.link()).append("|Open the draft>");
        return Map.of(
                "text", headline + ": " + notice.subject() + " " + notice.link(),
                "blocks", List.of(
                        Map.of("type", "section", "text", Map.of("type", "mrkdwn", "text", text.toString())),
                        Map.of("type", "actions", "elements", List.of(Map.of("type", "button",
                                "text", Map.of("type", "plain_text", "text", "Open the draft"),
                                "url", notice.link())))));
    }

    static Map<String, Object> teams(String headline, Notice notice, Instant now) {
        List<Map<String, String>> facts = notice.facts(now).entrySet().stream()
                .map(fact -> Map.of("title", fact.getKey(), "value", fact.getValue())).toList();
        Map<String, Object> card = Map.of(
                "$schema", "http://adaptivecards.io/schemas/adaptive-card.json",
                "type", "AdaptiveCard",
                "version", "1.4",
                "body", List.of(
                        Map.of("type", "TextBlock", "text", headline, "weight", "Bolder", "size", "Medium",
                                "wrap", true),
                        Map.of("type", "FactSet", "facts", facts)),
                "actions", List.of(Map.of("type", "Action.OpenUrl", "title", "Open the draft", "url", notice.link())));
        return Map.of("type", "message", "attachments", List.of(
                Map.of("contentType", "application/vnd.microsoft.card.adaptive", "content", card)));
    }

    /** Slack's mrkdwn reads &, < and > as markup: a subject must show as written. */
    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
