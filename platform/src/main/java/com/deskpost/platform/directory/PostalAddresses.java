package com.deskpost.platform.directory;

import com.deskpost.events.PostalAddress;

/** A location's postal address on one line, as mail shows it (CAN-SPAM requires it in commercial mail). */
public final class PostalAddresses {

    private PostalAddresses() {
    }

    public static String oneLine(PostalAddress a) {
        StringBuilder out = new StringBuilder(a.getLine1());
        if (a.getLine2() != null) {
            out.append(", ").append(a.getLine2());
        }
        out.append(", ").append(a.getCity());
        if (a.getRegion() != null) {
            out.append(", ").append(a.getRegion());
        }
        return out.append(' ').append(a.getPostalCode()).append(", ").append(a.getCountry()).toString();
    }
}
