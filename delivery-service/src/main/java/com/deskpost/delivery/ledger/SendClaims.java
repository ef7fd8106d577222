package com.deskpost.delivery.ledger;

import java.sql.ResultSet;
import java.time.Duration;
import org.springframework.jdbc.core.ArgumentPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.PreparedStatementCallback;

/**
 * The delivery_claim table: at most one live claim per (draft, recipient). A claim is granted in a committed
 * transaction of its own, on the database's clock (every instance shares it), when no other consumer holds a
 * live one and the ledger has no row; it lapses after the lease, so a crashed holder cannot keep a mail unsent.
 */
final class SendClaims {

    /**
     * Claims (draft, recipient) unless another claimant's lease is live, in one statement: a holder's row is waited
     * for while its transaction runs, so a holder committing its ledger row (which deletes its claim) is waited for.
     * {@code fresh}: no claim was there; {@code before}: who held it, as this statement began.
     */
    static final String CLAIM = """
            with before as (select claimant from delivery_claim where draft_id = ? and recipient = ?),
                 claimed as (
                   insert into delivery_claim as held (draft_id, recipient, claimant, claimed_at, lease_until)
                   values (?, ?, ?, now(), now() + make_interval(secs => ?))
                   on conflict (draft_id, recipient) do update
                      set claimant = excluded.claimant, claimed_at = now(), lease_until = excluded.lease_until
                    where held.claimant = excluded.claimant or held.lease_until <= now()
                   returning xmax = 0 as fresh)
            select (select fresh from claimed) as fresh, (select claimant from before) as before""";
    /**
     * Run right after {@link #CLAIM}, as a statement of its own (so on a snapshot taken after the claim was written and
     * after any holder it waited for had committed): gives this claimant's claim up again when the ledger has the
     * send. A row returned: already sent.
     */
    static final String RELEASE_IF_SENT = """
            delete from delivery_claim
             where draft_id = ? and recipient = ? and claimant = ?
               and exists (select 1 from delivery_ledger where draft_id = ? and recipient = ?)
            returning true as sent""";

    /** What one attempt found. */
    enum Found { CLAIMED, TAKEN_OVER, ALREADY_SENT, HELD }

    private final JdbcTemplate jdbc;
    private final double leaseSeconds;
    // Both statements in one text, one round trip (not a constant: QueryPlansIT explains each on its own).
    private final String attempt = CLAIM + ";\n" + RELEASE_IF_SENT;

    SendClaims(JdbcTemplate jdbc, Duration lease) {
        this.jdbc = jdbc;
        this.leaseSeconds = lease.toMillis() / 1000.0;
    }

    /**
     * One attempt: {@link #CLAIM}, then {@link #RELEASE_IF_SENT}, sent together in one round trip and run by
     * PostgreSQL as two statements of one implicit transaction, committed at its end. Each statement reads on a
     * snapshot of its own (read committed), so the second sees any send committed before the claim was written, the
     * holder the claim waited for included: a claim is never kept for a mail the ledger has.
     */
    Found attempt(String draftId, String recipient, String claimant) {
        return jdbc.execute(attempt, (PreparedStatementCallback<Found>) statement -> {
            new ArgumentPreparedStatementSetter(new Object[] {draftId, recipient, draftId, recipient, claimant,
                leaseSeconds, draftId, recipient, claimant, draftId, recipient}).setValues(statement);
            statement.execute();
            Found found;
            try (ResultSet claimed = statement.getResultSet()) {
                claimed.next();
                Boolean fresh = (Boolean) claimed.getObject("fresh");
                found = fresh == null ? Found.HELD
                        : fresh || claimant.equals(claimed.getString("before")) ? Found.CLAIMED : Found.TAKEN_OVER;
            }
            if (!statement.getMoreResults()) {
                throw new IllegalStateException("The claim's ledger check returned no result");
            }
            try (ResultSet released = statement.getResultSet()) {
                return released.next() ? Found.ALREADY_SENT : found;
            }
        });
    }

    /** Gives up a claim this claimant holds, in the caller's transaction if there is one; true if it held it. */
    boolean release(Claim claim) {
        return jdbc.update("delete from delivery_claim where draft_id = ? and recipient = ? and claimant = ?",
                claim.draftId(), claim.recipient(), claim.claimant()) > 0;
    }

}
