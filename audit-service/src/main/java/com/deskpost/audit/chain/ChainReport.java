package com.deskpost.audit.chain;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * The verification of one chain.
 *
 * @param chain the chain: {@code mail.audit-<partition>}, or {@code legacy} for rows stored before chains
 * @param intact whether every row checked out
 * @param rows rows read, up to and including the first broken one
 * @param fromCheckpoint the position of the checkpoint verification started after; absent when it started
 *     at the chain's start or after its archived segments
 * @param lastPosition the position of the last row read
 * @param firstBrokenPosition position of the first row that does not check out (or of the checkpoint or
 *     archive record that does not)
 * @param firstBrokenSeq its seq
 * @param auditId its audit id
 * @param reason what is wrong with it
 * @param archived what of the chain has been archived and dropped from the table; absent when nothing
 */
@Schema(description = "Outcome of verifying one audit chain")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChainReport(String chain, boolean intact, long rows, Long fromCheckpoint, Long lastPosition,
        Long firstBrokenPosition, Long firstBrokenSeq, String auditId, String reason, Archived archived) {

    public static ChainReport intact(String chain, long rows, Long fromCheckpoint, Long lastPosition,
            Archived archived) {
        return new ChainReport(chain, true, rows, fromCheckpoint, lastPosition, null, null, null, null, archived);
    }

    /** Broken at a row ({@code seq} and {@code auditId} set) or at a checkpoint or archive record (null). */
    public static ChainReport broken(String chain, long rows, Long fromCheckpoint, Long lastPosition, long position,
            Long seq, String auditId, String reason, Archived archived) {
        return new ChainReport(chain, false, rows, fromCheckpoint, lastPosition, position, seq, auditId, reason,
                archived);
    }

    /**
     * The archived part of a chain.
     *
     * @param segments how many segments were archived
     * @param rows rows they hold
     * @param upToPosition the last archived position; the first row in the table follows it
     * @param files the archive files, oldest first, relative to the archive directory, with their SHA-256
     */
    public record Archived(int segments, long rows, long upToPosition, List<File> files) {

        /** @return null when nothing was archived */
        public static Archived of(List<ArchivedSegment> segments) {
            if (segments.isEmpty()) {
                return null;
            }
            return new Archived(segments.size(), segments.stream().mapToLong(ArchivedSegment::rows).sum(),
                    segments.get(segments.size() - 1).toPosition(),
                    segments.stream().map(s -> new File(s.file(), s.fileSha256(), s.fromPosition(), s.toPosition()))
                            .toList());
        }
    }

    /** One archive file: name, SHA-256 of its bytes, the positions it holds. */
    public record File(String file, String sha256, long fromPosition, long toPosition) {
    }
}
