package com.deskpost.oversight.erasure;

import com.deskpost.platform.id.DraftIds;
import com.deskpost.platform.pseudonym.Pseudonyms;
import java.util.Optional;
import java.util.stream.Stream;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Finds who an erasure on mail.consent means. Delivery announces an erasure under the keyed pseudonym
 * only, so oversight pseudonymises every address its rows still name (recipients, and addresses
 * written in subjects, previews and reasons) with the shared secret and keeps the one that matches.
 * That reads every distinct address once per erasure, which erasures' rarity affords; an address
 * oversight holds nowhere has nothing here to erase. An erasure announced in clear (a record from
 * before keyed pseudonyms) names its address outright.
 */
@Component
class ErasedRecipients {

    /** The person an erasure means: their address as oversight's rows hold it, normalised, and their pseudonym. */
    record ErasedPerson(String address, String pseudonym) {
    }

    // Addresses in free text; a trailing full stop of a sentence is cut off in Java.
    private static final String ADDRESS = "'([[:alnum:]._%+-]+@[[:alnum:].-]+)'";
    private static final String CANDIDATES = """
            select lower(trim(recipient)) from held_drafts where recipient not like 'erased:%'
            union select lower(trim(recipient)) from digest_entries where recipient not like 'erased:%'
            union select lower(m[1]) from held_drafts,
                  regexp_matches(concat_ws(' ', subject, preview_text, decision_reason), ADDRESS, 'g') m
            union select lower(m[1]) from digest_entries, regexp_matches(subject, ADDRESS, 'g') m
            """.replace("ADDRESS", ADDRESS);

    private final JdbcTemplate jdbc;
    private final Pseudonyms pseudonyms;

    ErasedRecipients(JdbcTemplate jdbc, Pseudonyms pseudonyms) {
        this.jdbc = jdbc;
        this.pseudonyms = pseudonyms;
    }

    /** @param announced the {@code email} of an erasure on mail.consent: a pseudonym, or an address in clear */
    Optional<ErasedPerson> of(String announced) {
        if (!Pseudonyms.isPseudonym(announced)) {
            String address = DraftIds.normaliseEmail(announced);
            return Optional.of(new ErasedPerson(address, pseudonyms.of(address)));
        }
        try (Stream<String> candidates = jdbc.queryForStream(CANDIDATES, (rs, n) -> rs.getString(1))) {
            return candidates.map(candidate -> candidate.replaceAll("\\.+$", ""))
                    .filter(candidate -> pseudonyms.of(candidate).equals(announced))
                    .findFirst()
                    .map(address -> new ErasedPerson(address, announced));
        }
    }
}
