package com.deskpost.audit.testdata;

import com.deskpost.audit.AuditTestStack;
import com.deskpost.audit.erasure.ErasedRecipients;
import com.deskpost.audit.store.AuditLog;
import com.deskpost.platform.pseudonym.Pseudonyms;
import com.deskpost.testsupport.Postgres;
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
        return new AuditLog(jdbc(), transactions(), erasedRecipients(), PSEUDONYMS);
    }
}
