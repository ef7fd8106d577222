package com.deskpost.audit.chain;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;

/**
 * Settings of the audit chains' checkpoints and archive ({@code deskpost.audit}).
 *
 * @param checkpoint when a chain's head is anchored, and the key that seals the anchors
 * @param archive which segments leave the table, and where they go
 */
@ConfigurationProperties("deskpost.audit")
public record AuditChainProperties(Checkpoint checkpoint, Archive archive) {

    private static final int MIN_SECRET_CHARS = 32;

    @ConstructorBinding
    public AuditChainProperties {
        archive = archive == null ? new Archive(null, null, null) : archive;
        if (checkpoint == null || checkpoint.secret() == null || checkpoint.secret().length() < MIN_SECRET_CHARS) {
            throw new IllegalArgumentException("deskpost.audit.checkpoint.secret must be set, at least "
                    + MIN_SECRET_CHARS + " characters: it seals the audit chain's checkpoints and archives");
        }
    }

    /**
     * @param secret HMAC key that seals checkpoints and archive records; never in the database
     * @param everyRows a checkpoint once a chain has grown this many rows past its last one
     * @param interval or once its oldest row past the last checkpoint is this old
     * @param checkInterval how often the service looks for chains due a checkpoint
     */
    public record Checkpoint(String secret, Long everyRows, Duration interval, Duration checkInterval) {

        public Checkpoint {
            checkInterval = checkInterval == null ? Duration.ofSeconds(10) : checkInterval;
            everyRows = everyRows == null ? 10_000L : everyRows;
            interval = interval == null ? Duration.ofMinutes(5) : interval;
        }
    }

    /**
     * @param retention segments whose closing checkpoint is older than this may be archived and dropped
     * @param directory where archive files are written, one gzipped JSON-lines file per segment
     * @param cron when the archive job runs (Spring cron); {@code -}, the default, never
     */
    public record Archive(Duration retention, Path directory, String cron) {

        public Archive {
            retention = retention == null ? Duration.ofDays(400) : retention;
            directory = directory == null ? Path.of("audit-archive") : directory;
            cron = cron == null ? "-" : cron;
        }
    }
}
