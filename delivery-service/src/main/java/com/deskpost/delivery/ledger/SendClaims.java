package com.deskpost.delivery.ledger;

import java.time.Duration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The delivery_claim table: at most one live claim per (draft, recipient). A claim is granted in its own short
 * committed transaction, on the database's clock (every instance shares it), when no other consumer holds a
 * live one and the ledger has no row; it lapses after the lease, so a crashed holder cannot keep a mail unsent.
 */
final class SendClaims {

    static final String HOLDERS = """
            select claimant, lease_until > now() as live from delivery_claim
             where draft_id = ? and recipient = ? for update""";
    static final String SENT = "select exists (select 1 from delivery_ledger where draft_id = ? and recipient = ?)";

    /** What one attempt found. */
    enum Found { CLAIMED, TAKEN_OVER, ALREADY_SENT, HELD }

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final double leaseSeconds;

    SendClaims(JdbcTemplate jdbc, TransactionTemplate transactions, Duration lease) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.leaseSeconds = lease.toMillis() / 1000.0;
    }

    /**
     * One attempt. The holder's row is locked first, so a holder committing its ledger row (which deletes its
     * claim) is waited for; the ledger is read after the claim is written, in a statement of its own, so it
     * sees any send committed before the claim: a claim is never granted for a mail the ledger has.
     */
    Found attempt(String draftId, String recipient, String claimant) {
        return transactions.execute(status -> {
            var holders = jdbc.query(HOLDERS,
                    (row, n) -> new Holder(row.getString("claimant"), row.getBoolean("live")), draftId, recipient);
            Found found;
            if (holders.isEmpty()) {
                boolean inserted = jdbc.update("""
                        insert into delivery_claim (draft_id, recipient, claimant, claimed_at, lease_until)
                        values (?, ?, ?, now(), now() + make_interval(secs => ?)) on conflict do nothing""",
                        draftId, recipient, claimant, leaseSeconds) > 0;
                // Not inserted: another consumer's claim committed since the select.
                found = inserted ? Found.CLAIMED : Found.HELD;
            } else {
                Holder holder = holders.get(0);
                if (holder.live() && !holder.claimant().equals(claimant)) {
                    found = Found.HELD;
                } else {
                    jdbc.update("""
                            update delivery_claim set claimant = ?, claimed_at = now(),
                                   lease_until = now() + make_interval(secs => ?)
                             where draft_id = ? and recipient = ?""", claimant, leaseSeconds, draftId, recipient);
                    found = holder.claimant().equals(claimant) ? Found.CLAIMED : Found.TAKEN_OVER;
                }
            }
            if (found != Found.HELD && sent(draftId, recipient)) {
                status.setRollbackOnly();
                return Found.ALREADY_SENT;
            }
            return found;
        });
    }

    /** Gives up a claim this claimant holds, in the caller's transaction if there is one; true if it held it. */
    boolean release(Claim claim) {
        return jdbc.update("delete from delivery_claim where draft_id = ? and recipient = ? and claimant = ?",
                claim.draftId(), claim.recipient(), claim.claimant()) > 0;
    }

    private boolean sent(String draftId, String recipient) {
        return Boolean.TRUE.equals(jdbc.queryForObject(SENT, Boolean.class, draftId, recipient));
    }

    private record Holder(String claimant, boolean live) {
    }
}
