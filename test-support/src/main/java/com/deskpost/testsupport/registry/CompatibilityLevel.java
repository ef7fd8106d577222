package com.deskpost.testsupport.registry;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.Incompatibility;

/**
 * Confluent's compatibility levels. BACKWARD: the new schema reads data written with the old one;
 * FORWARD: the old schema reads data written with the new one; FULL: both. Non-transitive levels
 * compare with the latest version only, transitive ones with every version.
 */
enum CompatibilityLevel {
    NONE(false, false, false),
    BACKWARD(true, false, false),
    BACKWARD_TRANSITIVE(true, false, true),
    FORWARD(false, true, false),
    FORWARD_TRANSITIVE(false, true, true),
    FULL(true, true, false),
    FULL_TRANSITIVE(true, true, true);

    private final boolean backward;
    private final boolean forward;
    private final boolean transitive;

    CompatibilityLevel(boolean backward, boolean forward, boolean transitive) {
        this.backward = backward;
        this.forward = forward;
        this.transitive = transitive;
    }

    static CompatibilityLevel parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw RegistryException.invalidLevel(text);
        }
    }

    /**
     * Why {@code candidate} may not follow {@code history} (oldest first, index i is version i+1);
     * empty when it may.
     */
    List<String> problems(Schema candidate, List<Schema> history) {
        List<String> problems = new ArrayList<>();
        int first = transitive ? 0 : Math.max(0, history.size() - 1);
        for (int i = first; i < history.size(); i++) {
            problems.addAll(problemsAgainst(candidate, history.get(i), i + 1));
        }
        return problems;
    }

    /** Why {@code candidate} and one existing version are incompatible in this level's direction(s). */
    List<String> problemsAgainst(Schema candidate, Schema existing, int version) {
        List<String> problems = new ArrayList<>();
        if (backward) {
            describe(candidate, existing,
                    "the new schema cannot read data written with version " + version, problems);
        }
        if (forward) {
            describe(existing, candidate,
                    "version " + version + " cannot read data written with the new schema", problems);
        }
        return problems;
    }

    private static void describe(Schema reader, Schema writer, String direction, List<String> into) {
        List<Incompatibility> found = SchemaCompatibility.checkReaderWriterCompatibility(reader, writer)
                .getResult().getIncompatibilities();
        for (Incompatibility incompatibility : found) {
            into.add(incompatibility.getType() + " at " + incompatibility.getLocation() + ": "
                    + incompatibility.getMessage() + " (" + direction + ")");
        }
    }
}
