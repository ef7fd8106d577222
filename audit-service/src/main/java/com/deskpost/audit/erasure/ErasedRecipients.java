package com.deskpost.audit.erasure;

import com.deskpost.platform.id.DraftIds;
import com.deskpost.platform.pseudonym.Pseudonyms;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The people erased under GDPR art. 17, by pseudonym only, as mail.consent announced them (table
 * {@code erased_recipients}): an audit event about one of them that arrives later is stored under the
 * pseudonym (GDPR art. 17: the address never enters the trail again in clear). Looking up an address
 * checks its keyed pseudonym and the unkeyed one of erasures recorded before keyed pseudonyms existed.
 *
 * <p>An erasure and an append about the same person may race: a lookup inside the append's transaction
 * first takes a row-share lock on the audit table, which {@link Erasure}'s exclusive lock waits for, so
 * an append that looked before the erasure has committed its row before the erasure pseudonymises, and
 * one that looks later waits for the erasure and sees it. Queries and verification only read and are
 * never held up.
 */
@Repository
public class ErasedRecipients {

    private final JdbcTemplate jdbc;
    private final Pseudonyms pseudonyms;

    public ErasedRecipients(JdbcTemplate jdbc, Pseudonyms pseudonyms) {
        this.jdbc = jdbc;
        this.pseudonyms = pseudonyms;
    }

    /** Which of the addresses (any spelling) are erased, normalised: one look-up for a batch of appends. */
    public Set<String> erasedAmong(Collection<String> addresses) {
        if (addresses.isEmpty()) {
            return Set.of();
        }
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            jdbc.execute("lock table audit_log in row share mode");
        }
        Map<String, String> addressOf = new HashMap<>();
        for (String address : addresses) {
            String normalised = DraftIds.normaliseEmail(address);
            addressOf.put(pseudonyms.of(normalised), normalised);
            addressOf.put(Pseudonyms.legacyOf(normalised), normalised);
        }
        List<String> found = jdbc.queryForList("select pseudonym from erased_recipients where pseudonym = any(?)",
                String.class, (Object) addressOf.keySet().toArray(String[]::new));
        return found.stream().map(addressOf::get).collect(Collectors.toSet());
    }

    /** Records an erasure; recording it again changes nothing. */
    void record(String pseudonym, Instant erasedAt) {
        jdbc.update("insert into erased_recipients (pseudonym, erased_at) values (?, ?) on conflict do nothing",
                pseudonym, Timestamp.from(erasedAt));
    }

}
