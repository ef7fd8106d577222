package com.deskpost.community;

import com.deskpost.platform.streams.RejectedEvent;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Checks on addresses and header values taken from facility events and inbound mail, before they
 * reach a draft: an address that is not one mailbox, or a value with CR or LF (header injection),
 * is refused with the reason, so the event is dead-lettered rather than drafted.
 */
public final class Addresses {

    /** One mailbox, local@domain, no spaces, no angle brackets, no list. */
    private static final Pattern MAILBOX = Pattern.compile("[^\\s@<>,;\"]+@[^\\s@<>,;\"]+\\.[^\\s@<>,;\"]+");

    private Addresses() {
    }

    public static String requireMailbox(String what, String address) {
        if (address == null || !MAILBOX.matcher(address.strip()).matches()) {
            throw new RejectedEvent(what + " '" + oneLine(address) + "' is not one email address");
        }
        return address.strip();
    }

    public static String requireOneLine(String what, String value) {
        if (value != null && (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0)) {
            throw new RejectedEvent(what + " contains CR or LF: refused as header injection");
        }
        return value;
    }

    /** The domain of an address, lower-case, or empty when it has none. */
    public static String domain(String address) {
        int at = address == null ? -1 : address.lastIndexOf('@');
        return at < 0 ? "" : address.substring(at + 1).strip().toLowerCase(Locale.ROOT);
    }

    private static String oneLine(String value) {
        return value == null ? "" : value.replaceAll("[\\r\\n]", " ");
    }
}
