package com.deskpost.oversight.admin;

import com.deskpost.events.OversightMode;
import java.util.Arrays;
import java.util.Locale;

/** Oversight modes as admins write them (lower case, any case accepted), refused by name when unknown. */
public final class Modes {

    public static final String NAMES = "autonomous, monitored, gated_send or gated_all";

    private Modes() {
    }

    public static OversightMode parse(String what, String value) {
        String name = value == null ? "" : value.strip().toUpperCase(Locale.ROOT);
        return Arrays.stream(OversightMode.values()).filter(mode -> mode.name().equals(name)).findFirst()
                .orElseThrow(() -> AdminRefusal.invalid("unknown_mode", what + " must be " + NAMES + "; got '"
                        + value + "'"));
    }
}
