package com.deskpost.platform.credential;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * A {@link CredentialSealer} in every service whose settings name public credential keys. A key that does
 * not parse stops the service at start-up with the setting named. No opener is configured here: delivery,
 * the one service that holds private keys, builds its own from {@link CredentialProperties#opener()}.
 */
@AutoConfiguration
@EnableConfigurationProperties(CredentialProperties.class)
public class CredentialAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    @Conditional(PublicKeysSet.class)
    CredentialSealer credentialSealer(CredentialProperties properties) {
        return properties.sealer();
    }

    static final class PublicKeysSet implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return Binder.get(context.getEnvironment())
                    .bind("deskpost.credentials.public-keys", Bindable.listOf(String.class))
                    .map(values -> values.stream().anyMatch(value -> value != null && !value.isBlank()))
                    .orElse(false);
        }
    }
}
