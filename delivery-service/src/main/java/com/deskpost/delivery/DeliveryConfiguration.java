package com.deskpost.delivery;

import com.deskpost.delivery.sending.DeliveryProperties;
import com.deskpost.delivery.sending.MessageFactory;
import com.deskpost.delivery.unsubscribe.UnsubscribeTokens;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Delivery's beans that are plain classes rather than components. */
@Configuration
@EnableConfigurationProperties(DeliveryProperties.class)
class DeliveryConfiguration {

    @Bean
    UnsubscribeTokens unsubscribeTokens(DeliveryProperties properties) {
        return new UnsubscribeTokens(properties.unsubscribeSecret());
    }

    @Bean
    MessageFactory messageFactory(UnsubscribeTokens tokens, DeliveryProperties properties) {
        return new MessageFactory(tokens, properties.publicBaseUrl());
    }
}
