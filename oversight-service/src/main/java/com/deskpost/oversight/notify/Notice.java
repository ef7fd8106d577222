package com.deskpost.oversight.notify;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a notice says of one held draft, in mail, Slack and Teams alike: location, event type, subject, why it was
 * held, time left and the link to it on the ops page. The subject is the queue's (credentials shown as
 * [credential n], a clear one masked) and no body is included, so a notice never carries a credential value.
 */
record Notice(String draftId, String locationName, String eventType, String subject, String reason,
        Instant expiresAt, String link) {

    /** The facts, in the order shown. */
    Map<String, String> facts(Instant now) {
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("Location", locationName);
        facts.put("Event type", eventType);
        facts.put("Subject", subject);
        facts.put("Held because", reason);
        facts.put("Time left", timeLeft(now));
        return facts;
    }

    String text(String headline, Instant now) {
        StringBuilder text = new StringBuilder(headline).append("\n\n");
        facts(now).forEach((name, value) -> text.append(name).append(": ").append(value).append('\n'));
        return text.append("\nDecide on it: ").append(link).append('\n').toString();
    }

    String timeLeft(Instant now) {
        Duration left = Duration.between(now, expiresAt);
        if (left.isNegative() || left.isZero()) {
            return "expired (" + expiresAt + ")";
        }
        return (left.toHours() > 0 ? left.toHours() + " h " : "") + left.toMinutesPart() + " min (expires "
                + expiresAt + ")";
    }
}
