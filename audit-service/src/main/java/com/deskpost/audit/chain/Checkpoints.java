package com.deskpost.audit.chain;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The checkpoints of every chain. A chain gets a new one once it has grown {@code every-rows} rows past
 * its last, or once the oldest row past its last is {@code interval} old, whichever comes first; a chain
 * that has not grown gets none. Taking one needs no lock: a chain's rows commit in position order (its
 * appends hold its lock until commit), so the highest position seen is a head every row before it backs.
 */
@Repository
public class Checkpoints {

    private static final String COLUMNS = "chain_id, chain_position, hash, created_at, seal";

    private final JdbcTemplate jdbc;
    private final ChainSeal seal;
    private final AuditChainProperties.Checkpoint settings;

    public Checkpoints(JdbcTemplate jdbc, ChainSeal seal, AuditChainProperties settings) {
        this.jdbc = jdbc;
        this.seal = seal;
        this.settings = settings.checkpoint();
    }

    /** Takes the checkpoints that are due at {@code now}; returns them. */
    public List<Checkpoint> take(Instant now) {
        List<Checkpoint> taken = new ArrayList<>();
        for (String chain : Chains.all(jdbc)) {
            List<ChainHead> head = jdbc.query("""
                    select chain_position, hash from audit_log where chain_id = ? order by chain_position desc limit 1""",
                    (rs, n) -> new ChainHead(rs.getLong(1), rs.getString(2)), chain);
            long anchored = latest(chain).map(Checkpoint::position).orElse(0L);
            if (!head.isEmpty() && due(chain, head.get(0), anchored, now)) {
                Checkpoint checkpoint = Checkpoint.sealed(seal, chain, head.get(0), now.truncatedTo(ChronoUnit.MILLIS));
                int inserted = jdbc.update("insert into audit_checkpoint (" + COLUMNS + ") values (?, ?, ?, ?, ?)"
                        + " on conflict (chain_id, chain_position) do nothing", chain, checkpoint.position(),
                        checkpoint.hash(), Timestamp.from(checkpoint.createdAt()), checkpoint.seal());
                if (inserted > 0) {
                    taken.add(checkpoint);
                }
            }
        }
        return taken;
    }

    private boolean due(String chain, ChainHead head, long anchored, Instant now) {
        if (head.position() <= anchored) {
            return false;
        }
        if (head.position() - anchored >= settings.everyRows()) {
            return true;
        }
        List<OffsetDateTime> oldest = jdbc.queryForList(
                "select recorded_at from audit_log where chain_id = ? and chain_position = ?", OffsetDateTime.class,
                chain, anchored + 1);
        return !oldest.isEmpty() && !oldest.get(0).toInstant().plus(settings.interval()).isAfter(now);
    }

    /** The chains that have a checkpoint. */
    public List<String> chains() {
        return jdbc.queryForList("select distinct chain_id from audit_checkpoint order by 1", String.class);
    }

    /** The chain's newest checkpoint. */
    public Optional<Checkpoint> latest(String chain) {
        return jdbc.query("select " + COLUMNS + " from audit_checkpoint where chain_id = ?"
                + " order by chain_position desc limit 1", Checkpoints::checkpoint, chain).stream().findFirst();
    }

    /** The chain's newest checkpoint taken at or before {@code cutoff}. */
    public Optional<Checkpoint> latestAtOrBefore(String chain, Instant cutoff) {
        return jdbc.query("select " + COLUMNS + " from audit_checkpoint where chain_id = ? and created_at <= ?"
                + " order by chain_position desc limit 1", Checkpoints::checkpoint, chain, Timestamp.from(cutoff))
                .stream().findFirst();
    }

    /** The chain's checkpoints past {@code position}, by position. */
    public Map<Long, Checkpoint> after(String chain, long position) {
        Map<Long, Checkpoint> byPosition = new LinkedHashMap<>();
        jdbc.query("select " + COLUMNS + " from audit_checkpoint where chain_id = ? and chain_position > ?"
                + " order by chain_position", Checkpoints::checkpoint, chain, position)
                .forEach(checkpoint -> byPosition.put(checkpoint.position(), checkpoint));
        return byPosition;
    }

    /** Whether the checkpoint carries the seal of this service's checkpoint secret. */
    public boolean sealed(Checkpoint checkpoint) {
        return checkpoint.sealedBy(seal);
    }

    private static Checkpoint checkpoint(ResultSet rs, int n) throws SQLException {
        return new Checkpoint(rs.getString("chain_id"), rs.getLong("chain_position"), rs.getString("hash"),
                rs.getObject("created_at", OffsetDateTime.class).toInstant(), rs.getString("seal"));
    }
}
