package com.deskpost.delivery.guardrail;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The one {@link RecipientPace} of this instance, from {@code deskpost.guardrails.pace.*}. */
@Configuration(proxyBeanMethods = false)
class PaceConfiguration {

    @Bean
    RecipientPace recipientPace(GuardrailProperties properties) {
        return new RecipientPace(properties.pace().initial(), properties.pace().max());
    }
}
