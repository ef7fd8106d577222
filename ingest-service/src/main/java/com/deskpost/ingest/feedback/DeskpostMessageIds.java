package com.deskpost.ingest.feedback;

import java.util.Optional;
import java.util.UUID;

/**
 * Deskpost's own Message-ID: {@code <draftId@domain>}, or {@code <draftId.copy@domain>} for a staff copy (delivery's
 * MessageFactory). A report that names it ties back to one draft; one that names any other id (a provider's own)
 * names no draft.
 */
final class DeskpostMessageIds {

    private static final String COPY = ".copy";

    private DeskpostMessageIds() {
    }

    /** The id in its angle brackets (providers drop them: Mailgun), or null for a blank id. */
    static String bracketed(String messageId) {
        if (messageId == null || messageId.isBlank()) {
            return null;
        }
        String id = messageId.strip();
        return id.startsWith("<") && id.endsWith(">") ? id : "<" + id + ">";
    }

    /** The draft a Deskpost Message-ID was sent for; empty for any other id. */
    static Optional<String> draftId(String messageId) {
        String id = bracketed(messageId);
        if (id == null) {
            return Optional.empty();
        }
        int at = id.indexOf('@');
        if (at < 0) {
            return Optional.empty();
        }
        String local = id.substring(1, at);
        if (local.endsWith(COPY)) {
            local = local.substring(0, local.length() - COPY.length());
        }
        try {
            UUID uuid = UUID.fromString(local);
            // UUID.fromString accepts short groups ("1-1-1-1-1"): only the canonical form is a draft id.
            return uuid.toString().equals(local) ? Optional.of(local) : Optional.empty();
        } catch (IllegalArgumentException notDeskpost) {
            return Optional.empty();
        }
    }
}
