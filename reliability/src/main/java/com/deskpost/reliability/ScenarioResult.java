package com.deskpost.reliability;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a scenario measured: its figures in print order, whether every invariant held, and for each
 * one that did not, a sentence saying which and by how much.
 */
public record ScenarioResult(String name, Map<String, Object> figures, List<String> violations, List<String> notes) {

    public ScenarioResult {
        figures = new LinkedHashMap<>(figures);
        violations = List.copyOf(violations);
        notes = List.copyOf(notes);
    }

    public boolean passed() {
        return violations.isEmpty();
    }

    /** The one line the suite prints for this scenario. */
    public String line() {
        StringBuilder line = new StringBuilder(passed() ? "PASS " : "FAIL ").append(name);
        figures.forEach((key, value) -> line.append(' ').append(key).append('=').append(value));
        return line.toString();
    }
}
