package com.deskpost.delivery.guardrail;

import com.deskpost.events.Location;
import java.util.Locale;

/** A location's sender domain: the domain of its sender mailbox, the From of its mail, lower case. */
final class SenderDomains {

    private SenderDomains() {
    }

    static String of(Location location) {
        return domainOf(location.getSenderMailbox());
    }

    static String domainOf(String address) {
        String domain = address == null ? "" : address.substring(address.lastIndexOf('@') + 1);
        return domain.strip().toLowerCase(Locale.ROOT);
    }
}
