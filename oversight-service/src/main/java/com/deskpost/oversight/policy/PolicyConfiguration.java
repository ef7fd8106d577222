package com.deskpost.oversight.policy;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/** The policy every draft and every "what would happen" question is judged by: the stored one, seeded at start. */
@Configuration
@EnableConfigurationProperties(OversightProperties.class)
class PolicyConfiguration {

    @Bean
    StoredPolicy storedPolicy(JdbcTemplate jdbc, TransactionTemplate tx, OversightProperties properties) {
        StoredPolicy stored = new StoredPolicy(jdbc);
        // Before the intake is built on it: no draft is judged before a policy is stored.
        tx.executeWithoutResult(status -> stored.seed(properties));
        return stored;
    }

    @Bean
    OversightPolicy oversightPolicy(StoredPolicy stored) {
        return new OversightPolicy(stored);
    }
}
