package com.deskpost.testsupport.registry;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.apache.avro.Schema;

/**
 * The registry's state: ids are global and never reused, a subject is an append-only list of
 * schema ids (version n is element n-1), and a schema registered again gets its existing id.
 * Every method is synchronized: check-then-register must be atomic, and contention in tests is
 * negligible.
 */
final class RegistryStore {

    /** A schema as registered under a subject. */
    record Registered(String subject, int version, int id, Schema schema) {
    }

    /** One place a schema id is used. */
    record SubjectVersion(String subject, int version) {
    }

    private final Map<Integer, Schema> schemasById = new HashMap<>();
    /**
     * Keyed by the parsed schema printed back ({@code Schema.toString()}), the canonical string
     * Confluent compares: whitespace and key order do not matter, docs and properties do.
     */
    private final Map<String, Integer> idsByCanonical = new HashMap<>();
    private final Map<String, List<Integer>> idsBySubject = new TreeMap<>();
    private final Map<String, CompatibilityLevel> subjectLevels = new HashMap<>();
    private CompatibilityLevel globalLevel = CompatibilityLevel.BACKWARD;

    synchronized int register(String subject, Schema schema) {
        Optional<Registered> existing = find(subject, schema);
        if (existing.isPresent()) {
            return existing.get().id();
        }
        List<String> problems = effectiveLevel(subject).problems(schema, history(subject));
        if (!problems.isEmpty()) {
            throw RegistryException.incompatible(subject, problems);
        }
        int id = idsByCanonical.computeIfAbsent(schema.toString(), canonical -> {
            int next = schemasById.size() + 1;
            schemasById.put(next, schema);
            return next;
        });
        idsBySubject.computeIfAbsent(subject, s -> new ArrayList<>()).add(id);
        return id;
    }

    synchronized Registered lookUp(String subject, Schema schema) {
        requireSubject(subject);
        return find(subject, schema).orElseThrow(RegistryException::schemaNotFound);
    }

    synchronized Schema schema(int id) {
        Schema schema = schemasById.get(id);
        if (schema == null) {
            throw RegistryException.schemaNotFound();
        }
        return schema;
    }

    synchronized List<SubjectVersion> usesOf(int id) {
        schema(id);
        List<SubjectVersion> uses = new ArrayList<>();
        idsBySubject.forEach((subject, ids) -> {
            for (int i = 0; i < ids.size(); i++) {
                if (ids.get(i) == id) {
                    uses.add(new SubjectVersion(subject, i + 1));
                }
            }
        });
        return uses;
    }

    synchronized List<String> subjects() {
        return List.copyOf(idsBySubject.keySet());
    }

    synchronized List<Integer> versions(String subject) {
        int count = requireSubject(subject).size();
        List<Integer> versions = new ArrayList<>();
        for (int v = 1; v <= count; v++) {
            versions.add(v);
        }
        return versions;
    }

    synchronized Registered version(String subject, String version) {
        List<Integer> ids = requireSubject(subject);
        int number = parseVersion(version, ids.size());
        if (number > ids.size()) {
            throw RegistryException.versionNotFound(number);
        }
        int id = ids.get(number - 1);
        return new Registered(subject, number, id, schemasById.get(id));
    }

    /** Problems {@code candidate} has against a version ("latest" applies the level to the history). */
    synchronized List<String> compatibilityProblems(String subject, String version, Schema candidate) {
        CompatibilityLevel level = effectiveLevel(subject);
        if (version.equals("latest")) {
            requireSubject(subject);
            return level.problems(candidate, history(subject));
        }
        Registered against = version(subject, version);
        return level.problemsAgainst(candidate, against.schema(), against.version());
    }

    synchronized CompatibilityLevel globalLevel() {
        return globalLevel;
    }

    synchronized void globalLevel(CompatibilityLevel level) {
        globalLevel = level;
    }

    synchronized Optional<CompatibilityLevel> subjectLevel(String subject) {
        return Optional.ofNullable(subjectLevels.get(subject));
    }

    synchronized void subjectLevel(String subject, CompatibilityLevel level) {
        subjectLevels.put(subject, level);
    }

    private CompatibilityLevel effectiveLevel(String subject) {
        return subjectLevels.getOrDefault(subject, globalLevel);
    }

    private Optional<Registered> find(String subject, Schema schema) {
        Integer id = idsByCanonical.get(schema.toString());
        List<Integer> ids = idsBySubject.getOrDefault(subject, List.of());
        int index = id == null ? -1 : ids.indexOf(id);
        return index < 0 ? Optional.empty() : Optional.of(new Registered(subject, index + 1, id, schemasById.get(id)));
    }

    private List<Schema> history(String subject) {
        return idsBySubject.getOrDefault(subject, List.of()).stream().map(schemasById::get).toList();
    }

    private List<Integer> requireSubject(String subject) {
        List<Integer> ids = idsBySubject.get(subject);
        if (ids == null) {
            throw RegistryException.subjectNotFound(subject);
        }
        return ids;
    }

    private static int parseVersion(String version, int latest) {
        if (version.equals("latest") || version.equals("-1")) {
            return latest;
        }
        int number;
        try {
            number = Integer.parseInt(version);
        } catch (NumberFormatException e) {
            throw RegistryException.invalidVersion(version);
        }
        if (number < 1) {
            throw RegistryException.invalidVersion(version);
        }
        return number;
    }
}
