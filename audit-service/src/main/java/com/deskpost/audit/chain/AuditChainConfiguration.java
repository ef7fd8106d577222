package com.deskpost.audit.chain;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The audit chains' settings, the seal of checkpoints and archives, and the jobs' schedule. */
@Configuration
@EnableScheduling
@EnableConfigurationProperties(AuditChainProperties.class)
class AuditChainConfiguration {

    @Bean
    ChainSeal chainSeal(AuditChainProperties settings) {
        return new ChainSeal(settings.checkpoint().secret());
    }
}
