package com.deskpost.delivery.ledger;

import java.time.Duration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The delivery_claim table: at most one live claim per (draft, recipient). A claim is granted in a committed
 * statement of its own, on the database's clock (every instance shares it), when no other consumer holds a
 * live one and the ledger has no row; it lapses after the lease, so a crashed holder cannot keep a mail unsent.
 */
final class SendClaims {

    /**
     * Claims (draft, recipient) unless another claimant's lease is live, in one statement (its own transaction): a
     * holder's row is waited for while its transaction runs, so a holder committing its ledger row (which deletes its
     * claim) is waited for. {@code fresh}: no claim was there; {@code before}: who held it, as this statement began.
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
    static final String SENT = "select exists (select 1 from delivery_ledger where draft_id = ? and recipient = ?)";

    /** What one attempt found. */
    enum Found { CLAIMED, TAKEN_OVER, ALREADY_SENT, HELD }

    private final JdbcTemplate jdbc;
    private final double leaseSeconds;

    SendClaims(JdbcTemplate jdbc, Duration lease) {
        this.jdbc = jdbc;
        this.leaseSeconds = lease.toMillis() / 1000.0;
    }

    /**
     * One attempt: two statements, each committed on its own. The claim first; then the ledger, read after the
     * claim is written, in a statement of its own, so it sees any send committed before the claim: a claim is never
     * kept for a mail the ledger has (it is given up again, {@link Found#ALREADY_SENT}).
     */
    Found attempt(String draftId, String recipient, String claimant) {
        Found found = jdbc.queryForObject(CLAIM, (row, n) -> {
            Boolean fresh = (Boolean) row.getObject("fresh");
            if (fresh == null) {
                return Found.HELD;
            }
            return fresh || claimant.equals(row.getString("before")) ? Found.CLAIMED : Found.TAKEN_OVER;
        }, draftId, recipient, draftId, recipient, claimant, leaseSeconds);
        if (found != Found.HELD && sent(draftId, recipient)) {
            release(new Claim(draftId, recipient, claimant, 0, true));
            return Found.ALREADY_SENT;
        }
        return found;
    }

    /** Gives up a claim this claimant holds, in the caller's transaction if there is one; true if it held it. */
    boolean release(Claim claim) {
        return jdbc.update("delete from delivery_claim where draft_id = ? and recipient = ? and claimant = ?",
                claim.draftId(), claim.recipient(), claim.claimant()) > 0;
    }

    private boolean sent(String draftId, String recipient) {
        return Boolean.TRUE.equals(jdbc.queryForObject(SENT, Boolean.class, draftId, recipient));
    }

}
