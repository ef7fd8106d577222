package com.deskpost.delivery.ledger;

import com.deskpost.delivery.ledger.SendClaims.Found;
import com.deskpost.delivery.sending.DeliveryProperties;
import com.deskpost.events.EmailDraft;
import com.deskpost.platform.observability.MailMetrics;
import com.deskpost.platform.observability.MailMetrics.ClaimOutcome;
import com.deskpost.platform.retention.RetentionRule;
import java.lang.management.ManagementFactory;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Optional;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.support.TransactionCallback;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The one place that decides "already sent?": a row per (draft id, recipient) the SMTP server
 * accepted. The row is written right after the server's 250, in one transaction with its SENT /
 * COPY_SENT audit event (through the outbox), so the two exist together or not at all. Before the
 * SMTP transaction the sender claims (draft, recipient) with a lease ({@link #claim}); that transaction
 * releases the claim, so two consumers holding the same record (a rebalance, a zombie) never both send.
 * README states the duplicate window that remains: a crash between the 250 and that commit.
 */
@Repository
public class DeliveryLedger {

    static final String ALREADY_SENT = "select count(*) from delivery_ledger where draft_id = ? and recipient = ?";
    static final String SENT_AMONG = "select draft_id, recipient from delivery_ledger where draft_id = any (?)";
    static final String SENT_FOR = """
            select draft_id, recipient, kind, message_id, sent_at, location_id, thread_key, category, event_type
              from delivery_ledger where draft_id = ? order by sent_at""";
    static final String SENT_AS = """
            select draft_id, recipient, kind, message_id, sent_at, location_id, thread_key, category, event_type
              from delivery_ledger where message_id = ? order by sent_at""";

    /** The mail to the draft's recipient, the staff copy, or a staff alert about a refused mail. */
    public enum Kind { PRIMARY, COPY, ALERT }

    /** Retries of the transaction after the SMTP server accepted the mail: only the database being away. */
    private static final RetryTemplate AFTER_ACCEPTANCE = new RetryTemplate(RetryPolicy.builder()
            .includes(TransientDataAccessException.class, DataAccessResourceFailureException.class,
                    CannotGetJdbcConnectionException.class, CannotCreateTransactionException.class)
            .maxRetries(Long.MAX_VALUE).delay(Duration.ofMillis(200)).multiplier(2).maxDelay(Duration.ofSeconds(5))
            .timeout(Duration.ofSeconds(60)).build());

    /**
     * Waiting while another consumer holds the claim: a live holder commits within milliseconds of its 250; a
     * claim still held after this (its holder crashed, or its relay is slow) is left to its lease and the
     * record to the retry topics, so the consumer never sits out {@code max.poll.interval.ms}.
     */
    private static final RetryTemplate WHILE_HELD = new RetryTemplate(RetryPolicy.builder()
            .includes(ClaimHeldElsewhere.class)
            .maxRetries(Long.MAX_VALUE).delay(Duration.ofMillis(20)).multiplier(2).maxDelay(Duration.ofSeconds(1))
            .timeout(Duration.ofSeconds(30)).build());

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final boolean enabled;
    private final SendClaims claims;
    private final MailMetrics metrics;
    // Tells this instance's claims from another's; unique per start, so a restarted process is someone else.
    private final String instance = ManagementFactory.getRuntimeMXBean().getName() + "-"
            + UUID.randomUUID().toString().substring(0, 8);

    @Autowired
    public DeliveryLedger(JdbcTemplate jdbc, TransactionTemplate transactions, DeliveryProperties properties,
            MailMetrics metrics) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.enabled = properties.idempotencyLedger();
        this.claims = new SendClaims(jdbc, properties.claim().lease());
        this.metrics = metrics;
    }

    /** A ledger that measures nothing. */
    public DeliveryLedger(JdbcTemplate jdbc, TransactionTemplate transactions, DeliveryProperties properties) {
        this(jdbc, transactions, properties, MailMetrics.none());
    }

    /**
     * Claims sending the draft to the recipient, for this consumer (instance and thread), in a committed
     * transaction of its own. Waits while another consumer holds a live claim; takes over one whose lease has
     * run out.
     *
     * @return the claim, to pass to {@link #recordSent} or {@link #release}; empty when the ledger has the send
     *     already (skip it as a duplicate)
     * @throws ClaimHeldElsewhere when another consumer still holds it after a wait: retry the record later
     */
    public Optional<Claim> claim(String draftId, String recipient) {
        String claimant = instance + "/" + Thread.currentThread().getName();
        if (!enabled) {
            return Optional.of(new Claim(draftId, recipient, claimant, System.nanoTime(), false));
        }
        boolean[] waited = {false};
        Found found = WHILE_HELD.invoke(() -> {
            Found attempt = claims.attempt(draftId, recipient, claimant);
            if (attempt == Found.HELD) {
                if (!waited[0]) {
                    metrics.claim(ClaimOutcome.HELD_ELSEWHERE);
                    waited[0] = true;
                }
                throw new ClaimHeldElsewhere(draftId, recipient);
            }
            return attempt;
        });
        metrics.claim(switch (found) {
            case CLAIMED -> ClaimOutcome.CLAIMED;
            case TAKEN_OVER -> ClaimOutcome.TAKEN_OVER;
            case ALREADY_SENT -> ClaimOutcome.ALREADY_SENT;
            case HELD -> throw new IllegalStateException("A held claim is waited for above");
        });
        return found == Found.ALREADY_SENT ? Optional.empty()
                : Optional.of(new Claim(draftId, recipient, claimant, System.nanoTime(), true));
    }

    /**
     * Gives a claim up without a send to record (the relay refused, the credential did not open), so a retry
     * need not wait for its lease. A failure here is only logged by the caller: the lease ends the claim anyway.
     */
    public void release(Claim claim) {
        if (claim.recorded()) {
            claims.release(claim);
        }
    }

    /** One recipient of one draft, as the ledger keys its rows. */
    public record Pair(String draftId, String recipient) {
    }

    /**
     * The (draft, recipient) pairs the ledger has for any of these drafts, in one query (a poll's worth, so a replay
     * is not a query per record). Empty with the ledger off, as {@link #alreadySent} is false then.
     */
    public Set<Pair> sentAmong(Collection<String> draftIds) {
        if (!enabled || draftIds.isEmpty()) {
            return Set.of();
        }
        metrics.ledgerLookup("poll");
        Set<Pair> sent = new HashSet<>();
        jdbc.query(SENT_AMONG, ps -> ps.setArray(1, ps.getConnection().createArrayOf("text", draftIds.toArray())),
                (RowCallbackHandler) row -> sent.add(new Pair(row.getString(1), row.getString(2))));
        return sent;
    }

    public boolean alreadySent(String draftId, String recipient) {
        if (!enabled) {
            return false;
        }
        metrics.ledgerLookup("record");
        Integer rows = jdbc.queryForObject(ALREADY_SENT, Integer.class, draftId, recipient);
        return rows != null && rows > 0;
    }

    /** Records an accepted send with nothing beside it; see {@link #recordSent(EmailDraft, String, Kind, String, Instant, Runnable)}. */
    public void recordSent(EmailDraft draft, String recipient, Kind kind, String messageId, Instant sentAt) {
        recordSent(draft, recipient, kind, messageId, sentAt, () -> { });
    }

    /** Records an accepted send made without a claim; see {@link #recordSent(Claim, EmailDraft, Kind, String, Instant, Runnable)}. */
    public void recordSent(EmailDraft draft, String recipient, Kind kind, String messageId, Instant sentAt,
            Runnable withRow) {
        record(null, draft, recipient, kind, messageId, sentAt, withRow);
    }

    /**
     * Records an accepted send and, in the same transaction, {@code withRow}: what must exist exactly when
     * the row does (its audit event, through the outbox). A concurrent identical record, or a retry after a
     * commit whose answer was lost, finds the row and records nothing again, never an error. The subject
     * is the sealed draft's: a credential shows as its placeholder. With the ledger off only {@code withRow}
     * is written. The claim is released in that transaction; its holding time and the time since the 250 are
     * recorded as the duplicate window ({@link MailMetrics#DUPLICATE_WINDOW}).
     */
    public void recordSent(Claim claim, EmailDraft draft, Kind kind, String messageId, Instant sentAt,
            Runnable withRow) {
        long accepted = System.nanoTime(); // Called right after the relay's 250.
        record(claim, draft, claim.recipient(), kind, messageId, sentAt, withRow);
        long committed = System.nanoTime();
        metrics.duplicateWindow("claim", committed - claim.claimedNanos());
        metrics.duplicateWindow("accepted", committed - accepted);
    }

    private void record(Claim claim, EmailDraft draft, String recipient, Kind kind, String messageId, Instant sentAt,
            Runnable withRow) {
        boolean recorded = afterAcceptance(status -> {
            // What goes with the row first, the row and the claim's release last, in one statement: the claim's row is
            // locked only for the commit, and a consumer waiting for it finds the row as it finds the claim gone. A row
            // already there (a concurrent identical record, a retry after a lost commit answer) undoes the rest.
            withRow.run();
            if (!enabled || insert(claim, draft.getDraftId(), recipient, kind, messageId, sentAt, draft.getSubject(),
                    draft.getLocationId(), draft.getThread().getThreadKey(), draft.getCategory().name(),
                    draft.getEventType())) {
                return true;
            }
            status.setRollbackOnly();
            return false;
        });
        if (!recorded && claim != null) {
            try {
                release(claim);
            } catch (RuntimeException notReleased) {
                // The mail is recorded (by the row found); an unreleased claim only lapses after its lease.
            }
        }
    }

    public void recordAlert(String alertId, String staff, String messageId, String locationId, Instant sentAt) {
        afterAcceptance(status -> insert(null, alertId, staff, Kind.ALERT, messageId, sentAt, null, locationId, null,
                null, null));
    }

    /**
     * The SMTP server has the mail: failing here would send it again on retry, so the whole transaction
     * outlasts a database restart or fail-over (about a minute) before giving up.
     *
     * @return what the committed (or rolled back) transaction returned
     */
    private boolean afterAcceptance(TransactionCallback<Boolean> work) {
        return Boolean.TRUE.equals(AFTER_ACCEPTANCE.invoke(() -> transactions.execute(work)));
    }

    /** True if this call wrote the row; the claim, if any, is released by the same statement. */
    private boolean insert(Claim claim, String draftId, String recipient, Kind kind, String messageId, Instant sentAt,
            String subject, String locationId, String threadKey, String category, String eventType) {
        String row = """
                insert into delivery_ledger (draft_id, recipient, kind, message_id, sent_at, subject, location_id,
                                             thread_key, category, event_type)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict (draft_id, recipient) do nothing
                """;
        Object[] values = {draftId, recipient, kind.name(), messageId, Timestamp.from(sentAt), subject, locationId,
                threadKey, category, eventType};
        if (claim == null || !claim.recorded()) {
            return jdbc.update(row, values) > 0;
        }
        Object[] withClaim = new Object[values.length + 3];
        withClaim[0] = claim.draftId();
        withClaim[1] = claim.recipient();
        withClaim[2] = claim.claimant();
        System.arraycopy(values, 0, withClaim, 3, values.length);
        return jdbc.update("with released as (delete from delivery_claim where draft_id = ? and recipient = ?"
                + " and claimant = ?) " + row, withClaim) > 0;
    }

    /**
     * One message the relay accepted, as a bounce or complaint about it is judged.
     *
     * @param kind PRIMARY, COPY or ALERT
     * @param category the draft's category name, or null for mail recorded before categories were
     * @param eventType the draft's event type, or null likewise
     */
    public record Sent(String draftId, String recipient, String kind, String messageId, Instant sentAt,
            String locationId, String threadKey, String category, String eventType) {
    }

    /** The messages the relay accepted for a draft (its recipient's, a staff copy), oldest first. */
    public List<Sent> sentFor(String draftId) {
        return jdbc.query(SENT_FOR, DeliveryLedger::sent, draftId);
    }

    /** The messages the relay accepted with this Message-ID (a provider's webhook names it). */
    public List<Sent> sentAs(String messageId) {
        return jdbc.query(SENT_AS, DeliveryLedger::sent, messageId);
    }

    /**
     * Ledger rows go {@code keep} after the send: until then a replayed or redriven record of the same mail finds its
     * row and is skipped, and a bounce or complaint about it can be tied to it. Past that neither can come any more.
     */
    public static RetentionRule retention(Duration keep) {
        return new RetentionRule("delivery_ledger", "sent_at", "true", keep);
    }

    /**
     * Claims go {@code keep} after their lease ended. A live claim is deleted by its holder's ledger commit or
     * release; a lapsed one (its holder crashed, or the mail was dead-lettered after the claim) counts as no claim,
     * so deleting it changes nothing a consumer decides.
     */
    public static RetentionRule claimRetention(Duration keep) {
        return new RetentionRule("delivery_claim", "lease_until", "true", keep);
    }

    private static Sent sent(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new Sent(rs.getString("draft_id"), rs.getString("recipient"), rs.getString("kind"),
                rs.getString("message_id"), rs.getTimestamp("sent_at").toInstant(), rs.getString("location_id"),
                rs.getString("thread_key"), rs.getString("category"), rs.getString("event_type"));
    }
}
