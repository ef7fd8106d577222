package com.deskpost.platform.audit;

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
        for (String secret : secrets) {
            if (secret != null && !secret.isEmpty()) {
                masked = masked.replace(secret, MASK);
            }
        }
        return masked;
    }
}
