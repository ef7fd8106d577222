package com.deskpost.booking;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A minimal RFC 5545 reader for tests: CRLF lines, unfolded (§3.1), as name-with-parameters and value. */
record Ics(List<String> lines) {

    static Ics parse(String text) {
        if (!text.endsWith("\r\n") || text.replace("\r\n", "").contains("\n")) {
            throw new AssertionError("Content lines must end in CRLF");
        }
        for (String physical : text.split("\r\n")) {
            if (physical.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 75) {
                throw new AssertionError("Line longer than 75 octets: " + physical);
            }
        }
        // Unfolding: a CRLF followed by one space or tab is removed.
        String unfolded = text.replaceAll("\r\n[ \t]", "");
        return new Ics(List.of(unfolded.split("\r\n")));
    }

    /** The value of the first property whose name (with parameters) is exactly {@code nameAndParams}. */
    Optional<String> value(String nameAndParams) {
        return lines.stream().filter(line -> line.startsWith(nameAndParams + ":"))
                .map(line -> line.substring(nameAndParams.length() + 1)).findFirst();
    }

    /** The lines of the first component {@code BEGIN:name} … {@code END:name} whose lines contain {@code marker}. */
    List<String> component(String name, String marker) {
        List<String> current = null;
        for (String line : lines) {
            if (line.equals("BEGIN:" + name)) {
                current = new ArrayList<>();
            } else if (line.equals("END:" + name) && current != null) {
                if (current.contains(marker)) {
                    return current;
                }
                current = null;
            } else if (current != null) {
                current.add(line);
            }
        }
        return List.of();
    }
}
