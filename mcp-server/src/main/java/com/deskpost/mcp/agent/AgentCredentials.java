package com.deskpost.mcp.agent;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The configured agent credentials, checked once at start-up: each has a unique id (letters,
 * digits, {@code . _ -}), a unique key of at least 16 characters and at least one scope; and no
 * credential holds both {@code send} and {@code oversight}, so no agent can approve the mail it
 * sends. A violation stops the server with a message naming the credential and the fix.
 */
public final class AgentCredentials {

    public static final int MIN_KEY_LENGTH = 16;
    /** The same form oversight accepts for the {@code agent:<id>} it decides as. */
    static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,57}");

    /** One credential as configured: {@code deskpost.mcp.agents[n].id / .key / .scopes}. */
    public record Credential(String id, String key, List<String> scopes) {

        public Credential {
            scopes = scopes == null ? List.of() : List.copyOf(scopes);
        }

        @Override
        public String toString() {
            // Never print the key.
            return "Credential[id=" + id + ", scopes=" + scopes + "]";
        }
    }

    private record Entry(byte[] key, Agent agent) {
    }

    private final List<Entry> entries;

    private AgentCredentials(List<Entry> entries) {
        this.entries = entries;
    }

    /** @throws IllegalStateException naming every problem, when any credential is unacceptable */
    public static AgentCredentials of(List<Credential> credentials) {
        List<String> problems = new ArrayList<>();
        List<Entry> entries = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < credentials.size(); i++) {
            Credential credential = credentials.get(i);
            String name = "deskpost.mcp.agents[" + i + "]" + (credential.id() == null ? "" : " (" + credential.id() + ")");
            if (credential.id() == null || !ID.matcher(credential.id()).matches()) {
                problems.add(name + ": id must be 1 to 58 letters, digits, '.', '_' or '-', starting with a letter or digit");
            } else if (!ids.add(credential.id())) {
                problems.add(name + ": id is used by another credential; each agent needs its own id");
            }
            if (credential.key() == null || credential.key().length() < MIN_KEY_LENGTH) {
                problems.add(name + ": key must be at least " + MIN_KEY_LENGTH + " characters");
            } else if (!keys.add(credential.key())) {
                problems.add(name + ": key is used by another credential; give each credential its own key");
            }
            Set<Scope> scopes = EnumSet.noneOf(Scope.class);
            for (String scope : credential.scopes()) {
                try {
                    scopes.add(Scope.parse(scope));
                } catch (IllegalArgumentException e) {
                    problems.add(name + ": " + e.getMessage());
                }
            }
            if (scopes.isEmpty()) {
                problems.add(name + ": give at least one scope of send, read, oversight, contacts");
            }
            if (scopes.contains(Scope.SEND) && scopes.contains(Scope.OVERSIGHT)) {
                problems.add(name + ": holds both send and oversight; one credential may never do both, or an agent"
                        + " could approve the mail it sends. Split it into two credentials for two different agents");
            }
            if (credential.key() != null && credential.id() != null) {
                entries.add(new Entry(credential.key().getBytes(StandardCharsets.UTF_8), new Agent(credential.id(), scopes)));
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Agent credentials refused:\n - " + String.join("\n - ", problems));
        }
        return new AgentCredentials(List.copyOf(entries));
    }

    /** The agent whose key this is; compares every key in constant time, so timing does not reveal one. */
    public Optional<Agent> authenticate(String key) {
        if (key == null) {
            return Optional.empty();
        }
        byte[] presented = key.getBytes(StandardCharsets.UTF_8);
        Agent found = null;
        for (Entry entry : entries) {
            if (MessageDigest.isEqual(entry.key(), presented)) {
                found = entry.agent();
            }
        }
        return Optional.ofNullable(found);
    }

    public int size() {
        return entries.size();
    }
}
