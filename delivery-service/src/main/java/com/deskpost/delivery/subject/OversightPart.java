package com.deskpost.delivery.subject;

import java.util.List;
import java.util.Map;
import org.springframework.core.ParameterizedTypeReference;

/**
 * A section oversight-service holds (its approval queue's drafts, its staff digest entries), read from its
 * subject-access API as it answers it: oversight owns those tables and what a row shows.
 */
final class OversightPart implements SubjectDataSource {

    private static final ParameterizedTypeReference<List<Map<String, Object>>> ROWS = new ParameterizedTypeReference<>() {
    };

    private final String section;
    private final String path;
    private final RemoteService oversight;

    OversightPart(String section, String path, RemoteService oversight) {
        this.section = section;
        this.path = path;
        this.oversight = oversight;
    }

    @Override
    public String section() {
        return section;
    }

    /** Oversight makes the pseudonym itself, with the same shared secret, and answers for both. */
    @Override
    public Object collect(String address, String pseudonym) {
        return oversight.get(path, Map.of("email", address), ROWS);
    }
}
