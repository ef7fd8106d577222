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
 * A {@link CredentialSealer} in every service whose settings name public credential keys, a
 * {@link CredentialOpener} in the one that names private keys (delivery). A key that does not parse
 * stops the service at start-up with the setting named.
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

    @Bean
    @ConditionalOnMissingBean
    @Conditional(PrivateKeysSet.class)
    CredentialOpener credentialOpener(CredentialProperties properties) {
        return properties.opener();
    }

    static final class PublicKeysSet implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return set(context, "deskpost.credentials.public-keys");
        }
    }

    static final class PrivateKeysSet implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return set(context, "deskpost.credentials.private-keys")
                    || context.getEnvironment().containsProperty("deskpost.credentials.private-key-file");
        }
    }

    private static boolean set(ConditionContext context, String name) {
        return Binder.get(context.getEnvironment()).bind(name, Bindable.listOf(String.class))
                .map(values -> values.stream().anyMatch(value -> value != null && !value.isBlank())).orElse(false);
    }
}
