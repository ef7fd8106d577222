package com.deskpost.platform.audit;

import java.util.Comparator;
import java.util.List;

/** Masks credential values (door codes, keycodes) wherever text leaves the rightful recipient's mail. */
public final class Secrets {

    public static final String MASK = "••••••";

    private Secrets() {
    }

    public static String mask(String text, List<String> secrets) {
        if (text == null || secrets == null) {
            return text;
        }
        String masked = text;
        // Longest first: with "4821" and "4821-7730", masking the short one first would leave "-7730" readable.
        List<String> longestFirst = secrets.stream().filter(s -> s != null && !s.isEmpty())
                .sorted(Comparator.comparingInt(String::length).reversed()).toList();
        for (String secret : longestFirst) {
            masked = masked.replace(secret, MASK);
        }
        return masked;
    }
}
