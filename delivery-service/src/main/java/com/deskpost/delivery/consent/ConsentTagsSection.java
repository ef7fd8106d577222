package com.deskpost.delivery.consent;

import com.deskpost.delivery.subject.SubjectDataSource;
import java.time.Instant;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The subject access section {@code consentTags}: every consent tag stored for the person, present or removed, with
 * when, by what and at whose request it last changed; under the address, and under the pseudonyms an erasure's
 * tag is kept by ({@link ConsentStore#keysOf}).
 */
@Component
class ConsentTagsSection implements SubjectDataSource {

    static final String OF_PERSON = """
            select email, tag, present, changed_at, source, source_ref from consent_tags
             where email in (?, ?, ?) order by tag, email""";

    /**
     * One tag.
     *
     * @param storedUnder the address, or its pseudonym for an erasure
     * @param present false once the tag was removed
     * @param sourceRef who asked for the change (an API client, a feedback report), when known
     */
    record Tag(String storedUnder, String tag, boolean present, Instant changedAt, String source, String sourceRef) {
    }

    private final JdbcTemplate jdbc;
    private final ConsentStore store;

    ConsentTagsSection(JdbcTemplate jdbc, ConsentStore store) {
        this.jdbc = jdbc;
        this.store = store;
    }

    @Override
    public String section() {
        return "consentTags";
    }

    @Override
    public Object collect(String address, String pseudonym) {
        return jdbc.query(OF_PERSON, (rs, n) -> new Tag(rs.getString("email"), rs.getString("tag"),
                rs.getBoolean("present"), rs.getTimestamp("changed_at").toInstant(), rs.getString("source"),
                rs.getString("source_ref")), store.keysOf(address).toArray());
    }
}
