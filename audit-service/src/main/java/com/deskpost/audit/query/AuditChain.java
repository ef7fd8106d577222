package com.deskpost.audit.query;

import com.deskpost.audit.chain.ArchivedSegment;
import com.deskpost.audit.chain.Archives;
import com.deskpost.audit.chain.ChainHead;
import com.deskpost.audit.chain.ChainReport;
import com.deskpost.audit.chain.ChainHash;
import com.deskpost.audit.chain.Chains;
import com.deskpost.audit.chain.Checkpoint;
import com.deskpost.audit.chain.Checkpoints;
import com.deskpost.audit.chain.SegmentVerifier;
import com.deskpost.platform.pseudonym.Pseudonyms;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Verifies the audit chains, each in its own read-only transaction, by streaming its rows in position
 * order through a server-side cursor, so memory stays flat however many rows there are; each chain
 * stops at its first broken row. Incremental verification starts each chain after its newest sealed
 * checkpoint and reads only the rows after it; full verification starts at the chain's start, or after
 * its archived segments at the archived head, and also checks every checkpoint against its row, so a
 * chain rewritten and rehashed before a checkpoint is named.
 */
@Component
public class AuditChain implements SegmentVerifier {

    // PostgreSQL's driver fetches in batches only inside a transaction and with a fetch size.
    private static final int FETCH_SIZE = 1000;
    private static final String ROWS = """
            select seq, chain_id, chain_position, audit_id, draft_id, type, occurred_at, actor, recipient,
                   recipient_digest, location_id, thread_key, correlation_id, message_id, detail, detail_digest,
                   attributes, prev_hash, hash, processing_activity, lawful_basis, purpose
              from audit_log where chain_id = ? and chain_position > ? and chain_position <= ?
             order by chain_position""";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate readOnly;
    private final Pseudonyms pseudonyms;
    private final Checkpoints checkpoints;
    private final Archives archives;

    public AuditChain(DataSource dataSource, PlatformTransactionManager transactions, Pseudonyms pseudonyms,
            Checkpoints checkpoints, Archives archives) {
        this.pseudonyms = pseudonyms;
        this.checkpoints = checkpoints;
        this.archives = archives;
        this.jdbc = new JdbcTemplate(dataSource);
        this.jdbc.setFetchSize(FETCH_SIZE);
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
    }

    /** Full verification of every chain. */
    public ChainVerification verify() {
        return verify(true);
    }

    /** Full verification of every chain, or incremental: each from its newest checkpoint. */
    public ChainVerification verify(boolean full) {
        List<ChainReport> reports = Chains.all(jdbc).stream()
                .map(chain -> readOnly.execute(status -> verify(chain, full))).toList();
        return ChainVerification.of(full, reports);
    }

    private ChainReport verify(String chain, boolean full) {
        List<ArchivedSegment> segments = archives.of(chain);
        ChainReport.Archived archived = ChainReport.Archived.of(segments);
        ChainHead start = segments.isEmpty() ? ChainHead.GENESIS : segments.get(segments.size() - 1).head();
        Optional<String> archiveBroken = archives.problem(segments);
        if (archiveBroken.isPresent()) {
            return ChainReport.broken(chain, 0, null, null, start.position(), null, null, archiveBroken.get(), archived);
        }
        String firstLinkBroken = segments.isEmpty() ? ChainVerifier.REMOVED_FROM_START
                : "prev_hash of the first row left does not match the head of the archived segment ending at position "
                        + start.position() + ": rows were removed after it";
        Map<Long, Checkpoint> anchors = full ? checkpoints.after(chain, start.position()) : Map.of();
        Long fromCheckpoint = null;
        Optional<Checkpoint> latest = full ? Optional.empty() : checkpoints.latest(chain)
                .filter(checkpoint -> checkpoint.position() > archivedUpTo(archived));
        for (Checkpoint checkpoint : latest.map(List::of).orElse(List.copyOf(anchors.values()))) {
            if (!checkpoints.sealed(checkpoint)) {
                return ChainReport.broken(chain, 0, null, null, checkpoint.position(), null, null,
                        "the checkpoint at position " + checkpoint.position()
                                + " is not sealed by the checkpoint secret", archived);
            }
        }
        if (latest.isPresent()) {
            start = latest.get().head();
            fromCheckpoint = start.position();
            firstLinkBroken = "prev_hash of the first row after the checkpoint at position " + start.position()
                    + " does not match the checkpoint's hash";
        }
        Walk walk = walk(chain, start, Long.MAX_VALUE, firstLinkBroken, anchors);
        if (walk.broken() == null) {
            Optional<Checkpoint> rowless = anchors.values().stream()
                    .filter(checkpoint -> checkpoint.position() > walk.last().position()).findFirst();
            if (rowless.isPresent()) {
                return ChainReport.broken(chain, walk.rows(), null, walk.last().position(),
                        rowless.get().position(), null, null, "the checkpoint at position " + rowless.get().position()
                                + " has no row: rows were removed from the end of the chain", archived);
            }
            return ChainReport.intact(chain, walk.rows(), fromCheckpoint, walk.last().position(), archived);
        }
        StoredRow row = walk.broken();
        return ChainReport.broken(chain, walk.rows(), fromCheckpoint, row.chainPosition(), row.chainPosition(),
                row.seq(), row.auditId(), walk.reason(), archived);
    }

