package com.deskpost.audit.store;

import com.deskpost.audit.chain.ChainHash;
import com.deskpost.audit.chain.ChainHead;
import com.deskpost.audit.erasure.ErasedRecipients;
import com.deskpost.events.AuditEvent;
import com.deskpost.platform.id.DraftIds;
import com.deskpost.platform.pseudonym.Pseudonyms;
import com.deskpost.platform.topic.Topics;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Timestamp;
import java.util.TreeMap;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The append-only, hash-chained audit store. Rows form one chain per mail.audit partition (chain
 * {@code mail.audit-<partition>}): each row's hash is SHA-256 over its chain, its position, the previous
 * row's hash and its canonical content ({@link ChainHash}). Appends to one chain are serialised by that
 * chain's advisory lock, so each chain has one order, while chains append in parallel. An audit id
 * already stored (a replayed transition) is not stored again, in any chain.
 *
 * <p>Personal fields (recipient, detail) enter the hash only through digest columns kept beside them,
 * so a GDPR erasure can replace the recipient by its pseudonym and drop the detail and the chain still
 * verifies. The digests are keyed ({@link Pseudonyms#digest}, the recipient's of its normalised form),
 * so a digest left behind by an erasure does not let anyone confirm a guessed address; rows written
 * before keyed digests keep their unkeyed SHA-256, which the chain covers and so cannot change.
 */
@Repository
public class AuditLog {

    /** The prev_hash of a chain's first row. */
    public static final String GENESIS = ChainHash.GENESIS;
    // pg_advisory_xact_lock(int, int): this class of lock, then the partition. Any fixed number; it only
    // has to be the same for every writer of this table.
    private static final int CHAIN_LOCK = 0x64706368;
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

    /** Appends to the chain of partition 0: for writers that read no partition (a one-partition topic, tests). */
    public void append(AuditEvent event) {
        append(event, 0);
    }

    /** Appends the event to the chain of the mail.audit partition it was read from. */
    public void append(AuditEvent event, int partition) {
        String chain = ChainHash.chainOfPartition(Topics.MAIL_AUDIT.name(), partition);
        tx.executeWithoutResult(status -> {
            jdbc.queryForObject("select pg_advisory_xact_lock(?, ?)", Object.class, CHAIN_LOCK, partition);
            Integer existing = jdbc.queryForObject("select count(*) from audit_log where audit_id = ?",
                    Integer.class, event.getAuditId());
            if (existing != null && existing > 0) {
                return;
            }
            ChainHead head = ChainHead.of(jdbc, chain);
            String attributes = canonicalAttributes(event);
            // An erased address never enters the trail again in clear (GDPR art. 17): store its pseudonym.
            boolean erased = event.getRecipient() != null && consent.erased(event.getRecipient());
            String recipient = erased ? pseudonyms.of(event.getRecipient()) : event.getRecipient();
            String detail = erased ? null : event.getDetail();
            // The same audit id appended to another chain at the same moment (a producer that keyed it
            // differently) waits on the unique index and then stores nothing: still once.
            jdbc.update("""
                    insert into audit_log (audit_id, draft_id, type, occurred_at, actor, recipient, location_id,
                        thread_key, correlation_id, message_id, detail, recipient_digest, detail_digest, attributes,
                        prev_hash, hash, chain_id, chain_position)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    on conflict (audit_id) do nothing
                    """, event.getAuditId(), event.getDraftId(), event.getType().name(),
                    Timestamp.from(event.getOccurredAt()), event.getActor(), recipient,
                    event.getLocationId(), event.getThreadKey(), event.getCorrelationId(), event.getMessageId(),
                    detail, recipientDigest(event.getRecipient()), digest(event.getDetail()), attributes, head.hash(),
                    hash(chain, head.next(), head.hash(), event, attributes), chain, head.next());
        });
    }

    /** The hash a row of the event gets at that place of that chain. */
    String hash(String chain, long position, String prev, AuditEvent e, String attributes) {
        return ChainHash.of(chain, position, prev, fields(e, attributes));
    }

    private ChainHash.Fields fields(AuditEvent e, String attributes) {
        return new ChainHash.Fields(e.getAuditId(), e.getDraftId(), e.getType().name(),
                e.getOccurredAt().toEpochMilli(), e.getActor(), recipientDigest(e.getRecipient()), e.getLocationId(),
                e.getThreadKey(), e.getCorrelationId(), e.getMessageId(), digest(e.getDetail()), attributes);
    }

    /** Format 1: the hash of a row of the legacy global chain from its stored columns. */
    public static String chainHash(String prev, String auditId, String draftId, String type, long occurredAtMillis,
            String actor, String recipientDigest, String locationId, String threadKey, String correlationId,
            String messageId, String detailDigest, String attributes) {
        return ChainHash.legacy(prev, new ChainHash.Fields(auditId, draftId, type, occurredAtMillis, actor,
                recipientDigest, locationId, threadKey, correlationId, messageId, detailDigest, attributes));
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
        return personal == null ? null : ChainHash.sha256(personal);
    }

    static String canonicalAttributes(AuditEvent event) {
        try {
            return JSON.writeValueAsString(new TreeMap<>(event.getAttributes()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("String map always serialises", e);
        }
    }
}
