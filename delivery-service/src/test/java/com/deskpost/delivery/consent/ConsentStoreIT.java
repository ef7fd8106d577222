package com.deskpost.delivery.consent;

import static org.assertj.core.api.Assertions.assertThat;

import com.deskpost.delivery.testdata.DeliveryDatabase;
import com.deskpost.events.ConsentAction;
import com.deskpost.events.ConsentChange;
import com.deskpost.events.EmailCategory;
import com.deskpost.platform.consent.ConsentGate;
import com.deskpost.platform.pseudonym.Pseudonyms;
import com.deskpost.testsupport.Postgres;
import java.time.Instant;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationVersion;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The consent store against real PostgreSQL: an erased address stays suppressed for every kind of
 * mail while the store keeps only its pseudonym (GDPR art. 17).
 */
class ConsentStoreIT {

    private static final String ADA = "ada@example.com";
    private static final Instant T0 = Instant.parse("2026-11-24T09:00:00Z");
    private static final Pseudonyms PSEUDONYMS = DeliveryDatabase.PSEUDONYMS;

    private DeliveryDatabase database;
    private JdbcTemplate jdbc;
    private ConsentStore store;

    @BeforeEach
    void freshStore() {
        database = DeliveryDatabase.fresh("consent");
        jdbc = database.jdbc();
        store = database.consentStore();
    }

    @Test
    void anErasedAddressIsSuppressedForEveryMailYetTheStoreNoLongerHoldsIt() {
        // Given Ada opted in to commercial mail, then unsubscribed
        store.apply(change(ADA, "opt_in", ConsentAction.ADDED, T0));
        store.apply(change(ADA, "unsubscribed", ConsentAction.ADDED, T0.plusSeconds(1)));

        // When her address is erased (spelt as a composer might), and the erasure comes back from mail.consent
        // under her pseudonym
        ConsentChange erasure = change(PSEUDONYMS.of(ADA), "erased", ConsentAction.ADDED, T0.plusSeconds(2));
        store.erase(" Ada@Example.com", erasure);
        store.apply(erasure);

        // Then she is erased, however the address is spelt, and transactional and commercial mail are refused
        assertThat(store.tags(ADA)).containsExactly("erased");
        assertThat(store.tags("ADA@example.com ")).containsExactly("erased");
        assertThat(store.erased("Ada@Example.com")).isTrue();
        for (EmailCategory category : List.of(EmailCategory.TRANSACTIONAL, EmailCategory.SECURITY,
                EmailCategory.COMMERCIAL)) {
            for (String jurisdiction : List.of("EU", "UK", "US", "US-CA")) {
                assertThat(ConsentGate.suppressedBy(category, jurisdiction, store.tags(ADA)))
                        .as("%s mail in %s", category, jurisdiction).hasValueSatisfying(rule ->
                                assertThat(ConsentGate.ruleKey(rule)).isEqualTo("erased"));
            }
        }
        // And the only row left is the suppression, under the pseudonym her audit and ledger rows carry
        assertThat(jdbc.queryForList("select email || ' ' || tag || ' ' || present from consent_tags",
                String.class))
                .containsExactly(PSEUDONYMS.of(ADA) + " erased true");
        assertThat(store.withTag("erased")).containsExactly(PSEUDONYMS.of(ADA));
        // And nothing more is recorded about her: a later tag change (a replay, a bounce) stays out
        store.apply(change(ADA, "opt_in", ConsentAction.ADDED, T0.plusSeconds(3)));
        assertThat(store.tags(ADA)).containsExactly("erased");
        assertThat(jdbc.queryForObject("select count(*) from consent_tags where email ilike '%ada%'",
                Integer.class)).isZero();
    }

    @Test
    void otherAddressesKeepTheirTagsAndAnEraseOfThemIsIndependent() {
        store.apply(change("alan@example.com", "opt_in", ConsentAction.ADDED, T0));

        store.apply(change(ADA, "erased", ConsentAction.ADDED, T0.plusSeconds(1)));

        assertThat(store.tags("alan@example.com")).containsExactly("opt_in");
        assertThat(store.erased("alan@example.com")).isFalse();
        assertThat(ConsentGate.suppressedBy(EmailCategory.COMMERCIAL, "EU", store.tags("alan@example.com"))).isEmpty();
    }

    @Test
    void anErasureAnnouncedInClearBeforeKeyedPseudonymsIsStoredUnderThePseudonymWhenReadAgain() {
        // Given Ada's opt-in
        store.apply(change(ADA, "opt_in", ConsentAction.ADDED, T0));

        // When an erasure published in clear before the upgrade is read again from mail.consent
        store.apply(change(" Ada@Example.com", "erased", ConsentAction.ADDED, T0.plusSeconds(1)));

        // Then it is kept under her keyed pseudonym only, and her other tags are gone
        assertThat(store.tags(ADA)).containsExactly("erased");
        assertThat(jdbc.queryForList("select email from consent_tags", String.class))
                .containsExactly(PSEUDONYMS.of(ADA));
    }

    @Test
    void anErasureStoredBeforeKeyedPseudonymsUnderTheUnkeyedOneStillSuppressesTheAddress() {
        // Given a database from before V4, where an erasure was stored with the address beside its other tags
        Postgres.Database db = Postgres.shared().createDatabase("consent-v3");
        Flyway v3 = flyway(db, MigrationVersion.fromVersion("3"));
        v3.migrate();
        JdbcTemplate old = new JdbcTemplate(new DriverManagerDataSource(db.jdbcUrl(), db.username(), db.password()));
        for (String row : List.of(ADA + ",erased", ADA + ",opt_in", "alan@example.com,opt_in")) {
            old.update("insert into consent_tags (email, tag, present, changed_at, source)"
                    + " values (?, ?, true, now(), 'x')", row.split(",")[0], row.split(",")[1]);
        }

        // When the service's migrations run
        flyway(db, MigrationVersion.LATEST).migrate();

        // Then the erasure holds by the unkeyed pseudonym V4 gave it (the address it would need to be re-keyed
        // is gone), the address is gone, other people's tags stay
        ConsentStore migrated = new ConsentStore(old, PSEUDONYMS);
        assertThat(old.queryForList("select email from consent_tags where tag = 'erased'", String.class))
                .containsExactly("erased:b5fc85e55755f9e0");
        assertThat(migrated.tags(ADA)).containsExactly("erased");
        assertThat(migrated.erased(" Ada@Example.com")).isTrue();
        for (EmailCategory category : EmailCategory.values()) {
            assertThat(ConsentGate.suppressedBy(category, "US", migrated.tags(ADA))).as("%s mail", category)
                    .isPresent();
        }
        assertThat(migrated.tags("alan@example.com")).containsExactly("opt_in");
        assertThat(old.queryForObject("select count(*) from consent_tags where email = ?", Integer.class, ADA))
                .isZero();
    }

    private static Flyway flyway(Postgres.Database db, MigrationVersion target) {
        return Flyway.configure().dataSource(db.jdbcUrl(), db.username(), db.password())
                .locations("classpath:db/migration/delivery").target(target).load();
    }

    private static ConsentChange change(String email, String tag, ConsentAction action, Instant at) {
        return ConsentChange.newBuilder().setEmail(email).setTag(tag).setAction(action).setSource("test")
                .setChangedAt(at).build();
    }
}
