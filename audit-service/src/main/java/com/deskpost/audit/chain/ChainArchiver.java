package com.deskpost.audit.chain;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Moves the old part of each chain out of the table: the rows up to the newest checkpoint taken at or
 * before the cut-off, after the last archived segment, are verified, written to a file
 * ({@link ArchiveWriter}), recorded with the file's SHA-256 and dropped, in one transaction per chain.
 * A segment that does not verify is not archived: tampering stays in the table, where verification
 * names it. What remains verifies from the archived head, which the archive record anchors.
 */
@Component
public class ChainArchiver {

    private static final Logger log = LoggerFactory.getLogger(ChainArchiver.class);

    private final TransactionTemplate tx;
    private final Checkpoints checkpoints;
    private final Archives archives;
    private final ArchiveWriter writer;
    private final SegmentVerifier verifier;

    public ChainArchiver(TransactionTemplate tx, Checkpoints checkpoints, Archives archives, ArchiveWriter writer,
            SegmentVerifier verifier) {
        this.tx = tx;
        this.checkpoints = checkpoints;
        this.archives = archives;
        this.writer = writer;
        this.verifier = verifier;
    }

    /** Archives, in every chain, the segment that ends at its newest checkpoint at or before {@code cutoff}. */
    public List<ArchivedSegment> archive(Instant cutoff, Instant now) {
        List<ArchivedSegment> archived = new ArrayList<>();
        for (String chain : checkpoints.chains()) {
            Optional<ArchivedSegment> segment = tx.execute(status -> archive(chain, cutoff, now));
            segment.ifPresent(archived::add);
        }
        return archived;
    }

    private Optional<ArchivedSegment> archive(String chain, Instant cutoff, Instant now) {
        archives.lock(chain);
        Optional<Checkpoint> end = checkpoints.latestAtOrBefore(chain, cutoff);
        ChainHead from = archives.archivedHead(chain);
        if (end.isEmpty() || end.get().position() <= from.position()) {
            return Optional.empty();
        }
        Checkpoint checkpoint = end.get();
        if (!checkpoints.sealed(checkpoint)) {
            log.error("Audit chain {}: not archiving up to position {}: the checkpoint is not sealed by the checkpoint"
                    + " secret", chain, checkpoint.position());
            return Optional.empty();
        }
        Optional<String> broken = verifier.brokenBetween(chain, from, checkpoint.head());
        if (broken.isPresent()) {
            // Tampering is an incident; archiving it away would hide it.
            log.error("Audit chain {}: not archiving positions {}..{}: {}", chain, from.next(), checkpoint.position(),
                    broken.get());
            return Optional.empty();
        }
        ArchiveWriter.Written file = writer.write(chain, from.next(), checkpoint.position());
        if (file.rows() != checkpoint.position() - from.position() || !from.hash().equals(file.firstPrevHash())
                || !checkpoint.hash().equals(file.lastHash())) {
            throw new IllegalStateException("Audit chain " + chain + ": the archive file " + file.file()
                    + " does not hold the verified segment " + from.next() + ".." + checkpoint.position());
        }
        ArchivedSegment segment = new ArchivedSegment(chain, from.next(), checkpoint.position(), file.rows(),
                file.firstPrevHash(), file.lastHash(), file.file(), file.sha256(), now.truncatedTo(ChronoUnit.MILLIS),
                null);
        archives.move(segment);
        log.info("Audit chain {}: archived positions {}..{} ({} rows) to {} (SHA-256 {})", chain,
                segment.fromPosition(), segment.toPosition(), segment.rows(), segment.file(), segment.fileSha256());
        return Optional.of(segment);
    }
}
