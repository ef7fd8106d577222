package com.deskpost.oversight.notify;

import java.util.Locale;
import java.util.Optional;

/** How one approver hears of held drafts: a mail per draft, a periodic digest, or not by mail. */
public enum Delivery {
    IMMEDIATE, DIGEST, OFF;

    /** The value a person types (any case); empty if it names no delivery. */
    public static Optional<Delivery> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(valueOf(value.strip().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException unknown) {
            return Optional.empty();
        }
    }
}
