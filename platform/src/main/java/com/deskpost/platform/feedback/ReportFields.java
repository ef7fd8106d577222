package com.deskpost.platform.feedback;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The "Name: value" groups of a message/delivery-status or message/feedback-report part: groups are separated by
 * blank lines, a value may be folded onto indented lines, names compare case-insensitively. A repeated field keeps
 * its first value (ARF's Original-Rcpt-To may repeat; the first recipient is the one reported on).
 */
final class ReportFields {

    private ReportFields() {
    }

    static List<Map<String, String>> groups(String text) {
        List<Map<String, String>> groups = new ArrayList<>();
        Map<String, String> group = new LinkedHashMap<>();
        String name = null;
        for (String line : text.replace("\r\n", "\n").split("\n", -1)) {
            if (line.isBlank()) {
                if (!group.isEmpty()) {
                    groups.add(group);
                    group = new LinkedHashMap<>();
                }
                name = null;
                continue;
            }
            if ((line.charAt(0) == ' ' || line.charAt(0) == '\t') && name != null) {
                group.put(name, group.get(name) + " " + line.strip());
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                name = null;
                continue;
            }
            name = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            if (group.containsKey(name)) {
                name = null;
                continue;
            }
            group.put(name, line.substring(colon + 1).strip());
        }
        if (!group.isEmpty()) {
            groups.add(group);
        }
        return groups;
    }

    /** A typed value ("smtp; 550 5.1.1 ...", "dns; mx.example.net") without its type. */
    static String untyped(String value) {
        if (value == null) {
            return null;
        }
        int semicolon = value.indexOf(';');
        if (semicolon > 0 && value.substring(0, semicolon).strip().matches("(?i)[a-z0-9-]+")) {
            return value.substring(semicolon + 1).strip();
        }
        return value.strip();
    }
}
