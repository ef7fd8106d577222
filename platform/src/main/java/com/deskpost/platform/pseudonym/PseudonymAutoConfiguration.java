package com.deskpost.platform.pseudonym;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * {@link Pseudonyms} for every service whose settings name {@code deskpost.pseudonym.secret}; a service
 * that makes or matches pseudonyms of erased addresses sets it, and all of them set the same value.
 */
@AutoConfiguration
@ConditionalOnProperty(prefix = "deskpost.pseudonym", name = "secret")
@EnableConfigurationProperties(PseudonymProperties.class)
public class PseudonymAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Pseudonyms pseudonyms(PseudonymProperties properties) {
        return new Pseudonyms(properties.secret());
    }
}
