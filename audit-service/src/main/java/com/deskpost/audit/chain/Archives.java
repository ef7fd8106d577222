package com.deskpost.audit.chain;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The record of archived segments, and the move of a segment out of the table. */
@Repository
public class Archives {

    private static final String COLUMNS = "chain_id, from_position, to_position, row_count, first_prev_hash, last_hash,"
            + " file, file_sha256, archived_at, seal";

    // pg_advisory_xact_lock(int, int): this class of lock, then the chain. Any fixed number, not the appends'.
    private static final int ARCHIVE_LOCK = 0x64706172;

    private final JdbcTemplate jdbc;
    private final ChainSeal seal;

    public Archives(JdbcTemplate jdbc, ChainSeal seal) {
        this.jdbc = jdbc;
        this.seal = seal;
    }

    /** Holds off another instance archiving the same chain until this transaction ends. */
    void lock(String chain) {
        jdbc.queryForObject("select pg_advisory_xact_lock(?, hashtext(?))", Object.class, ARCHIVE_LOCK, chain);
    }

    /** The chain's archived segments, oldest first. */
    public List<ArchivedSegment> of(String chain) {
        return jdbc.query("select " + COLUMNS + " from audit_archive where chain_id = ? order by to_position",
                Archives::segment, chain);
    }

    /** The head of the chain's newest archived segment: what the first row left must link to. */
    public ChainHead archivedHead(String chain) {
        return jdbc.query("select " + COLUMNS + " from audit_archive where chain_id = ? order by to_position desc"
                + " limit 1", Archives::segment, chain).stream().findFirst().map(ArchivedSegment::head)
                .orElse(ChainHead.GENESIS);
    }

    /**
     * What is wrong with the chain's archive record, if anything: a segment not sealed by this service, or
     * segments that do not follow one another (one removed from the record).
     */
    public Optional<String> problem(List<ArchivedSegment> segments) {
        ChainHead expected = ChainHead.GENESIS;
        for (ArchivedSegment segment : segments) {
            if (!segment.sealedBy(seal)) {
                return Optional.of("the archive record of positions " + segment.fromPosition() + ".."
                        + segment.toPosition() + " is not sealed by the checkpoint secret");
            }
            if (segment.fromPosition() != expected.next() || !segment.firstPrevHash().equals(expected.hash())) {
                return Optional.of("the archived segment of positions " + segment.fromPosition() + ".."
                        + segment.toPosition() + " does not follow the one before it (position " + expected.position()
                        + ")");
            }
            expected = segment.head();
        }
        return Optional.empty();
    }

    /** Records the segment, sealed, and drops its rows from the table: call in the archiving transaction. */
    void move(ArchivedSegment segment) {
        ArchivedSegment sealed = ArchivedSegment.sealed(seal, segment);
        jdbc.update("insert into audit_archive (" + COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                sealed.chain(), sealed.fromPosition(), sealed.toPosition(), sealed.rows(), sealed.firstPrevHash(),
                sealed.lastHash(), sealed.file(), sealed.fileSha256(), Timestamp.from(sealed.archivedAt()),
                sealed.seal());
        jdbc.update("delete from audit_log where chain_id = ? and chain_position between ? and ?",
                segment.chain(), segment.fromPosition(), segment.toPosition());
    }

    private static ArchivedSegment segment(ResultSet rs, int n) throws SQLException {
        return new ArchivedSegment(rs.getString("chain_id"), rs.getLong("from_position"), rs.getLong("to_position"),
                rs.getLong("row_count"), rs.getString("first_prev_hash"), rs.getString("last_hash"),
                rs.getString("file"), rs.getString("file_sha256"),
                rs.getObject("archived_at", OffsetDateTime.class).toInstant(), rs.getString("seal"));
    }
}
