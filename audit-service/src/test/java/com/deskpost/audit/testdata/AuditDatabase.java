package com.deskpost.audit.testdata;

import com.deskpost.audit.AuditTestStack;
import com.deskpost.audit.chain.Archives;
import com.deskpost.audit.chain.AuditChainProperties;
import com.deskpost.audit.chain.ChainSeal;
import com.deskpost.audit.chain.Checkpoints;
import com.deskpost.audit.erasure.ErasedRecipients;
import com.deskpost.audit.processing.ProcessingProperties;
import com.deskpost.audit.processing.RecordsOfProcessing;
import com.deskpost.audit.store.AuditLog;
import com.deskpost.platform.pseudonym.Pseudonyms;
import com.deskpost.testsupport.Postgres;
import java.nio.file.Path;
import java.time.Duration;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/** A fresh PostgreSQL database with audit-service's own migrations applied, as the service would find it. */
public record AuditDatabase(DataSource dataSource) {

    /** Pseudonyms under the test stack's secret. */
    public static final Pseudonyms PSEUDONYMS = new Pseudonyms(AuditTestStack.PSEUDONYM_SECRET);
    /** The records of processing as shipped. */
    public static final RecordsOfProcessing PROCESSING = new RecordsOfProcessing(ProcessingProperties.defaults());

    /** The key that seals checkpoints and archive records in tests. */
    public static final String CHECKPOINT_SECRET = "test-checkpoint-secret-0123456789abcdef";
    public static final ChainSeal SEAL = new ChainSeal(CHECKPOINT_SECRET);

    /** Chain settings: a checkpoint every {@code everyRows} rows (or after an hour), archives to {@code directory}. */
    public static AuditChainProperties chainSettings(long everyRows, Path directory) {
        return new AuditChainProperties(
                new AuditChainProperties.Checkpoint(CHECKPOINT_SECRET, everyRows, Duration.ofHours(1), null),
                new AuditChainProperties.Archive(Duration.ofDays(30), directory, null));
    }

    public static AuditDatabase fresh(String prefix) {
        Postgres.Database database = Postgres.shared().createDatabase(prefix);
        Flyway.configure()
                .dataSource(database.jdbcUrl(), database.username(), database.password())
                .locations("classpath:db/migration/audit")
                .load()
                .migrate();
        return new AuditDatabase(
                new DriverManagerDataSource(database.jdbcUrl(), database.username(), database.password()));
    }

    public JdbcTemplate jdbc() {
        return new JdbcTemplate(dataSource);
    }

    public TransactionTemplate transactions() {
        return new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    }

    public ErasedRecipients erasedRecipients() {
        return new ErasedRecipients(jdbc(), PSEUDONYMS);
    }

    /** The audit store as the service wires it. */
    public AuditLog auditLog() {
        return new AuditLog(jdbc(), transactions(), erasedRecipients(), PSEUDONYMS, PROCESSING);
    }

    /** The chains' checkpoints, one every 100 rows. */
    public Checkpoints checkpoints() {
        return checkpoints(chainSettings(100, Path.of("audit-archive")));
    }

    public Checkpoints checkpoints(AuditChainProperties settings) {
        return new Checkpoints(jdbc(), SEAL, settings);
    }

    public Archives archives() {
        return new Archives(jdbc(), SEAL);
    }
}
