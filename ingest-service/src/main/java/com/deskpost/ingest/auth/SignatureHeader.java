package com.deskpost.ingest.auth;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** A {@code t=<unix seconds>,<scheme>=<hex mac>} signature header, the layout several webhook senders use. */
public record SignatureHeader(long timestamp, String scheme, String mac) {

    /** The header with the MAC under {@code v1}. */
    static Optional<SignatureHeader> parse(String header) {
        return parse(header, "v1");
    }

    /** The header with the MAC under the first of the schemes present, or empty if it is malformed. */
    public static Optional<SignatureHeader> parse(String header, String... schemes) {
        Map<String, String> parts = new HashMap<>();
        for (String part : header.split(",")) {
            int eq = part.indexOf('=');
            if (eq > 0) {
                parts.putIfAbsent(part.substring(0, eq).trim(), part.substring(eq + 1).trim());
            }
        }
        String t = parts.get("t");
        if (t == null || !t.matches("\\d{1,12}")) {
            return Optional.empty();
        }
        for (String scheme : schemes) {
            if (parts.containsKey(scheme)) {
                return Optional.of(new SignatureHeader(Long.parseLong(t), scheme, parts.get(scheme)));
            }
        }
        return Optional.empty();
    }
}
