package com.deskpost.audit.store;

import com.deskpost.audit.erasure.ErasedRecipients;
import com.deskpost.events.AuditEvent;
import com.deskpost.platform.id.DraftIds;
import com.deskpost.platform.pseudonym.Pseudonyms;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeMap;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The append-only, hash-chained audit store. Each row's hash is SHA-256 over the previous row's
 * hash and the row's canonical content; appends are serialised by an advisory lock so the chain
 * has one order. An audit id already stored (a replayed transition) is not stored again.
 *
 * <p>Personal fields (recipient, detail) enter the hash only through digest columns kept beside them,
 * so a GDPR erasure can replace the recipient by its pseudonym and drop the detail and the chain still
 * verifies. The digests are keyed ({@link Pseudonyms#digest}, the recipient's of its normalised form),
 * so a digest left behind by an erasure does not let anyone confirm a guessed address; rows written
 * before keyed digests keep their unkeyed SHA-256, which the chain covers and so cannot change.
 */
@Repository
public class AuditLog {

    /** The prev_hash of the first row. */
    public static final String GENESIS = "0".repeat(64);
    // Any fixed number; it only has to be the same for every writer of this table.
    private static final long CHAIN_LOCK = 0x6465736b706f7374L;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final ErasedRecipients consent;
    private final Pseudonyms pseudonyms;

    public AuditLog(JdbcTemplate jdbc, TransactionTemplate tx, ErasedRecipients consent, Pseudonyms pseudonyms) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.consent = consent;
        this.pseudonyms = pseudonyms;
    }

    public void append(AuditEvent event) {
        tx.executeWithoutResult(status -> {
            jdbc.queryForObject("select pg_advisory_xact_lock(?)", Object.class, CHAIN_LOCK);
            Integer existing = jdbc.queryForObject("select count(*) from audit_log where audit_id = ?",
                    Integer.class, event.getAuditId());
            if (existing != null && existing > 0) {
                return;
            }
            List<String> last = jdbc.queryForList("select hash from audit_log order by seq desc limit 1", String.class);
            String prev = last.isEmpty() ? GENESIS : last.get(0);
            String attributes = canonicalAttributes(event);
            // An erased address never enters the trail again in clear (GDPR art. 17): store its pseudonym.
            boolean erased = event.getRecipient() != null && consent.erased(event.getRecipient());
            String recipient = erased ? pseudonyms.of(event.getRecipient()) : event.getRecipient();
            String detail = erased ? null : event.getDetail();
            jdbc.update("""
                    insert into audit_log (audit_id, draft_id, type, occurred_at, actor, recipient, location_id,
                        thread_key, correlation_id, message_id, detail, recipient_digest, detail_digest, attributes,
                        prev_hash, hash)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """, event.getAuditId(), event.getDraftId(), event.getType().name(),
                    Timestamp.from(event.getOccurredAt()), event.getActor(), recipient,
                    event.getLocationId(), event.getThreadKey(), event.getCorrelationId(), event.getMessageId(),
                    detail, recipientDigest(event.getRecipient()), digest(event.getDetail()), attributes, prev,
                    hash(prev, event, attributes));
        });
    }

    String hash(String prev, AuditEvent e, String attributes) {
        return chainHash(prev, e.getAuditId(), e.getDraftId(), e.getType().name(), e.getOccurredAt().toEpochMilli(),
                e.getActor(), recipientDigest(e.getRecipient()), e.getLocationId(), e.getThreadKey(), e.getCorrelationId(),
                e.getMessageId(), digest(e.getDetail()), attributes);
    }

    /** The hash of one row from its stored columns; the verifier recomputes the chain with it. */
    public static String chainHash(String prev, String auditId, String draftId, String type, long occurredAtMillis,
            String actor, String recipientDigest, String locationId, String threadKey, String correlationId,
            String messageId, String detailDigest, String attributes) {
        StringBuilder content = new StringBuilder();
        for (String field : new String[] {prev, auditId, draftId, type, Long.toString(occurredAtMillis), actor,
                recipientDigest, locationId, threadKey, correlationId, messageId, detailDigest, attributes}) {
            // Length-prefixed, NULL marked: no text can move between fields or pass for a NULL unnoticed.
            content.append(field == null ? "-1:" : field.length() + ":" + field);
        }
        return sha256(content.toString());
    }

    /** Keyed digest of an address, normalised, so its pseudonym can be read off it; null stays null. */
    public String recipientDigest(String recipient) {
        return recipient == null ? null : pseudonyms.digest(DraftIds.normaliseEmail(recipient));
    }

    /** Keyed digest of free text, so the chain survives its removal; null stays null. */
    public String digest(String personal) {
        return personal == null ? null : pseudonyms.digest(personal);
    }

    // Legacy: the unkeyed digest of personal fields in rows written before keyed digests.
    public static String legacyDigest(String personal) {
        return personal == null ? null : sha256(personal);
    }

    private static String sha256(String text) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("SHA-256 is required of every JVM", ex);
        }
    }

    static String canonicalAttributes(AuditEvent event) {
        try {
            return JSON.writeValueAsString(new TreeMap<>(event.getAttributes()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("String map always serialises", e);
        }
    }
}
