package com.deskpost.audit.chain;

import java.time.Instant;

/**
 * Positions {@code fromPosition..toPosition} of a chain, written to an archive file and dropped from the
 * table. The segment links from {@code firstPrevHash} (the head before it) to {@code lastHash}, the head
 * the first row left in the table must link to.
 *
 * @param file the archive file, relative to the archive directory
 * @param fileSha256 SHA-256 of the file's bytes (the gzip), as {@code sha256sum} prints it
 * @param seal HMAC-SHA256 of the other fields under the checkpoint secret
 */
public record ArchivedSegment(String chain, long fromPosition, long toPosition, long rows, String firstPrevHash,
        String lastHash, String file, String fileSha256, Instant archivedAt, String seal) {

    static ArchivedSegment sealed(ChainSeal seal, ArchivedSegment segment) {
        return new ArchivedSegment(segment.chain, segment.fromPosition, segment.toPosition, segment.rows,
                segment.firstPrevHash, segment.lastHash, segment.file, segment.fileSha256, segment.archivedAt,
                seal.seal(segment.sealedFields()));
    }

    /** Whether the seal is the checkpoint secret's over this record. */
    public boolean sealedBy(ChainSeal seal) {
        return seal.verifies(this.seal, sealedFields());
    }

    /** The head the segment ends with. */
    public ChainHead head() {
        return new ChainHead(toPosition, lastHash);
    }

    private String[] sealedFields() {
        return new String[] {"archive", chain, Long.toString(fromPosition), Long.toString(toPosition),
                Long.toString(rows), firstPrevHash, lastHash, file, fileSha256, Long.toString(archivedAt.toEpochMilli())};
    }
}