    private static long archivedUpTo(ChainReport.Archived archived) {
        return archived == null ? 0 : archived.upToPosition();
    }

    @Override
    public Optional<String> brokenBetween(String chain, ChainHead from, ChainHead to) {
        return readOnly.execute(status -> {
            Walk walk = walk(chain, from, to.position(), "prev_hash of the first row does not match the head before it"
                    + " (position " + from.position() + ")", Map.of());
            if (walk.broken() != null) {
                return Optional.of("position " + walk.broken().chainPosition() + " (audit id "
                        + walk.broken().auditId() + "): " + walk.reason());
            }
            if (!walk.last().equals(to)) {
                return Optional.of("the rows end at position " + walk.last().position()
                        + ", not at the checkpoint's head at position " + to.position());
            }
            return Optional.<String>empty();
        });
    }

    /** Reads the chain's rows after {@code start} up to {@code upTo}, stopping at the first broken one. */
    private Walk walk(String chain, ChainHead start, long upTo, String firstLinkBroken, Map<Long, Checkpoint> anchors) {
        ChainVerifier verifier = new ChainVerifier(pseudonyms, start, firstLinkBroken);
        ChainHead last = start;
        try (Stream<StoredRow> rows = jdbc.queryForStream(ROWS, AuditChain::row, chain, start.position(), upTo)) {
            Iterator<StoredRow> each = rows.iterator();
            while (each.hasNext()) {
                StoredRow row = each.next();
                Optional<String> broken = verifier.check(row);
                Checkpoint anchor = anchors.get(row.chainPosition());
                if (broken.isEmpty() && anchor != null && !anchor.hash().equals(row.hash())) {
                    broken = Optional.of("hash does not match the checkpoint taken at this position: the chain was"
                            + " rewritten up to here");
                }
                if (broken.isPresent()) {
                    return new Walk(verifier.rows(), last, row, broken.get());
                }
                last = new ChainHead(row.chainPosition(), row.hash());
            }
        }
        return new Walk(verifier.rows(), last, null, null);
    }

    /** Rows read, the last sound row's head, and the first broken row with why. */
    private record Walk(long rows, ChainHead last, StoredRow broken, String reason) {
    }

    private static StoredRow row(ResultSet rs, int n) throws SQLException {
        return new StoredRow(rs.getLong("seq"), rs.getString("chain_id"), rs.getLong("chain_position"),
                rs.getString("audit_id"), rs.getString("draft_id"), rs.getString("type"),
                rs.getObject("occurred_at", OffsetDateTime.class).toInstant().toEpochMilli(),
                rs.getString("actor"), rs.getString("recipient"), rs.getString("recipient_digest"),
                rs.getString("location_id"), rs.getString("thread_key"), rs.getString("correlation_id"),
                rs.getString("message_id"), rs.getString("detail"), rs.getString("detail_digest"),
                rs.getString("attributes"), rs.getString("prev_hash"), rs.getString("hash"),
                ChainHash.Processing.ofColumns(rs.getString("processing_activity"), rs.getString("lawful_basis"),
                        rs.getString("purpose")));
    }
}
