package com.deskpost.delivery.contacts;

import com.deskpost.platform.api.Page;
import com.deskpost.platform.api.Paging;
import com.deskpost.delivery.consent.ConsentStore;
import com.deskpost.delivery.state.LiveState;
import java.sql.Array;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * manage_contacts: contacts by tag and jurisdiction, each with its current tags, paged in address
 * order. The directories come from the global tables every instance holds; the tags from the
 * consent store, read for one page at a time.
 */
@Component
class ContactDirectory {

    private final LiveState directory;
    private final ConsentStore consent;
    static final String TAGS_OF = "select email, tag from consent_tags where present and email = any(?)";

    private final JdbcTemplate jdbc;

    ContactDirectory(LiveState directory, ConsentStore consent, JdbcTemplate jdbc) {
        this.directory = directory;
        this.consent = consent;
        this.jdbc = jdbc;
    }

    /**
     * @param tag a tag the contacts must carry, or null
     * @param jurisdiction a jurisdiction the contacts' member locations must include, or null
     */
    Page<Contact> list(String tag, String jurisdiction, String cursor, int limit) {
        ContactSelection selection = new ContactSelection(directory.members(), directory.locations());
        Set<String> tagged = tag == null ? null : new HashSet<>(consent.withTag(tag));
        String after = Paging.after(cursor, 1).map(key -> key.text(0)).orElse("");
        List<String> emails = selection.emails(tagged, jurisdiction).stream()
                .filter(email -> email.compareTo(after) > 0)
                .limit(limit + 1L)
                .toList();
        Map<String, List<String>> tags = tagsOf(emails);
        List<Contact> contacts = emails.stream()
                .map(email -> selection.contact(email, tags.getOrDefault(email, List.of())))
                .toList();
        return Page.of(contacts, limit, last -> Paging.cursor(last.email()));
    }

    /** The present tags of a page of addresses, in one query; an erased address's tag is stored by pseudonym. */
    private Map<String, List<String>> tagsOf(List<String> emails) {
        Map<String, String> addressOf = new HashMap<>();
        for (String email : emails) {
            for (String key : consent.keysOf(email)) {
                addressOf.put(key, email);
            }
        }
        Map<String, List<String>> tags = new HashMap<>();
        jdbc.query(connection -> {
            var statement = connection.prepareStatement(
                    TAGS_OF);
            Array addresses = connection.createArrayOf("text", addressOf.keySet().toArray());
            statement.setArray(1, addresses);
            return statement;
        }, row -> {
            tags.computeIfAbsent(addressOf.get(row.getString("email")), email -> new ArrayList<>())
                    .add(row.getString("tag"));
        });
        return tags;
    }
}
