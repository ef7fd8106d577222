package com.deskpost.booking.calendar;

import java.nio.charset.StandardCharsets;

/** RFC 5545 §3.1 content lines: CRLF-terminated, folded at 75 octets, values escaped. */
final class ContentLines {

    private static final int MAX_OCTETS = 75;
    private final StringBuilder out = new StringBuilder();

    void line(String line) {
        int octets = 0;
        int limit = MAX_OCTETS;
        for (int i = 0; i < line.length(); ) {
            int codePoint = line.codePointAt(i);
            String character = new String(Character.toChars(codePoint));
            int size = character.getBytes(StandardCharsets.UTF_8).length;
            if (octets + size > limit) {
                // A continuation line starts with one space, which counts towards its 75 octets.
                out.append("\r\n ");
                octets = 0;
                limit = MAX_OCTETS - 1;
            }
            out.append(character);
            octets += size;
            i += Character.charCount(codePoint);
        }
        out.append("\r\n");
    }

    /** A TEXT value (§3.3.11): backslash, semicolon, comma and newlines escaped. */
    static String text(String value) {
        return value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
                .replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n");
    }

    /** A parameter value (§3.2): quoted, with the characters a quoted value cannot hold removed. */
    static String param(String value) {
        return "\"" + value.replaceAll("[\"\\r\\n]", "") + "\"";
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
