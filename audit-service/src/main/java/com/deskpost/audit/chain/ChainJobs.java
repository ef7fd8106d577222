package com.deskpost.audit.chain;

import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Takes each chain's checkpoints as they fall due, and archives segments older than the retention on the
 * archive schedule (off unless {@code deskpost.audit.archive.cron} is set). Several instances may run
 * both: a checkpoint is unique per chain and position, and archiving a chain holds its lock.
 */
@Component
class ChainJobs {

    private static final Logger log = LoggerFactory.getLogger(ChainJobs.class);

    private final Checkpoints checkpoints;
    private final ChainArchiver archiver;
    private final AuditChainProperties settings;

    ChainJobs(Checkpoints checkpoints, ChainArchiver archiver, AuditChainProperties settings) {
        this.checkpoints = checkpoints;
        this.archiver = archiver;
        this.settings = settings;
    }

    // Looks often; a checkpoint is taken only when one is due (every-rows or interval).
    @Scheduled(fixedDelayString = "${deskpost.audit.checkpoint.check-interval:10s}")
    void checkpoint() {
        List<Checkpoint> taken = checkpoints.take(Instant.now());
        taken.forEach(c -> log.debug("Audit chain {}: checkpoint at position {}", c.chain(), c.position()));
    }

    @Scheduled(cron = "${deskpost.audit.archive.cron:-}")
    void archive() {
        Instant now = Instant.now();
        archiver.archive(now.minus(settings.archive().retention()), now);
    }
}
