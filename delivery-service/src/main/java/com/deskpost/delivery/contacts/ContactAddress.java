package com.deskpost.delivery.contacts;

import com.deskpost.platform.api.InvalidRequest;
import com.deskpost.platform.id.DraftIds;

/**
 * An address as the contacts API accepts it: normalised as consent is keyed, and refused when it
 * cannot be a mailbox. Deliberately loose beyond that (RFC 5321 allows far more than any regex
 * admits); the relay is the judge of deliverability.
 */
final class ContactAddress {

    // RFC 5321 section 4.5.3.1.3: a path is at most 256 octets, so an address at most 254.
    private static final int MAX_LENGTH = 254;

    private ContactAddress() {
    }

    static String parse(String raw) {
        String email = raw == null ? "" : DraftIds.normaliseEmail(raw);
        int at = email.lastIndexOf('@');
        boolean plausible = at > 0 && at < email.length() - 1 && email.length() <= MAX_LENGTH
                && email.chars().noneMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c));
        if (!plausible) {
            throw new InvalidRequest("email", "'" + abbreviate(email) + "' is not an email address: expected "
                    + "local-part@domain, at most " + MAX_LENGTH + " characters, no spaces or control characters.");
        }
        return email;
    }

    private static String abbreviate(String text) {
        String printable = text.replaceAll("\\p{Cntrl}", "?");
        return printable.length() > 60 ? printable.substring(0, 60) + "..." : printable;
    }
}
