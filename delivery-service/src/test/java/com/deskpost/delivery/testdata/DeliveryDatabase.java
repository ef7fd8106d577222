package com.deskpost.delivery.testdata;

import com.deskpost.delivery.DeliveryTestStack;
import com.deskpost.delivery.consent.ConsentStore;
import com.deskpost.platform.pseudonym.Pseudonyms;
import com.deskpost.testsupport.Postgres;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/** A fresh PostgreSQL database with delivery's own migrations applied, as the service would find it. */
public record DeliveryDatabase(DataSource dataSource) {

    /** Pseudonyms under the test stack's secret. */
    public static final Pseudonyms PSEUDONYMS = new Pseudonyms(DeliveryTestStack.PSEUDONYM_SECRET);

    public static DeliveryDatabase fresh(String prefix) {
        Postgres.Database database = Postgres.shared().createDatabase(prefix);
        Flyway.configure()
                .dataSource(database.jdbcUrl(), database.username(), database.password())
                .locations("classpath:db/migration/delivery")
                .load()
                .migrate();
        return new DeliveryDatabase(
                new DriverManagerDataSource(database.jdbcUrl(), database.username(), database.password()));
    }

    public JdbcTemplate jdbc() {
        return new JdbcTemplate(dataSource);
    }

    public TransactionTemplate transactions() {
        return new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    }

    public ConsentStore consentStore() {
        return new ConsentStore(jdbc(), PSEUDONYMS);
    }
}
