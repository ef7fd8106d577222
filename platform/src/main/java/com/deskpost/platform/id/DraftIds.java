package com.deskpost.platform.id;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.UUID;

/**
 * Deterministic ids. A draft id is a name-based UUID of (source event id, template, recipient),
 * so reprocessing a topic from offset 0 yields the same draft ids and delivery's ledger
 * recognises them (DESIGN section 3.1).
 */
public final class DraftIds {

    private DraftIds() {
    }

    public static String draftId(String sourceEventId, String template, String recipientEmail) {
        return nameBased("draft", sourceEventId, template, normaliseEmail(recipientEmail));
    }

    /** A name-based UUID (RFC 9562 version 3, the JDK's) of the parts, joined unambiguously. */
    public static String nameBased(String... parts) {
        StringBuilder name = new StringBuilder();
        for (String part : parts) {
            // Length-prefix each part so ("ab","c") and ("a","bc") cannot collide.
            name.append(part.length()).append(':').append(part).append('|');
        }
        return UUID.nameUUIDFromBytes(name.toString().getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** Trimmed, lower-case address: the form consent, suppression and the ledger key on. */
    public static String normaliseEmail(String email) {
        return email.trim().toLowerCase(Locale.ROOT);
    }

    /** An optional address filter: blank or absent means no filter (null), otherwise the normalised address. */
    public static String normaliseOptionalEmail(String email) {
        return email == null || email.isBlank() ? null : normaliseEmail(email);
    }
}
