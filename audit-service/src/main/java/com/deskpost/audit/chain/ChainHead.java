package com.deskpost.audit.chain;

import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The last link of a chain: its position and hash, which the next row's prev_hash must equal. It is the
 * chain's highest row; when archiving has dropped every row, the newest checkpoint (archives end at one);
 * for a chain never written, the genesis at position 0.
 *
 * @param position the head's position, 0 for the genesis
 * @param hash the head's hash
 */
public record ChainHead(long position, String hash) {

    public static final ChainHead GENESIS = new ChainHead(0, ChainHash.GENESIS);

    /** The chain's head as this transaction sees it. */
    public static ChainHead of(JdbcTemplate jdbc, String chain) {
        List<ChainHead> head = jdbc.query("""
                select chain_position, hash from audit_log where chain_id = ? order by chain_position desc limit 1""",
                (rs, n) -> new ChainHead(rs.getLong(1), rs.getString(2)), chain);
        if (head.isEmpty()) {
            head = jdbc.query("""
                    select chain_position, hash from audit_checkpoint where chain_id = ?
                     order by chain_position desc limit 1""",
                    (rs, n) -> new ChainHead(rs.getLong(1), rs.getString(2)), chain);
        }
        return head.isEmpty() ? GENESIS : head.get(0);
    }

    /** The position the next row takes. */
    public long next() {
        return position + 1;
    }
}
