package com.deskpost.audit.store;

import com.deskpost.audit.chain.ChainHash;
import com.deskpost.audit.chain.ChainHead;
import com.deskpost.audit.erasure.ErasedRecipients;
import com.deskpost.audit.processing.RecordsOfProcessing;
import com.deskpost.events.AuditEvent;
import com.deskpost.platform.id.DraftIds;
import com.deskpost.platform.pseudonym.Pseudonyms;
import com.deskpost.platform.topic.Topics;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
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
 *
 * <p>Each row is stored under the processing activity of the records of processing (GDPR art. 30) that covers it,
 * with its lawful basis and purpose ({@link RecordsOfProcessing}); the three enter the hash, so the basis a row was
 * recorded under cannot be changed afterwards.
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
    private final RecordsOfProcessing processing;

    // Five collaborators: the stamp must be computed where the hash is, in the append's transaction.
    public AuditLog(JdbcTemplate jdbc, TransactionTemplate tx, ErasedRecipients consent, Pseudonyms pseudonyms,
            RecordsOfProcessing processing) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.consent = consent;
        this.pseudonyms = pseudonyms;
        this.processing = processing;
    }

    /** Appends to the chain of partition 0: for writers that read no partition (a one-partition topic, tests). */
    public void append(AuditEvent event) {
        append(event, 0);
    }

    /** Appends the event to the chain of the mail.audit partition it was read from. */
    public void append(AuditEvent event, int partition) {
        append(List.of(event), partition);
    }

    /**
     * Appends the events, in order, to the chain of the mail.audit partition they were read from: one
     * transaction, one lock and one read of the chain's head for all of them. If any row cannot take its
     * place (the same audit id stored into another chain at this moment), nothing is stored and the
     * exception says so; appending the events one by one then stores each once.
     */
    public void append(List<AuditEvent> events, int partition) {
        String chain = ChainHash.chainOfPartition(Topics.MAIL_AUDIT.name(), partition);
        tx.executeWithoutResult(status -> {
            jdbc.queryForObject("select pg_advisory_xact_lock(?, ?)", Object.class, CHAIN_LOCK, partition);
            Set<String> stored = new HashSet<>(jdbc.queryForList(
                    "select audit_id from audit_log where audit_id = any(?)", String.class,
                    (Object) events.stream().map(AuditEvent::getAuditId).toArray(String[]::new)));
            List<AuditEvent> fresh = events.stream().filter(event -> stored.add(event.getAuditId())).toList();
            if (fresh.isEmpty()) {
                return;
            }
            // An erased address never enters the trail again in clear (GDPR art. 17): store its pseudonym.
            Set<String> erased = consent.erasedAmong(fresh.stream().map(AuditEvent::getRecipient)
                    .filter(Objects::nonNull).toList());
            ChainHead head = ChainHead.of(jdbc, chain);
            List<Object[]> rows = new ArrayList<>(fresh.size());
            for (AuditEvent event : fresh) {
                ChainHead next = new ChainHead(head.next(), null);
                String attributes = canonicalAttributes(event);
                boolean isErased = event.getRecipient() != null
                        && erased.contains(DraftIds.normaliseEmail(event.getRecipient()));
                ChainHash.Processing recorded = processing.of(event);
                String hash = ChainHash.of(chain, next.position(), head.hash(), fields(event, attributes), recorded);
                rows.add(new Object[] {event.getAuditId(), event.getDraftId(), event.getType().name(),
                    Timestamp.from(event.getOccurredAt()), event.getActor(),
                    isErased ? pseudonyms.of(event.getRecipient()) : event.getRecipient(), event.getLocationId(),
                    event.getThreadKey(), event.getCorrelationId(), event.getMessageId(),
                    isErased ? null : event.getDetail(), recipientDigest(event.getRecipient()),
                    digest(event.getDetail()), attributes, head.hash(), hash, chain, next.position(),
                    recorded.activity(), recorded.lawfulBasis(), recorded.purpose()});
                head = new ChainHead(next.position(), hash);
            }
            // The same audit id appended to another chain at the same moment (a producer that keyed it
            // differently) waits on the unique index and then stores nothing: the rows after it would link
            // to a row that is not there, so the whole append is undone.
            int[] inserted = jdbc.batchUpdate("""
                    insert into audit_log (audit_id, draft_id, type, occurred_at, actor, recipient, location_id,
                        thread_key, correlation_id, message_id, detail, recipient_digest, detail_digest, attributes,
                        prev_hash, hash, chain_id, chain_position, processing_activity, lawful_basis, purpose)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    on conflict (audit_id) do nothing
                    """, rows);
            if (Arrays.stream(inserted).anyMatch(count -> count == 0)) {
                throw new ConcurrentAppend("An audit id of this batch was stored into another chain meanwhile;"
                        + " the batch is undone, to be appended one by one");
            }
        });
    }

    /** Another writer stored one of the batch's audit ids while it was being appended. */
    public static final class ConcurrentAppend extends RuntimeException {
        ConcurrentAppend(String message) {
            super(message);
        }
    }

    /** The hash a row of the event gets at that place of that chain, under its processing activity. */
    String hash(String chain, long position, String prev, AuditEvent e, String attributes) {
        return ChainHash.of(chain, position, prev, fields(e, attributes), processing.of(e));
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
